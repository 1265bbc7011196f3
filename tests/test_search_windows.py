"""Windows for one search alone (`related_passage_tokens`, `part_passage_tokens`): the cross-encoder reads the long
passages of a refusal's related-passage search, or of a two-part question's part searches, as windows (fewer
tokens, less CPU per ask), while the question's own passages are read whole as before."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.retrieve import Hit
from indexer.passage import Passage

NAMED = "What will primary care networks in Wales look like?"
ANSWERED = "How many people does a primary care network cover?"
LONG = Passage(
    id="plan/1/1.2", doc_id="plan", section_id="plan/1", section_path=("Chapter 1", "Primary care networks"),
    text=("Hospitals will redesign outpatient services over the next five years so that a third of visits are avoided. "
          "Digital first primary care will become a new option for every patient. "
          "From July 2019 every GP practice will join a primary care network covering 30,000 to 50,000 people. "
          "Networks will share community staff and budgets. "
          "Funding for these services will grow faster than the NHS budget as a whole."))
TWO_PART = "How many people does a primary care network cover, and when will networks be in place?"


def answer_and_tokens(assistant, question: str) -> tuple[dict, int]:
    reranker = assistant.reranker
    reranker._cache.clear()  # a question not seen before: every pair is read
    before = reranker.tokens_scored
    answer = assistant.ask(question).to_dict()
    return answer, reranker.tokens_scored - before


def test_a_named_refusal_is_the_same_refusal_with_its_pointers(indexed):
    whole, _ = answer_and_tokens(indexed, NAMED)
    windowed, _ = answer_and_tokens(indexed.with_config(replace(DEFAULT_CONFIG, related_passage_tokens=24)), NAMED)
    assert whole["abstained"] and windowed["abstained"]
    assert windowed["answer"] == whole["answer"] and windowed["related"]  # the refusal is the same, with pointers


def test_a_search_with_a_window_reads_even_its_first_candidate_as_its_window(indexed):
    retriever, reranker = indexed.snapshot().retriever, indexed.reranker
    hits = [Hit(LONG, 1.0, 0.5)]
    read: list[str] = []
    reranker._cache.clear()
    predict = reranker._predict
    reranker._predict = lambda query, texts: (read.extend(texts), predict(query, texts))[1]
    try:
        retriever._cross_encode(ANSWERED, hits, 1)
        reranker._cache.clear()
        retriever._cross_encode(ANSWERED, hits, 1, window_tokens=48)
    finally:
        del reranker._predict
    assert len(read) == 2 and read[0] == LONG.search_text  # without a window (the default): whole
    assert "30,000 to 50,000 people" in read[1] and "outpatient" not in read[1]  # with one: the first too


def test_an_answered_question_reads_what_it_read_before(indexed):
    config = replace(DEFAULT_CONFIG, related_passage_tokens=24)
    assert answer_and_tokens(indexed.with_config(config), ANSWERED) == answer_and_tokens(indexed, ANSWERED)


def test_a_two_part_question_reads_its_parts_passages_in_fewer_tokens(indexed):
    whole, whole_tokens = answer_and_tokens(indexed, TWO_PART)
    windowed, tokens = answer_and_tokens(indexed.with_config(replace(DEFAULT_CONFIG, part_passage_tokens=24)),
                                         TWO_PART)
    assert "30,000" in whole["answer"] and "30,000" in windowed["answer"]
    assert tokens < whole_tokens


@pytest.mark.parametrize("name", ["related_passage_tokens", "part_passage_tokens"])
def test_a_negative_window_is_refused(name):
    with pytest.raises(ValueError, match=name):
        replace(DEFAULT_CONFIG, **{name: -1})
