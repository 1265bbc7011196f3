"""The sentence naming what a short answer leaves unnamed, joined right after its lead.

"What does the CSP pelvic floor briefing say about when surgery should be considered?" is answered by the briefing's
topic sentence ("... pelvic health clinics will only work for women if they are properly resourced ..."), while the
sentence a reader is after ("Surgical options should only be considered after a woman has been referred for pelvic
floor re-education.") sits later in the same passage or in a second cited one. The cross-encoder reads it well but
too far behind the best for contains20's runner-up (assistant/runner_up.py). The question's own distinctive words
tell it apart (asked_words_first: idf-weighted terms, asking words left out): it names the part of the question
("surgical", "considered") that no shown statement names. Here the best-read sentence not shown, of the passages the
answer cites and the top passage, within `gap` of the best sentence read, that holds at least `new_share` of the
question's term weight in terms the answer lacks and states no amount the answer states (issue 21: each fact once),
joins an answer of one statement when the answer stays within `max_chars` (a longer answer keeps its statements:
giving it the sentence in place of its weakest later statement lost facts on tuning data, round 21's
clinical21_swap, removed in round 26). The lead never
changes (fact first and in-scope refusals unchanged). Measured in docs/history/round-21.md, "Clinical-policy answers, round
21 (clinical21)"; a figure-or-name test in place of the unnamed words gained few facts for many more changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from assistant.asked_words_first import term_weights
from assistant.list_answers import WANTS_LIST
from assistant.retrieve import tokenize
from assistant.runner_up import fits_after, unshown
from assistant.wording import clean_sentence


def unnamed_share(question: str, shown: list[str], candidates: Sequence[tuple[int, str]]) -> Callable[[str], float]:
    """A function giving a sentence's share of the question's term weight (asked_words_first) held in terms no
    shown statement contains: how much of what was asked, and left unanswered, the sentence names."""
    weights = term_weights(question, [text for _, text in candidates])
    total = sum(weights.values())
    said = set(tokenize([" ".join(shown)], as_ids=False)[0])
    unnamed = {term: weight for term, weight in weights.items() if term not in said}

    def share(sentence: str) -> float:
        terms = set(tokenize([sentence], as_ids=False)[0])
        return sum(weight for term, weight in unnamed.items() if term in terms) / total if total else 0.0
    return share


def commitment(question: str, shown: list[tuple[str, list[int]]], candidates: Sequence[tuple[int, str]],
               ranked: Sequence[float] | np.ndarray, gap: float, longest: int,
               new_share: float) -> int | None:
    """The index of the best-read sentence not shown, of the cited and top passages, within `gap` of the best
    sentence read, at most `longest` characters, stating no amount the answer states, that names at least
    `new_share` of the question's term weight the answer leaves unnamed; None when there is none."""
    share = unnamed_share(question, [text for text, _ in shown], candidates)
    named = [index for index in unshown(shown, candidates, ranked, gap)
             if len(candidates[index][1]) <= longest and share(candidates[index][1]) >= new_share]
    return max(named, key=lambda index: float(ranked[index]), default=None)


def with_commitment(question: str, shown: list[tuple[str, list[int]]], candidates: Sequence[tuple[int, str]],
                    ranked: Sequence[float] | np.ndarray | None, gap: float, longest: int,
                    max_chars: int, new_share: float) -> list[tuple[str, list[int]]]:
    """`shown` with the sentence naming what it leaves unnamed second, added to a lone statement within
    `max_chars`; unchanged otherwise."""
    if not shown or ranked is None or not len(ranked) or WANTS_LIST.search(question):  # a list's items are its facts
        return shown
    if len(shown) > 1:  # nothing to read: a longer answer keeps its statements
        return shown
    best = commitment(question, shown, candidates, ranked, gap, longest, new_share)
    if best is None:
        return shown
    added = (clean_sentence(candidates[best][1]), [candidates[best][0]])
    return [shown[0], added] if fits_after(shown[0], added[0], max_chars) else shown
