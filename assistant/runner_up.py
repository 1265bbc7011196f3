"""The sentence the cross-encoder reads almost as well as the best one, in the answer in place of a weaker one.

The sentence stages choose by similarity margins and by where a sentence sits in its passage, so a sentence of another
read passage that the cross-encoder scores within a hair of the answer's best ("The plan's stroke milestones: ... in
place by 2020" beside "... sets 2020 for these models") is often left out while a weaker one is shown. Here the best
unshown sentence of the passages the answer cites (and the top passage), when it reads within `gap` of the best
sentence and `margin` above the answer's weakest statement after the lead, takes that statement's place; an answer of
one statement gains it instead, when the answer stays within `max_chars`. A sentence stating an amount the answer
already states is passed over (each fact once: issue 21). The lead is never touched (fact first and
in-scope refusals are unchanged), and a one-fact answer stays about as long as before (docs/history/round-20.md, "One-fact
answers that hold their facts, round 20 (contains20)").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.answer_style import FIGURE
from assistant.wording import clean_sentence

PREFIX = 50
"""A candidate counts as shown when the first characters of its cleaned text are in a statement (statements may join
a sentence to its continuation or items)."""
MARKER_CHARS = 4
"""What each citation mark adds to an answer's length (" [n]")."""


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


def sentence_key(text: str) -> str:
    """What identifies a candidate sentence inside a statement (its first `PREFIX` characters, cleaned)."""
    return normalise(clean_sentence(text))[:PREFIX]


def statement_score(text: str, candidates: Sequence[tuple[int, str]], ranked: Sequence[float] | np.ndarray) -> float:
    """The cross-encoder's reading of a statement: the best of the candidate sentences it shows."""
    body = normalise(text)
    found = [float(ranked[i]) for i, (_, sentence) in enumerate(candidates) if sentence_key(sentence) in body]
    return max(found, default=float("-inf"))


def unshown(shown: list[tuple[str, list[int]]], candidates: Sequence[tuple[int, str]],
            ranked: Sequence[float] | np.ndarray, gap: float) -> list[int]:
    """The indices of the candidate sentences a stage may add to `shown`: from a passage it cites (or the top one),
    read within `gap` of the best sentence read, not shown yet, and stating no amount it states (issue 21: each fact
    once)."""
    body = normalise(" ".join(text for text, _ in shown))
    stated = set(FIGURE.findall(body))
    allowed = {0} | {rank for _, ranks in shown for rank in ranks}
    top = float(np.max(ranked))
    return [index for index, (rank, sentence) in enumerate(candidates)
            if rank in allowed and float(ranked[index]) >= top - gap and sentence_key(sentence) not in body
            and not set(FIGURE.findall(normalise(sentence))) & stated]


def answer_chars(shown: list[tuple[str, list[int]]]) -> int:
    """The length of the answer `shown` makes, each statement with its citation marks."""
    return sum(len(text) + MARKER_CHARS * len(ranks) for text, ranks in shown) + len(shown) - 1


def fits_after(lone: tuple[str, list[int]], added: str, max_chars: int) -> bool:
    """Does a lone statement with `added` after it (each with its citation mark) stay within `max_chars`?"""
    return answer_chars([lone, (added, [0])]) <= max_chars


def with_runner_up(shown: list[tuple[str, list[int]]], candidates: Sequence[tuple[int, str]],
                   ranked: Sequence[float] | np.ndarray | None, gap: float, margin: float,
                   max_chars: int) -> list[tuple[str, list[int]]]:
    """`shown` (statements with the ranks of the passages they cite) with the runner-up sentence in the weakest
    statement's place, or after a lone statement; unchanged when no sentence qualifies."""
    if not shown or ranked is None or not len(ranked):  # no cross-encoder: no reading to trust
        return shown
    best = max(unshown(shown, candidates, ranked, gap), key=lambda index: float(ranked[index]), default=None)
    if best is None:
        return shown
    added = (clean_sentence(candidates[best][1]), [candidates[best][0]])
    if len(shown) == 1:
        return [*shown, added] if fits_after(shown[0], added[0], max_chars) else shown
    scores = [statement_score(text, candidates, ranked) for text, _ in shown]
    weakest = min(range(1, len(shown)), key=lambda j: scores[j])
    if float(ranked[best]) < scores[weakest] + margin:
        return shown
    return [*shown[:weakest], *shown[weakest + 1:], added]
