"""The statement that says what the question names leads the answer. Statements are chosen and ordered by similarity
and the cross-encoder; what is left is often an answer that opens on the topic's opening passage or a neighbouring
commitment ("In a 2019 briefing on ... older people, the CSP and AGILE say ...", "The CSP and POGP engage with NHS
England ...") while a later statement holds the specific the question named ("... what physiotherapists contribute to
...", "pelvic health clinics will only work ... if"). The question's own distinctive words tell them apart: the share
of the question's term weight a statement contains, each term weighed by its BM25 idf over the sentences of the
passages read, so a word every retrieved sentence uses (the topic) counts little and one few use (the asked-about
detail) counts most. A later statement whose share beats the lead's by a margin moves to the front; nothing is added
or dropped.

Kept out, as in assistant/fact_first.py: lists, two-part questions and a statement leaning on the one before it.
Words that ask rather than name ("what did ... say", "according to the csp") and the plan's own names are not terms:
they name no detail ("Fact first and shorter answers, round 19 (first19)" in docs/history/round-19.md)."""

from __future__ import annotations

import math

from assistant.coverage import GENERIC_TERMS
from assistant.fact_first import best_lead, may_reorder
from assistant.retrieve import tokenize

ASKING_WORDS = frozenset(tokenize([
    "what which who whom whose when where why how did does do doing done say says said tell told want wants give gives "
    "gave mean means plan plans ltp long term framework nhs csp any anything about actually really exactly per "
    "according think reckon expect expects happen happens get got will would should can could is are was were be been "
    "have has had there their they them we us our my me i im you your like line take overall kind kinds thing things "
    "much many number figure bit"], as_ids=False)[0])
"""Stemmed words that ask or point at the documents as a whole; they name no detail a statement could hold."""


def term_weights(question: str, texts: list[str]) -> dict[str, float]:
    """The question's naming terms, each weighed by its idf over `texts` (the sentences of the passages read)."""
    documents = [set(tokens) for tokens in tokenize(texts, as_ids=False)]
    frequency: dict[str, int] = {}
    for tokens in documents:
        for token in tokens:
            frequency[token] = frequency.get(token, 0) + 1
    count = len(documents)
    terms = dict.fromkeys(tokenize([question], as_ids=False)[0])
    return {t: math.log(1 + (count - frequency.get(t, 0) + 0.5) / (frequency.get(t, 0) + 0.5))
            for t in terms if t not in GENERIC_TERMS and t not in ASKING_WORDS}


def named_share(weights: dict[str, float], statement: str) -> float:
    """The share of the question's term weight that `statement` contains (0 when the question names nothing)."""
    total = sum(weights.values())
    if not total:
        return 0.0
    terms = set(tokenize([statement], as_ids=False)[0])
    return sum(weight for term, weight in weights.items() if term in terms) / total


def leading(question: str, statements: list[str], texts: list[str], margin: float, two_part: bool = False) -> int:
    """The index of the statement that should lead the answer (0: the lead stays). `statements`: the answer's
    statements in order, without citation markers; `texts`: the sentences of the passages read (the idf's base)."""
    if not may_reorder(question, statements, two_part):
        return 0
    weights = term_weights(question, texts)
    return best_lead(statements, [named_share(weights, statement) for statement in statements], margin)
