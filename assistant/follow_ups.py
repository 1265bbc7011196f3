"""Follow-up questions ("and when should the whole country be covered?", "which taskforce are they part of?"): the
search query folds in the question before ("When did the CSP say urgent community response teams would start
recruiting? and when should ..."), which keeps retrieval on the topic but lets the sentences answering the earlier
question win the answer again. The follow-up's own words say what is asked now: each sentence is scored against
them as much as against the folded query, the cross-encoder reads them, and they alone decide what kind of fact
(a date, a figure, a list) the answer needs and whether it has two parts.

Tune split, the 24 follow-ups whose passages hold the fact: the sentence holding it ranks first for 10 scored on
the folded query, 21 scored on both (13 on both with the cross-encoder reading the folded query; 21 on the
follow-up's words alone, which lose the topic when they say little: "what happens after that?").
"""

from __future__ import annotations

import numpy as np


def follow_up_words(question: str, query: str) -> str | None:
    """The follow-up's own words when the search `query` is more than the question (it folds in the conversation);
    None for a question that stands alone."""
    return question if " ".join(query.split()) != " ".join(question.split()) else None


def follow_up_scores(folded: np.ndarray, own: np.ndarray) -> np.ndarray:
    """Each sentence's score as the mean of its score for the folded query (the topic) and for the follow-up's own
    words (what is asked now); on the same scale as either, so the answer's margins keep their meaning."""
    return (folded + own) / 2
