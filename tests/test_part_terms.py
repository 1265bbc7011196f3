"""A question that names a part of a document ("Annex C", "chapter 3") finds that part's passages with retrieve21 on:
BM25 drops one-letter words, so without it every annex matched alike and the named annex ranked below the five
passages an answer reads."""

from __future__ import annotations

import pytest

from assistant.part_terms import with_part_terms
from assistant.retrieve import tokenize


def test_a_named_part_becomes_one_term_beside_its_words():
    assert tokenize([with_part_terms("What's Annex C of the framework for?")], as_ids=False)[0] == \
        ["what", "annex", "annexc", "framework"]
    assert "chapter3" in tokenize([with_part_terms("see chapter 3, section 5.2")], as_ids=False)[0]
    assert with_part_terms("what does the plan say about annexes?") == "what does the plan say about annexes?"


@pytest.mark.parametrize("question", ["What is Annex C of the framework about?", "What is in Annex B of the framework?"])
def test_the_named_annex_enters_the_top_five_with_retrieve21(bundled_assistant, question):
    annex = question.split("Annex ")[1][0]

    def annex_ranks(assistant) -> list[int]:
        hits = assistant.retrieve(question, k=5)
        return [n for n, h in enumerate(hits, 1) if h.passage.section_title.startswith(f"Annex {annex}:")]

    assert annex_ranks(bundled_assistant) == []  # the default: other annexes only
    on = bundled_assistant.with_config(bundled_assistant.config.with_values(["retrieve21=true"]))
    assert annex_ranks(on)
