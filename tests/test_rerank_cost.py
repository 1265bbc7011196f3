"""What the cross-encoder is spared without changing an answer: a question naming what the documents lack is refused
before it reads the question's own passages, since the reply points to passages searched for without the names."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG

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
