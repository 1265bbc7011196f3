"""Which passage a broad question is most about, and its bullets first. A narrow broad question ("what does the plan
mean for unpaid carers?", "gist of the CSP's view on community rehab") has one passage the cross-encoder reads as
about it, while the rest of the summary's passages only share its words: that passage leads the summary with its
one or two sentences closest to the topic (a sentence that leans on the one before it is shown with that one), and
a passage the cross-encoder read as not bearing on the question gives no bullet at all. The cross-encoder's
scores are the ones retrieval already computed for the top passages: no extra pairs are read."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.retrieve import Hit
from assistant.sections import SectionInfo, in_section
from indexer.embeddings import SentenceEmbeddings
from indexer.passage import Passage, sentences

LEAD_LONGEST = 480
"""A lead sentence that leans on the one before it ("It points out that ...") is shown with that one up to this many
characters: the lead passage is the one the question is about, and its answering sentence often leans back."""


def lead_passage(hits: list[Hit], anchor: SectionInfo | None, config: PipelineConfig = DEFAULT_CONFIG) -> Passage | None:
    """The passage the cross-encoder scored highest, when it reads it as about the question (`summary_lead_rerank`)
    and, for a section summary, it lies in that section."""
    if not config.summary_lead_rerank:
        return None
    scored = [(h.rerank_score, h.passage) for h in hits
              if h.rerank_score is not None and (anchor is None or in_section(h.passage, anchor.id))]
    best = max(scored, key=lambda pair: pair[0], default=None)
    return best[1] if best is not None and best[0] >= config.summary_lead_rerank else None


def off_topic(hits: list[Hit], config: PipelineConfig = DEFAULT_CONFIG) -> set[str]:
    """Ids of the passages the cross-encoder read as not bearing on the question: a passage that shares the topic's
    words ("community mental health teams" for community rehabilitation) gives no bullet."""
    if not config.summary_lead_rerank:
        return set()
    return {h.passage.id for h in hits if h.rerank_score is not None and h.rerank_score < config.summary_off_topic_rerank}


def lead_points(passage: Passage, focus: np.ndarray, embeddings: SentenceEmbeddings,
                stands_alone: Callable[[str], bool], shown: Callable[[Passage, str], str],
                config: PipelineConfig = DEFAULT_CONFIG) -> list[tuple[str, float]]:
    """The lead passage's bullets, in passage order with their closeness to the topic: its sentence closest to the
    topic, and a second one not overlapping it when that is within `summary_lead_margin` of it."""
    parts = sentences(passage.text)
    spans: list[tuple[int, int]] = []
    for n, sentence in enumerate(parts):
        if stands_alone(sentence):
            spans.append((n, n + 1))
        elif n and len(parts[n - 1]) + len(sentence) < LEAD_LONGEST and stands_alone(f"{parts[n - 1]} {sentence}"):
            spans.append((n - 1, n + 1))
    if not spans:
        return []
    texts = [shown(passage, " ".join(parts[a:b])) for a, b in spans]
    relevance = np.asarray(embeddings.embed_sentences(texts)) @ focus
    order = [int(i) for i in np.argsort(-relevance, kind="stable")]
    chosen = [order[0]]
    for i in order[1:config.summary_lead_bullets * 3]:
        if len(chosen) == config.summary_lead_bullets or relevance[i] < relevance[order[0]] - config.summary_lead_margin:
            break
        if all(spans[i][1] <= spans[c][0] or spans[i][0] >= spans[c][1] for c in chosen):
            chosen.append(i)
    chosen.sort(key=lambda i: spans[i])
    return [(texts[i], float(relevance[i])) for i in chosen]
