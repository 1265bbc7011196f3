"""A per-ask budget of cross-encoder pairs (`PipelineConfig.rerank_pair_budget`): the cross-encoder is most of an
ask's CPU, and a two-part or broad question asks it for twice the pairs of a one-part one. One `BudgetedReranker`
is made per ask; every stage asks it for `room` before reading, so the stages that run first (the question's own
passages, then each part's passages, then the answer's sentences) are served first, and a stage short of room
reads its best few candidates rather than none."""

from __future__ import annotations

import copy

from assistant.rerank import CrossEncoderReranker


class BudgetedReranker(CrossEncoderReranker):
    """`reranker` seen by one ask that may read at most `pairs` distinct (query, text) pairs (a pair read twice,
    as the confirming read of the top passage is, counts once). Everything else is the shared re-ranker's."""

    def __init__(self, reranker: CrossEncoderReranker, pairs: int):  # noqa: D107 (no super: a view, not a model)
        self.inner = reranker
        self.pairs = pairs
        self.seen: set[tuple[str, str]] = set()

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    @property
    def left(self) -> int:
        return max(0, self.pairs - len(self.seen))

    def room(self, wanted: int) -> int:
        """How many of `wanted` new pairs this ask may still read."""
        return min(wanted, self.left)

    def score(self, query: str, texts: list[str]) -> list[float]:
        self.seen.update((query, t) for t in texts)
        return self.inner.score(query, texts)


def budgeted(reranker: CrossEncoderReranker | None, pairs: int) -> CrossEncoderReranker | None:
    """The re-ranker one ask reads through: `reranker` itself when there is no budget (0) or no cross-encoder."""
    return BudgetedReranker(reranker, pairs) if reranker is not None and pairs > 0 else reranker


def with_reranker(snapshot, reranker: CrossEncoderReranker | None):
    """`snapshot` for one ask whose retriever reads through `reranker` (shallow copies: the index, the BM25 scores
    and the snapshot's cached vocabulary are shared, not rebuilt)."""
    if reranker is snapshot.retriever.reranker:
        return snapshot
    retriever = copy.copy(snapshot.retriever)
    retriever.reranker = reranker
    ask = copy.copy(snapshot)
    ask.retriever = retriever
    return ask
