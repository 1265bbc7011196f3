"""Sentences stating a fact already in the answer: a restatement is left out, and another passage stating the same
fact is cited on the one statement instead (`[1][3]`)."""

from __future__ import annotations

import numpy as np

from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.one_fact import facts_in


def repeats(index: int, chosen: list[int], candidates: list[tuple[int, str]], vectors: np.ndarray,
             config: PipelineConfig = DEFAULT_CONFIG) -> bool:
    """A near-duplicate of a chosen sentence, or a paraphrase of one that states no figure not already given
    (several passages restate "30,000 to 50,000 people"; the answer needs it once)."""
    similarities = [float(vectors[index] @ vectors[c]) for c in chosen]
    if any(s > config.duplicate_similarity for s in similarities):
        return True
    figures = facts_in(candidates[index][1])
    given = {f for c in chosen for f in facts_in(candidates[c][1])}
    return bool(figures) and figures <= given and any(s > config.restatement_similarity for s in similarities)


def supporting(chosen: list[int], candidates: list[tuple[int, str]], vectors: np.ndarray,
                config: PipelineConfig = DEFAULT_CONFIG) -> dict[int, list[int]]:
    """For each chosen sentence, the other passages (by rank) that state the same fact: a sentence that restates
    it closely and shares its figures. They are cited on the one statement instead of repeating it."""
    support: dict[int, list[int]] = {c: [] for c in chosen}
    cited = {candidates[c][0] for c in chosen}
    for index, (rank, text) in enumerate(candidates):
        if rank in cited:
            continue
        figures = facts_in(text)
        for c in chosen:
            similarity = float(vectors[index] @ vectors[c])
            states_no_other_fact = figures and figures <= facts_in(candidates[c][1])
            if (states_no_other_fact and similarity > config.support_similarity) or \
                    similarity > config.duplicate_similarity:
                support[c].append(rank)
                cited.add(rank)
                break
    return support
