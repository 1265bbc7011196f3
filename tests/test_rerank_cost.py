"""What the cross-encoder is spared without changing an answer: a question naming what the documents lack is refused
before it reads the question's own passages, since the reply points to passages searched for without the names;
a two-part question's part is not re-ranked when the merge could take nothing from it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.retrieve import with_part_hits
from assistant.subquestions import split_question

NAMED = ["What will primary care networks in Wales look like?",
         "What did the Hewitt review say about primary care networks?"]


def answer_and_pairs(assistant, question: str, k: int = 5) -> tuple[dict, int]:
    reranker = assistant.reranker
    reranker._cache.clear()  # a question not seen before: every pair is read
    before = reranker.pairs_scored
    answer = assistant.ask(question, k=k).to_dict()
    return answer, reranker.pairs_scored - before


@pytest.mark.parametrize("question", NAMED)
def test_a_named_refusal_is_the_same_with_fewer_pairs_read(indexed, question):
    early, early_pairs = answer_and_pairs(indexed, question)
    late, late_pairs = answer_and_pairs(indexed.with_config(replace(DEFAULT_CONFIG, refuse_before_rerank=False)),
                                        question)
    assert early["abstained"] and early["related"]
    assert early == late
    assert 0 < early_pairs < late_pairs


def test_an_answered_question_reads_its_passages_as_before(indexed):
    question = "How many people does a primary care network cover?"
    early, early_pairs = answer_and_pairs(indexed, question)
    late, late_pairs = answer_and_pairs(indexed.with_config(replace(DEFAULT_CONFIG, refuse_before_rerank=False)),
                                        question)
    assert not early["abstained"] and "30,000" in early["answer"]
    assert (early, early_pairs) == (late, late_pairs)


def test_with_fewer_passages_than_the_cross_encoder_reads_the_question_is_searched_as_before(indexed):
    """k below rerank_depth: the cross-encoder chooses which passages are the top k, so it must read them."""
    early, early_pairs = answer_and_pairs(indexed, NAMED[0], k=2)
    late, late_pairs = answer_and_pairs(indexed.with_config(replace(DEFAULT_CONFIG, refuse_before_rerank=False)),
                                        NAMED[0], k=2)
    assert (early, early_pairs) == (late, late_pairs)


TWO_PART = ["How many people does a primary care network cover, and when will networks be in place?",
            "How many people does a primary care network cover and what funding do they get?"]


def pairs_read(reranker, search) -> tuple[list, int]:
    reranker._cache.clear()
    before = reranker.pairs_scored
    return search(), reranker.pairs_scored - before


@pytest.mark.parametrize("question", TWO_PART)
def test_a_two_part_question_finds_the_passages_it_found_when_every_part_was_re_ranked(indexed, question):
    """A part's search is left unread by the cross-encoder when its candidates are all among the question's own top
    passages: the merge then takes nothing from it, so the passages found are the same, for fewer pairs."""
    retriever, config = indexed.snapshot().retriever, indexed.config
    parts = split_question(question)
    assert len(parts) == 2

    def every_part_read():
        own = retriever.search(question, k=5)
        return with_part_hits(own, [retriever.search(p, k=5, rerank_depth=config.rerank_part_depth) for p in parts],
                              config.part_merge_lead)[:5]

    found, pairs = pairs_read(indexed.reranker, lambda: retriever.search_question(question, k=5))
    expected, pairs_before = pairs_read(indexed.reranker, every_part_read)
    assert found == expected
    assert pairs < pairs_before if question == TWO_PART[1] else pairs <= pairs_before
