"""A folded follow-up's sentence choice (PipelineConfig.followup23). Its search query folds in the question before
("what opt-in initiatives does the CSP name? how does the money work for those?"), and its sentences are scored on
that query and on the follow-up's own words equally (assistant/follow_ups.py), so the sentence answering the earlier
question can win again: the answer repeats what the assistant has just said ("The CSP names three opt-in
initiatives ...") and leaves out what is asked now ("early adopters get targeted funding"). When the best sentence so
scored says again what the earlier answer said (the assistant's last turn in the history), the follow-up's own words
weigh more. Only then: short follow-ups' own words ("by what year?") lose the topic when they weigh more everywhere.

Tuning data: docs/history/round-23.md, "Follow-up sentence choice, round 23 (followup23)".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.follow_ups import follow_up_scores
from indexer.embeddings import SentenceEmbeddings
from indexer.passage import sentences

_MARKS = re.compile(r"\s*\[\d+\]")


def earlier_answer(turns: Sequence) -> str | None:
    """The assistant's last answer in the conversation (its citation marks dropped); None when it gave none."""
    said = [t.content for t in turns if t.role == "assistant" and t.content.strip()]
    return (_MARKS.sub("", said[-1]).strip() or None) if said else None


def repeat_similarity(earlier: str, vectors: np.ndarray, embeddings: SentenceEmbeddings) -> np.ndarray:
    """Each candidate sentence's closest cosine to a sentence of the earlier answer (both unit vectors)."""
    said = [s for s in sentences(earlier) if s.strip()] or [earlier]
    return (vectors @ np.array(embeddings.embed_documents(said)).T).max(axis=1) if len(vectors) else np.zeros(0)


def follow_up_choice(folded: np.ndarray, own: np.ndarray, vectors: np.ndarray, earlier: str | None,
                     embeddings: SentenceEmbeddings, own_weight: float, threshold: float) -> np.ndarray:
    """The scores a folded follow-up's sentences are chosen by: the mean of the folded query's and the own words'
    (follow_ups.follow_up_scores), unless the best sentence so scored repeats `earlier` (cosine at least
    `threshold`); then the own words weigh `own_weight`. On the same scale as either score."""
    scores = follow_up_scores(folded, own)
    if not earlier or not len(scores):
        return scores
    if repeat_similarity(earlier, vectors[[int(np.argmax(scores))]], embeddings)[0] < threshold:
        return scores
    return (1 - own_weight) * folded + own_weight * own
