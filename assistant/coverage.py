"""How well a plan's sentences cover one checklist item: covered, mentioned only in passing, or missing.

Three measures, each catching what the others miss. Meaning (MiniLM cosine) finds the sentences that speak to
the item in other words, but a sentence on a nearby theme scores as high as a passing mention ("This plan is
owned locally" is 0.66 from "engaged with local authorities"). Key terms (BM25 term weights over the plan's own
sentences) tell the two apart: a mention names the requirement's words, a neighbour shares one common word at
most. The cross-encoder reads the item with its closest sentences and tells a developed point (0.24-1.0) from a
mention (about 0.0). Thresholds are calibrated on generated plans (bench/review_plans.py; docs/benchmarks.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from assistant.deadlines import find_deadline
from assistant.retrieve import tokenize

COVERED = "covered"
PARTIAL = "partial"
MISSING = "missing"

GENERIC_TERMS = frozenset(tokenize(["show plan plans system systems set out describe include"], as_ids=False)[0])
"""Words nearly every requirement of a system plan uses: they are no evidence that a sentence is about this one."""


@dataclass(frozen=True)
class ReviewThresholds:
    """The gates of the decision (see docs/benchmarks.md, "Plan review", for where each value comes from)."""

    mention: float = 0.45
    """MiniLM cosine below which a sentence does not speak to the item at all."""
    terms: float = 0.35
    """Share of the item's key-term weight a sentence must contain to count as naming the item."""
    echo: float = 0.75
    """MiniLM cosine at which a sentence says the item in other words, without sharing its terms."""
    answers: float = 0.10
    """Cross-encoder score (0-1) at which a sentence develops the item rather than naming it."""
    match: float = 0.55
    """Without a cross-encoder: the cosine a sentence needs, with `supporting` others above `support`, for
    "covered" (less reliable than the cross-encoder: docs/benchmarks.md)."""
    support: float = 0.40
    supporting: int = 1
    candidates: int = 5
    """The sentences closest in meaning that the cross-encoder reads for each item."""

    def __post_init__(self) -> None:
        if not 0 < self.mention <= self.match < 1 or not 0 < self.support < 1 or self.supporting < 0:
            raise ValueError("thresholds must satisfy 0 < mention <= match < 1, 0 < support < 1, supporting >= 0")
        if not 0 <= self.terms <= 1 or not self.mention <= self.echo <= 1 or self.candidates < 1:
            raise ValueError("thresholds must satisfy 0 <= terms <= 1, mention <= echo <= 1, candidates >= 1")


@dataclass(frozen=True)
class Evidence:
    """What the plan offers for one item: per sentence, closeness in meaning and share of key terms; and the
    cross-encoder's score of the closest sentences (sentence index → score)."""

    meaning: np.ndarray
    terms: np.ndarray
    answers: dict[int, float]


@dataclass(frozen=True)
class Verdict:
    status: str
    sentence: int | None
    """The plan sentence shown as evidence; None when the item is missing."""
    score: float


def term_shares(queries: list[str], texts: list[str]) -> np.ndarray:
    """[query, text]: the share of each query's key-term weight that the text contains. Terms are stemmed and
    stop words dropped as in retrieval (bm25s); a term's weight is its BM25 idf over `texts`, so a word most
    sentences of the plan use counts for little and one the plan never uses counts most."""
    documents = [set(tokens) for tokens in tokenize(texts, as_ids=False)]
    count = len(documents)
    frequency: dict[str, int] = {}
    for tokens in documents:
        for token in tokens:
            frequency[token] = frequency.get(token, 0) + 1
    shares = np.zeros((len(queries), count))
    for row, tokens in enumerate(tokenize(queries, as_ids=False)):
        weights = {t: _idf(frequency.get(t, 0), count) for t in tokens if t not in GENERIC_TERMS}
        total = sum(weights.values())
        if total:
            shares[row] = [sum(w for t, w in weights.items() if t in document) / total for document in documents]
    return shares


def _idf(frequency: int, count: int) -> float:
    return math.log(1 + (count - frequency + 0.5) / (frequency + 0.5))


def judge(evidence: Evidence, t: ReviewThresholds, use_answers: bool = True) -> Verdict:
    """Covered when a close sentence develops the item; partial when one names it (its key terms, or its meaning
    nearly word for word); missing otherwise. Without cross-encoder scores, a close sentence with close
    neighbours stands for a developed point."""
    meaning, terms = evidence.meaning, evidence.terms
    speaks = meaning >= t.mention
    if not speaks.any():
        return Verdict(MISSING, None, float(meaning.max(initial=0.0)))
    if use_answers:
        developed = {n: s for n, s in evidence.answers.items() if speaks[n] and s >= t.answers}
        if developed:
            best = max(developed, key=lambda n: (developed[n], -n))
            return Verdict(COVERED, best, developed[best])
    else:
        best = int(np.argmax(meaning))
        if meaning[best] >= t.match and int(np.sum(meaning >= t.support)) - 1 >= t.supporting:
            return Verdict(COVERED, best, float(meaning[best]))
    naming = speaks & ((terms >= t.terms) | (meaning >= t.echo))
    if not naming.any():
        return Verdict(MISSING, None, float(meaning.max()))
    best = int(np.argmax(np.where(naming, meaning, -1.0)))
    return Verdict(PARTIAL, best, float(meaning[best]))


def other_date(due: str | None, text: str) -> bool:
    """A plan sentence dated to another month speaks to another milestone (the draft, not the final plan)."""
    found = find_deadline(text)
    return bool(due and found and found.due and found.iso[:7] != due[:7])
