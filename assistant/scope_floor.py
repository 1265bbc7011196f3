"""Does a passage found name everything the question asks about, allowing for a slip of the keyboard? A misspelt
word ("the 5 fincancial tests") is split by the embedding model into pieces that match nothing, so a question whose
every word a passage uses can still fall below the similarity floor. When one passage has every content word of the
question (a word one letter off counting as the word), the floor's "nothing close enough" is not true of it."""

from __future__ import annotations

import re

from assistant.premise import STOP_WORDS

_WORD = re.compile(r"[a-z][a-z'’-]*")
_ASKING = frozenset("tell me give list explain say says said mean means meant main key exactly please briefly "
                    "summary summarise nutshell about are is were".split())
"""Words that say how a thing is asked for, not what it is."""


def one_slip(word: str, other: str) -> bool:
    """Whether `word` is `other` with one letter added, dropped, changed or two neighbours swapped."""
    if abs(len(word) - len(other)) > 1 or word[:1] != other[:1]:
        return False
    if len(word) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
        return len(diff) == 1 or len(diff) == 2 and diff[1] == diff[0] + 1 and \
            word[diff[0]] == other[diff[1]] and word[diff[1]] == other[diff[0]]
    short, long = sorted((word, other), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _named(word: str, words: set[str]) -> bool:
    if word in words or word.rstrip("s") in words or f"{word}s" in words:
        return True
    return len(word) >= 6 and any(one_slip(word, w) for w in words if len(w) >= 5)


def names_every_word(question: str, passages: list[str], fewest: int = 2) -> bool:
    """Whether one of `passages` uses every content word of `question` (at least `fewest` of them), a word one
    slip off a word of the passage counting as that word."""
    asked = [w for w in _WORD.findall(question.lower()) if w not in STOP_WORDS and w not in _ASKING and len(w) > 2]
    if len(asked) < fewest:
        return False
    for passage in passages:
        words = set(_WORD.findall(passage.lower()))
        if all(_named(w, words) for w in asked):
            return True
    return False
