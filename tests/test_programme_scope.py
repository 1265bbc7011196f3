"""The programme finder answers "which programmes ...?" from the catalogue, but only once the scope rules have let the
question through: the catalogue knows nothing of one trust's sign-ups or of another nation's health boards, so a
programme question about them is refused like any other question about them (blind probe 7, b7-133)."""

from __future__ import annotations

import pytest

from assistant.programmes import is_programme_question


@pytest.mark.parametrize(
    "question",
    ["Which opt-in programmes has Northfield Royal Infirmary NHS Trust joined as an early adopter?",
     "Which programmes can a health board in Wales opt into?"],
)
def test_a_programme_question_about_one_trust_or_another_nation_is_refused(indexed, question):
    assert is_programme_question(question), "the finder would have answered it, had it been asked first"
    answer = indexed.ask(question)
    assert answer.abstained
    assert "Postnatal physiotherapy and multidisciplinary pelvic health" not in answer.answer


def test_a_plain_programme_question_is_still_answered_by_the_finder(indexed):
    answer = indexed.ask("Which opt-in programmes can physiotherapists get involved in?")
    assert not answer.abstained
    assert answer.answer.startswith("Systems could opt into these programmes")
    assert "Postnatal physiotherapy and multidisciplinary pelvic health (opt-in) [1]" in answer.answer
    assert answer.citations[0].passage_id == "framework:pelvic-health"
