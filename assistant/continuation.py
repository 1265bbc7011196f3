"""The lead's own next sentence, when it carries the lead on: "For MSK the plan widens online self-management.
Its example is ESCAPE-pain." The second sentence leans on the first ("Its ...", "It proposes ...", "To ease it,
..."), so it scores as a poor sentence alone, yet it often holds the very name, figure or date the question is
after. Shown right after the lead, in the passage's order and under the lead's citation, it reads as written.

Tune split: the passage the answer cites held a fact its sentences dropped in 27 of 254 answered questions; in
several the fact sat in the sentence after the lead, leaning on it. Kept to thin answers (a lead alone, or one too
short to say more than its topic, stating no figure): answer contains the facts 0.777 -> 0.785, citations cover
and first sentence unchanged or up; two answers change.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.asked_for import kinds_in
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.wording import is_fragment, points_back

NAME = re.compile(r"(?<!^)(?<![.:;] )\b[A-Z][\w-]*[A-Z][\w-]*\b|(?<=\s)[A-Z][a-z]+(?: [A-Z][a-z]+)+")
"""A name as the documents write one inside a sentence: an acronym ("ESCAPE-pain", "ACPRC") or capitalised words
("Taskforce for Lung Health" holds "Lung Health")."""
STATES_FIGURE = re.compile(r"\d|£|%")
"""A figure, share or year: a lead stating one is the fact asked for ("winter pressure" is no date)."""
THIN_LEAD_CHARS = 80
"""A lead shorter than this names its topic and little more ("Pneumonia adds heavily to winter pressure.")."""
MAX_CONTINUATION_CHARS = 260
"""A continuation longer than this is a new point, not the lead's next step; and the answer must stay short."""


def leans_on_lead(text: str) -> bool:
    """Does the sentence carry on from the one before it: a connective or a word pointing back in its first few
    words ("Both also sit on ...", "To ease it, ...")?"""
    return is_fragment(text) or points_back(text)


def adds_detail(text: str, given: list[str]) -> bool:
    """Does the sentence state something the answer lacks: a figure or date, or a name it has not given?"""
    if kinds_in(text, given):
        return True
    shown = " ".join(given)
    return any(name not in shown for name in NAME.findall(text))


def continuation(chosen: list[int], candidates: list[tuple[int, str]]) -> int | None:
    """The index of the sentence that carries the lead on, to be shown with it; None when there is none to add.
    A lead stating a figure or a year is itself the fact and needs nothing more (tune split: continuations of such
    leads added length, never a missing fact)."""
    lead = chosen[0]
    following = lead + 1
    if following >= len(candidates) or candidates[following][0] != candidates[lead][0] or following in chosen:
        return None
    text = candidates[following][1]
    given = [candidates[c][1] for c in chosen]
    if len(text) > MAX_CONTINUATION_CHARS or not leans_on_lead(text) or not adds_detail(text, given):
        return None
    if STATES_FIGURE.search(candidates[lead][1]):
        return None
    return following


def with_continuation(chosen: list[int], candidates: list[tuple[int, str]], one_fact: bool,
                      two_part: bool = False, config: PipelineConfig = DEFAULT_CONFIG,
                      asked_for: Callable[[str], bool] | None = None) -> tuple[list[int], int | None]:
    """The chosen sentences with the lead's continuation right after the lead, and its index (None: none added).
    Only a thin answer gets one: a lead standing alone, or a lead too short to say more than its topic
    ("Pneumonia adds heavily to winter pressure."). It joins while the answer has room; in a full answer it takes
    the last sentence's place, except in a two-part question's answer, whose sentences each answer a part.
    `asked_for` (a question after one kind of fact): the continuation must state that kind, which the answer lacks;
    a name or a figure of another kind makes a one-fact answer longer, not more complete.
    Tune split: judging it by its score instead (its similarity to the question, with the fragment penalty lifted)
    kept none of the continuations that held the fact; letting it into fuller answers dropped facts they held."""
    follow = continuation(chosen, candidates)
    if follow is None or (len(chosen) > 1 and len(candidates[chosen[0]][1]) >= THIN_LEAD_CHARS):
        return chosen, None
    if asked_for is not None and not asked_for(candidates[follow][1]):
        return chosen, None
    limit = config.one_fact_max_sentences if one_fact else config.max_sentences
    if len(chosen) < limit:
        return [chosen[0], follow, *chosen[1:]], follow
    if not two_part:
        return [chosen[0], follow, *chosen[1:-1]], follow
    return chosen, None
