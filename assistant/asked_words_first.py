"""The question's own distinctive words, weighed: each term by its BM25 idf over the sentences of the passages read, so
a word every retrieved sentence uses (the topic) counts little and one few use (the asked-about detail) counts most.
Words that ask rather than name ("what did ... say", "according to the csp") and the plan's own names are not terms:
they name no detail. Read by the completing stages (assistant/commitment.py) and, for `ASKING_WORDS`, the clause
shorteners. Written for round 19's first19 (the statement naming what was asked moved to the front: "Fact first and
shorter answers, round 19 (first19)" in docs/history/round-19.md), which was left off and removed in round 26."""

from __future__ import annotations

import math

from assistant.coverage import GENERIC_TERMS
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
