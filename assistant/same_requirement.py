"""When two checklist items state one requirement (a plan commitment, the framework's requirement and the CSP's
guidance on it), they become one item with every citation. Checklists and the timeline merge this way."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from assistant.checklist_items import ChecklistItem
from assistant.vector_cache import remember

SAME_REQUIREMENT = 0.6
"""Cosine similarity (all-MiniLM-L6-v2) above which two actions are one requirement. Calibrated on the
framework's section 1 with the words every plan item shares left out: a feature and its own entry score 0.61-1.0
("locally owned" against "locally owned, developed with local partners" 0.82); two different features 0.05-0.21."""
LONG_ACTION_WORDS = 10
LONG_ACTION_SIMILARITY = 0.75
"""For actions longer than LONG_ACTION_WORDS: a cancer milestone and a workforce requirement scored 0.6-0.7."""


def merge_items(items: list[ChecklistItem], embeddings=None, threshold: float = SAME_REQUIREMENT) -> list[ChecklistItem]:
    """One item per requirement: a later item that means the same as an earlier one adds its citation there.

    Meaning is compared with the embedding model when one is given; without it, only near-identical wording
    (the same words, ignoring order) merges."""
    if not items:
        return []
    similar = _similarity(items, embeddings)
    kept: list[int] = []
    merged: dict[int, ChecklistItem] = {}
    for n, item in enumerate(items):
        match = next((k for k in kept if _compatible(items[k], item, similar[n, k], threshold)), None)
        if match is None:
            kept.append(n)
            merged[n] = item
            continue
        merged[match] = _combine(merged[match], item)
    return [merged[k] for k in kept]


def action_core(action: str) -> str:
    """The action without the words every plan requirement shares, so two features are compared on what differs."""
    return re.sub(r"^Show the plan (is )?", "", action)


def remember_actions(assistant, items: list[ChecklistItem]) -> None:
    """The vectors merging compares, from LTP_DATA_DIR's cache: a first checklist in a new process then needs no
    model at all (assistant.vector_cache)."""
    remember(assistant, [action_core(i.action) for i in items])


def _similarity(items: list[ChecklistItem], embeddings) -> np.ndarray:
    texts = [action_core(item.action) for item in items]
    if embeddings is not None:
        vectors = np.asarray(embeddings.embed_sentences(texts))
        return vectors @ vectors.T
    words = [frozenset(re.findall(r"[a-z0-9£%/]+", t.lower())) for t in texts]
    return np.array([[len(a & b) / max(1, len(a | b)) for b in words] for a in words])


def _compatible(first: ChecklistItem, other: ChecklistItem, similarity: float, threshold: float) -> bool:
    """Requirements with different due dates are different milestones, however alike their wording. Long
    actions share many words with any other long action, so they must be closer to count as one."""
    if first.due != other.due:
        return False
    longest = max(len(action_core(first.action).split()), len(action_core(other.action).split()))
    return similarity >= (threshold if longest <= LONG_ACTION_WORDS else LONG_ACTION_SIMILARITY)


def _combine(first: ChecklistItem, other: ChecklistItem) -> ChecklistItem:
    citations = first.citations + tuple(c for c in other.citations if c.passage_id not in {x.passage_id for x in first.citations})
    return replace(
        first, citations=citations,
        deadline=first.deadline or other.deadline, due=first.due or other.due,
        responsible=first.responsible or other.responsible,
        figures=tuple(dict.fromkeys(first.figures + other.figures)),
    )
