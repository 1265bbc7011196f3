"""Near misses, round 26: "what HbA1c target does the plan set?" or "what is the Category 2 response time?" sounds
on-topic, and retrieval finds a passage on targets or response times, but the thing whose figure is asked for is one
the documents never name. A question is refused, naming that thing, when the word right before the figure asked for
("<term> target", "<term> rate", "<term> ratio") or a numbered name ("category 2") appears nowhere in the documents,
not as a plural, a one-letter slip, a longer form ("admin": "administrative"), an acronym of the glossary, nor as a
word the askers of answerable tuning questions use for what the documents cover (`users_words.txt`: "kids",
"husband", "HSJ"), and no passage found says it. Precision first: most words the documents lack are the user's own
("wobbly patients"), so only these two shapes are read (docs/history/round-26-nearmiss26.md).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from assistant.glossary import SHORT_FORMS, long_form
from assistant.premise import STOP_WORDS
from assistant.refusal import COVERS, Refusal, normal
from assistant.scope_floor import one_slip

_FIGURE = (r"(?:targets?|rates?|ratios?|levels?|bands?|prices?|fees?|standards?|times?|payments?|amounts?|caps?|"
           r"thresholds?|caseloads?|templates?|scores?|limits?|quotas?|numbers?|figures?|budgets?|costs?|"
           r"allowances?|tariffs?|grades?)")
"""What a near-miss question asks the figure or form of."""
_TERM = re.compile(rf"\b(?P<term>[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?=(?:[\s-]+[a-z]+)?\s+{_FIGURE}\b)")
""""HbA1c target", "door-to-needle time", "bed occupancy level": the word (and one more) before the figure asked."""
_NUMBERED = re.compile(r"\b(?P<name>category|tier|grade|stage|phase|level|wave|cohort|priority)\s+(?P<n>\d+[a-z]?)\b",
                       re.I)
""""Category 2": a numbered name. "Band 6" is left out: askers name their own band ("I'm a band 7 physio")."""
_CHAT = frozenset("actually supposed think doing reckon trying asking please really actual exactly heard true sort bit "
                  "bits stuff".split())
"""Words that say how a thing is asked, not what."""


@cache
def users_words() -> frozenset[str]:
    """Words the documents never use that askers of answerable tuning questions do (bench/nearmiss26_words.py)."""
    text = resources.files("assistant").joinpath("data/users_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def is_known(word: str, known: frozenset[str]) -> bool:
    """Whether the documents use `word`: as it is, as a plural or singular, a glossary acronym or short form, a
    one-letter slip of a word they use (six letters or more), the start of a longer one ("admin", "physios"), a long
    word sharing all but its last three letters with one ("administration": "administrative"), or "un" and a word."""
    low = word.lower().removesuffix("'s").removesuffix("’s")
    if low in known or low.rstrip("s") in known or f"{low}s" in known or low.removesuffix("es") in known or \
            low.removesuffix("ies") + "y" in known or long_form(word) or low in SHORT_FORMS:
        return True
    if "-" in low:  # "over-85s", "e-prescribing": each part a word they use, or a number
        return all(re.fullmatch(r"\d+s?", part) or is_known(part, known) for part in low.split("-") if part)
    if low.startswith("un") and len(low) > 6 and is_known(low[2:], known):
        return True  # "unrealistic"
    stem, shared = low.rstrip("s"), max(7, len(low) - 3)
    return any(len(stem) >= 4 and other.startswith(stem) or len(low) >= 6 and abs(len(other) - len(low)) <= 1 and
               one_slip(low, other) or len(low) >= 10 and other[:shared] == low[:shared] for other in known)


def unnamed_term(question: str, known: frozenset[str], corpus_text: str,
                 users: frozenset[str] | None = None) -> str | None:
    """The thing `question` asks a figure of that the documents never name ("HbA1c", "category 2"), or None.
    `known`: every word of the documents (assistant.scope.vocabulary); `corpus_text`: their normalised text; `users`:
    the askers' words (`users_words()`; another set when cross-validating)."""
    users = users_words() if users is None else users
    for match in _NUMBERED.finditer(question):
        name = f"{match.group('name')} {match.group('n')}"
        if normal(name) not in corpus_text:
            return name
    for match in _TERM.finditer(question):
        term = match.group("term")
        low = term.lower()
        if len(low) < 3 or low in STOP_WORDS or low in _CHAT or low in users or \
                re.search(r"(?:ly|ing|ed)$", low) or is_known(term, known):
            continue
        return term
    return None


def near_miss_refusal(question: str, passages: list[str], known: frozenset[str], corpus_text: str) -> Refusal | None:
    """The refusal of a question asking a figure of a thing the documents never name, which no passage found says
    either; the related passages (searched for without it) are the nearest they cover."""
    term = unnamed_term(question, known, corpus_text)
    if term is None or any(normal(term) in normal(passage) for passage in passages):
        return None
    return Refusal(f"{COVERS} They don't mention \u201c{term}\u201d, so they don't answer this; the nearest they cover "
                   "is in the related passages.", (term,))
