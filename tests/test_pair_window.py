"""Passage windows (`rerank_passage_tokens`): the cross-encoder reads a long passage as the sentences around the one
closest to the question, within the token budget, so an ask reads fewer tokens; off (0), every passage is read whole
as before."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.pair_window import window
from indexer.passage import Passage

QUESTION = "How many people does a primary care network cover?"
TEXTS = ["One two.", "Three four five.", "Six.", "Seven eight nine ten.", "Eleven."]


def words(text: str) -> int:
    return len(text.split())


def test_a_passage_that_fits_is_read_as_it_is():
    whole = "Title. " + " ".join(TEXTS)
    assert window(whole, "Title", TEXTS, 2, words, 100) == whole


def test_a_long_passage_is_read_around_its_best_sentence_within_the_budget():
    whole = "Title. " + " ".join(TEXTS)
    cut = window(whole, "Title", TEXTS, 2, words, 6)
    assert "Six." in cut and words(cut) <= 6
    assert cut == "Title. Six. Seven eight nine ten."  # the next sentence first: a passage leads into its point
    assert window(whole, "Title", TEXTS, 4, words, 6) == "Title. Seven eight nine ten. Eleven."  # the last sentence


def test_the_best_sentence_is_kept_even_alone_past_the_budget():
    assert window(" ".join(TEXTS), "", TEXTS, 3, words, 2) == "Seven eight nine ten."


LONG = Passage(
    id="plan/1/1.2", doc_id="plan", section_id="plan/1", section_path=("Chapter 1", "Primary care networks"),
    text=("Hospitals will redesign outpatient services over the next five years so that a third of visits are avoided. "
          "Digital first primary care will become a new option for every patient. "
          "From July 2019 every GP practice will join a primary care network covering 30,000 to 50,000 people. "
          "Networks will share community staff and budgets. "
          "Expanded community multidisciplinary teams will be aligned with them. "
          "Funding for these services will grow faster than the NHS budget as a whole."))


def test_with_a_budget_a_long_passage_is_read_as_its_answering_sentences(indexed):
    whole = indexed.snapshot().retriever
    assert whole._pair_text(QUESTION, LONG) == LONG.search_text  # the default reads the passage whole, as before
    windowed = indexed.with_config(replace(DEFAULT_CONFIG, rerank_passage_tokens=48)).snapshot().retriever
    text = windowed._pair_text(QUESTION, LONG)
    assert "30,000 to 50,000 people" in text and text.startswith("Primary care networks. ")
    assert "outpatient" not in text  # the first sentence, far from the question, is not read
    reranker = indexed.reranker
    assert reranker.count_tokens(QUESTION, text) <= 48 < reranker.count_tokens(QUESTION, LONG.search_text)
    assert windowed._pair_text(QUESTION, replace(LONG, text="Networks cover 30,000 people.")) == \
        "Primary care networks. Networks cover 30,000 people."  # a passage within the budget is read as it is


def test_a_negative_budget_is_refused():
    with pytest.raises(ValueError, match="rerank_passage_tokens"):
        replace(DEFAULT_CONFIG, rerank_passage_tokens=-1)


def test_from_the_second_candidate_the_first_is_read_whole_and_the_rest_windowed(indexed):
    from assistant.retrieve import Hit

    config = replace(DEFAULT_CONFIG, rerank_passage_tokens=48, rerank_window_from=1)
    retriever = indexed.with_config(config).snapshot().retriever
    second = replace(LONG, id="plan/1/1.3")
    read: list[str] = []
    reranker = retriever.reranker
    reranker._cache.clear()
    predict = reranker._predict
    reranker._predict = lambda query, texts: (read.extend(texts), predict(query, texts))[1]
    try:
        retriever._cross_encode(QUESTION, [Hit(LONG, 1.0, 0.5), Hit(second, 0.99, 0.5)], 2)
    finally:
        del reranker._predict
    assert read[0] == LONG.search_text  # the lead candidate, whole
    assert read[1] != LONG.search_text and "30,000 to 50,000 people" in read[1]  # the next, its window
