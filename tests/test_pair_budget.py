"""A per-ask budget of cross-encoder pairs (`rerank_pair_budget`): an ask reads no more pairs than the budget, the
stages that read first are served first, and a question the budget does not bind is answered as without it."""

from __future__ import annotations

from dataclasses import replace

from assistant.config import DEFAULT_CONFIG
from assistant.pair_budget import BudgetedReranker, budgeted

TWO_PART = "How many people does a primary care network cover, and when will every practice be in one?"
ONE_PART = "How many people does a primary care network cover?"


def answer_and_pairs(assistant, question: str) -> tuple[dict, int]:
    reranker = assistant.reranker
    reranker._cache.clear()  # a question not seen before: every pair is read
    before = reranker.pairs_scored
    answer = assistant.ask(question).to_dict()
    return answer, reranker.pairs_scored - before


class Counting:
    """A stand-in model that scores every text 0.5 and counts what it is asked."""

    def __init__(self):
        self.asked: list[tuple[str, str]] = []

    def score(self, query: str, texts: list[str]) -> list[float]:
        self.asked += [(query, t) for t in texts]
        return [0.5] * len(texts)


def test_room_shrinks_as_pairs_are_read_and_a_pair_read_again_is_free():
    inner = Counting()
    reranker = BudgetedReranker(inner, 4)  # type: ignore[arg-type]
    assert reranker.room(3) == 3
    reranker.score("q", ["a", "b", "c"])
    assert reranker.room(3) == 1
    reranker.score("q", ["a"])  # the confirming read of the top passage, read again by the re-ordering
    assert reranker.room(3) == 1
    reranker.score("q", ["d"])
    assert reranker.room(3) == 0


def test_no_budget_is_the_shared_reranker_itself():
    inner = Counting()
    assert budgeted(inner, 0) is inner  # type: ignore[arg-type]
    assert budgeted(None, 10) is None


def test_the_budget_caps_the_pairs_an_ask_reads(indexed):
    _, unbounded = answer_and_pairs(indexed, TWO_PART)
    budget = unbounded - 1
    answer, read = answer_and_pairs(indexed.with_config(replace(DEFAULT_CONFIG, rerank_pair_budget=budget)), TWO_PART)
    assert 0 < read <= budget < unbounded
    assert answer["answer"]


def test_a_one_part_question_under_the_budget_is_answered_as_without_it(indexed):
    without, pairs = answer_and_pairs(indexed, ONE_PART)
    within, read = answer_and_pairs(indexed.with_config(replace(DEFAULT_CONFIG, rerank_pair_budget=pairs + 2)), ONE_PART)
    assert within == without
    assert read == pairs
