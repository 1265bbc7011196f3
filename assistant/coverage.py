"""How well a plan's sentences cover one checklist item: covered, mentioned only in passing, or missing.

A plan *names* an item when a sentence is close in meaning (MiniLM cosine) and also shares the item's key terms
(BM25 term weights over the plan's own sentences) or is read as answering it by the cross-encoder, or is so close
in meaning that it says the item in other words. Meaning alone is not enough: a sentence on a nearby theme scores
as high as a passing mention ("This plan is owned locally" is 0.66 from "engaged with local authorities"), but it
shares one common word at most. A named item is *covered* when the plan develops it: the naming sentence and what
follows it in its paragraph carry some detail (a passing mention is one short sentence). Acronyms are spelled out
first, so "ICS" meets "integrated care system". Thresholds are calibrated on generated plans
(bench/review_plans.py; docs/history/plan-review.md, "Plan review").
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
    """The gates of the decision (docs/history/plan-review.md, "Plan review", says where each value comes from)."""

    mention: float = 0.30
    """MiniLM cosine below which a sentence does not speak to the item at all."""
    terms: float = 0.25
    """Share of the item's key-term weight a sentence must contain to count as naming the item."""
    echo: float = 0.70
    """MiniLM cosine at which a sentence names the item in other words, without its terms. Above the 0.66 of a
    sentence on a neighbouring theme."""
    answers: float = 0.10
    """Cross-encoder score (0-1) at which a sentence is read as answering the item."""
    support: float = 0.40
    """A sentence before the naming one in its paragraph, this close in meaning, is on the same point (the
    sentences after it are taken to go on with it, as a paragraph's detail follows its topic sentence)."""
    detail: int = 19
    """Words, in the naming sentence and the rest of its paragraph on the point, that make a developed point
    ("covered"); a passing mention is one short sentence."""
    candidates: int = 8
    """The sentences closest in meaning that the cross-encoder reads for each item."""

    def __post_init__(self) -> None:
        if not 0 < self.mention <= self.echo <= 1 or not 0 <= self.terms <= 1 or not 0 < self.support < 1:
            raise ValueError("thresholds must satisfy 0 < mention <= echo <= 1, 0 <= terms <= 1, 0 < support < 1")
        if self.detail < 1 or self.candidates < 1:
            raise ValueError("detail and candidates must be at least 1")


@dataclass(frozen=True)
class Evidence:
    """What the plan offers for one item: per sentence, closeness in meaning, share of key terms and length; and
    the cross-encoder's score of the closest sentences (sentence index → score)."""

    meaning: np.ndarray
    terms: np.ndarray
    words: tuple[int, ...]
    paragraphs: tuple[int, ...]
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


def judge(evidence: Evidence, t: ReviewThresholds) -> Verdict:
    """Missing unless a sentence names the item; covered when the plan develops it there; partial otherwise."""
    meaning, terms, answers = evidence.meaning, evidence.terms, evidence.answers
    answering = np.array([answers.get(n, 0.0) >= t.answers for n in range(len(meaning))], dtype=bool)
    named = ((meaning >= t.mention) & ((terms >= t.terms) | answering)) | (meaning >= t.echo)
    if not named.any():
        return Verdict(MISSING, None, float(meaning.max(initial=0.0)))
    strength = np.maximum(meaning, [answers.get(n, 0.0) for n in range(len(meaning))])
    best = int(np.argmax(np.where(named, strength, -1.0)))
    on_point = (meaning >= t.support) | answering
    paragraph = evidence.paragraphs[best]
    detail = sum(evidence.words[n] for n in range(len(meaning))
                 if evidence.paragraphs[n] == paragraph and (n >= best or on_point[n]))
    return Verdict(COVERED if detail >= t.detail else PARTIAL, best, float(strength[best]))


def other_date(due: str | None, text: str) -> bool:
    """A plan sentence dated to another month speaks to another milestone (the draft, not the final plan)."""
    found = find_deadline(text)
    return bool(due and found and found.due and found.iso and found.iso[:7] != due[:7])
