"""What a part of a question asks for (assistant/part_figures.py): "when" asks for a date only where it opens a
clause, and a part's content words meet a sentence's however they end."""

from __future__ import annotations

from assistant.part_figures import content_stems, wanted_kinds


def test_when_asks_for_a_date_only_where_it_opens_a_clause():
    assert "date" in wanted_kinds("where did it start and when should the whole country be covered")
    assert "date" not in wanted_kinds("do dads get any support when mum is under the perinatal team")


def test_content_words_meet_across_endings_and_question_words_do_not_count():
    assert content_stems("when should the whole country be covered") & content_stems("full coverage by 2024")
    assert not content_stems("what does the csp say about it")
