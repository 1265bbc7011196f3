"""The cross-encoder reads the lead sentence with its passage's next sentence, and the next sentence joins the answer
when the model reads the two as answering the question better than the lead alone.

The answer often opened with its passage's topic sentence, which shares the question's words ("The framework calls
its foundational programmes 'critical foundations'."), while the fact asked for sat in the sentence after it: the
list, the date of "when", the £ figure, the second half of a two-part question. Read alone, that next sentence
("They are primary and community care; ...", "It is meant to ... fees substantially lower than the usual £9,250")
scores as answering nothing: it leans on the lead. Read with the lead, the model sees what it adds: its
(question, lead + next) score rises above its (question, lead) score. The rise is measured in logits, since the
model's sigmoid scores saturate near 1 for a lead already on the topic. One pair per answer (the lead alone is
usually read already; scores are cached by (question, text)).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from assistant.config import PipelineConfig
from assistant.continuation import adds_detail
from assistant.rerank import CrossEncoderReranker
from assistant.wording import clean_sentence

MAX_NEXT_CHARS = 300
"""A next sentence longer than this is a new point, not the lead's next step; and the answer must stay short."""


def logit(score: float) -> float:
    """The model's relevance logit back from its sigmoid score (clipped: a score of 0 or 1 is finite)."""
    score = min(max(score, 1e-9), 1 - 1e-9)
    return math.log(score / (1 - score))


def next_gain(query: str, lead: str, following: str, reranker: CrossEncoderReranker) -> float:
    """How much more the cross-encoder reads the lead with its next sentence as answering `query` than the lead
    alone, in logits."""
    alone, together = reranker.score(query, [lead, f"{clean_sentence(lead)} {clean_sentence(following)}"])
    return logit(together) - logit(alone)


def next_of_lead(chosen: list[int], candidates: list[tuple[int, str]]) -> int | None:
    """The sentence after the lead in the lead's own passage, when it is not chosen already; else None."""
    following = chosen[0] + 1
    if following >= len(candidates) or candidates[following][0] != candidates[chosen[0]][0] or following in chosen:
        return None
    return following if len(candidates[following][1]) <= MAX_NEXT_CHARS else None


def with_read_continuation(query: str, chosen: list[int], candidates: list[tuple[int, str]],
                           reranker: CrossEncoderReranker | None, config: PipelineConfig,
                           asked_for: Callable[[str], bool] | None = None) -> tuple[list[int], int | None]:
    """The chosen sentences with the lead's next sentence right after the lead when it states something the answer
    lacks (a figure, a date or a name: `continuation.adds_detail`, checked first, so a next sentence adding none costs
    no pair) and the cross-encoder reads the two together as answering better than the lead alone (by
    `lead_next_gain` logits), and its index (None: none added).
    Off when `lead_next_gain` is 0 or there is no cross-encoder.
    `asked_for` (a question after one kind of fact, `one_fact.lead_lacks`): the next sentence must state that kind,
    which the answer lacks, as for today's continuation; a one-fact answer that holds its fact grows no longer (tune:
    of 19 one-fact answers it lengthened without that test, none gained a fact, and they moved the one-fact
    median)."""
    if reranker is None or config.lead_next_gain <= 0 or reranker.room(2) < 2:
        return chosen, None
    following = next_of_lead(chosen, candidates)
    if following is None or not adds_detail(candidates[following][1], [candidates[c][1] for c in chosen]):
        return chosen, None
    if asked_for is not None and not asked_for(candidates[following][1]):
        return chosen, None
    if next_gain(query, candidates[chosen[0]][1], candidates[following][1], reranker) < config.lead_next_gain:
        return chosen, None
    return [chosen[0], following, *chosen[1:]], following
