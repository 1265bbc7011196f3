"""The sentence stating what a one-fact question asks for, when the answer cites its passage but states another.

"Is there money for pelvic health physio after birth?" is answered with two statements saying postnatal physiotherapy
is an opt-in initiative and that the plan promises better access, citing the passage whose next sentence says early
adopter systems get targeted funding: the sentence answering "is there money" is left out. The question asks for one
kind of fact (a sum or funding, a date, a count, a share, a duration: assistant/asked_for.py; or who: a person or a
body) that no statement, as shown (lead21 shortens them after this stage), states, while a sentence of a cited
passage does. Here that sentence, the best read by the cross-encoder of the cited (or top) passages within `gap` of
the best sentence, takes the place of the answer's last statement after the lead (a swap: the answer stays about as
long), or joins a lone statement within `max_chars`. The lead never changes (fact first and in-scope refusals
unchanged). Measured in docs/history/round-23.md, "Answers stating what was asked, round 23 (asked23)".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from assistant.asked_for import AMOUNTS, asked_kinds, kinds_in
from assistant.continuation import NAME
from assistant.list_answers import WANTS_LIST
from assistant.runner_up import answer_chars, statement_score, unshown
from assistant.wording import clean_sentence

FUNDING = re.compile(r"£|\b(?:fund(?:s|ing|ed)?|money|invest(?:s|ing|ed|ment)?|budgets?|allocations?|"
                     r"paid|payments?)\b", re.I)
"""Money stated without a sum: "Early adopter systems get targeted funding" answers "is there money for ...?"."""
ASKS_WHO = re.compile(r"(?:^|[,;:?(-]\s*)(?:(?:and|so|but|ok|then)\W+)?who\b|"
                      r"\bwhich (?:body|bodies|organisations?|groups?|person|people)\b", re.I)
"""A question after a person or a body ("who at the CSP called the target ambitious?"); not a "who" that opens a
relative clause ("smokers who get admitted")."""


def wanted_kinds(question: str) -> set[str]:
    """The kinds of fact `question` asks for: asked_for's, and "who"."""
    return asked_kinds(question) | ({"who"} if ASKS_WHO.search(question) else set())


def states(text: str, wanted: set[str], given: Sequence[str] = ()) -> bool:
    """Does `text` state a fact of a wanted kind that the `given` sentences do not already state?"""
    kinds = kinds_in(text, list(given))
    if kinds & wanted or ("count" in wanted and kinds & AMOUNTS):  # "how far along?": "98% of STPs" answers it
        return True
    shown = " ".join(given)
    if "money" in wanted and any(found.group().lower() not in shown.lower() for found in FUNDING.finditer(text)):
        return True
    return "who" in wanted and any(name not in shown for name in NAME.findall(text))


def with_asked(question: str, shown: list[tuple[str, list[int]]], candidates: Sequence[tuple[int, str]],
               ranked: Sequence[float] | np.ndarray | None, gap: float, longest: int, max_chars: int,
               shorten: Callable[[str], str] = lambda text: text,
               margin: float = float("inf")) -> list[tuple[str, list[int]]]:
    """`shown` with the best-read unshown sentence stating the kind of fact asked for, when no statement as shown
    (`shorten`: what lead21 will leave of it) states that kind, or (`margin` finite) when it reads at least `margin`
    better than every statement stating it: in place of the last statement after the lead that states no asked kind
    (none: unchanged), or after a lone statement within `max_chars`; unchanged otherwise (a list's items are its
    facts: never a list)."""
    if not shown or ranked is None or not len(ranked) or WANTS_LIST.search(question):
        return shown
    wanted = wanted_kinds(question)
    texts = [shorten(text) for text, _ in shown]
    stated = [j for j, text in enumerate(texts) if states(text, wanted)]
    if not wanted or (stated and margin == float("inf")):
        return shown
    stating = [index for index in unshown(shown, candidates, ranked, gap)
               if len(candidates[index][1]) <= longest and states(shorten(candidates[index][1]), wanted, texts)]
    best = max(stating, key=lambda index: float(ranked[index]), default=None)
    if best is None:
        return shown
    if stated and float(ranked[best]) < max(statement_score(shown[j][0], candidates, ranked) for j in stated) + margin:
        return shown
    added = (clean_sentence(candidates[best][1]), [candidates[best][0]])
    if len(shown) == 1:
        return [*shown, added] if answer_chars([*shown, added]) <= max_chars else shown
    bare = [j for j in range(1, len(shown)) if j not in stated]
    if not bare:  # every statement after the lead states a fact of the kind asked: none is taken out
        return shown
    return [*shown[:bare[-1]], *shown[bare[-1] + 1:], added]
