"""The figure or date a longer clinical-policy answer leaves out, from the passages it already cites.

"Stroke services - what do local areas have to plan for under the framework?" is answered with two statements about
rehabilitation teams and the National Stroke Programme, while the top passage, which the answer cites, goes on: "The Long
Term Plan milestones that system plans must address are: a ten-fold rise in mechanical thrombectomy, to 10% of stroke
patients, by 2022; ...". Of the clinical-policy answers on tuning data that lack a fact held by a passage they cite,
most are of two or more statements (clinical21, assistant/commitment.py, only completes answers of one), and the
fact they lack is most often a figure or date; the holding sentence is often the best-read sentence not shown. Here
an answer of two or more statements gains, last, the best-read sentence not shown of the passages it cites (or the
top passage), read within `gap` of the best sentence, at most `longest` characters, that states a number (a figure or
date) the answer does not (and no amount it states: issue 21, each fact once), when the answer is at least
`min_chars` long and stays within `max_chars`. Nothing leaves the answer and the lead never changes (no fact lost,
fact first and in-scope refusals unchanged). Measured in docs/history/round-22.md, "Clinical-policy answers, round 22
(clinical22)".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.list_answers import WANTS_LIST
from assistant.runner_up import answer_chars, unshown
from assistant.wording import clean_sentence

NUMBER = re.compile(r"\d[\d,./]*\d|\d")
"""A number as written ("30", "2023/24", "345,000"): the added sentence must state one the answer does not."""


def new_numbers(sentence: str, shown: list[tuple[str, list[int]]]) -> set[str]:
    """The numbers `sentence` states that no shown statement states (a sentence restating "no more than 30 ... per
    million" in other words adds nothing a reader lacks)."""
    return set(NUMBER.findall(sentence)) - {n for text, _ in shown for n in NUMBER.findall(text)}


def with_figure(question: str, shown: list[tuple[str, list[int]]], candidates: Sequence[tuple[int, str]],
                ranked: Sequence[float] | np.ndarray | None, gap: float, longest: int,
                min_chars: int, max_chars: int) -> list[tuple[str, list[int]]]:
    """`shown` with the best-read unshown sentence stating a figure or date appended, when it has two or more
    statements, is already at least `min_chars` long (a shorter answer made longer lifts the one-fact median: issue
    21) and stays within `max_chars`; unchanged otherwise (a list's items are its facts: never a list)."""
    if len(shown) < 2 or ranked is None or not len(ranked) or WANTS_LIST.search(question) \
            or answer_chars(shown) < min_chars:
        return shown
    figures = [index for index in unshown(shown, candidates, ranked, gap)
               if len(candidates[index][1]) <= longest and new_numbers(candidates[index][1], shown)]
    best = max(figures, key=lambda index: float(ranked[index]), default=None)
    if best is None:
        return shown
    added = (clean_sentence(candidates[best][1]), [candidates[best][0]])
    return [*shown, added] if answer_chars([*shown, added]) <= max_chars else shown
