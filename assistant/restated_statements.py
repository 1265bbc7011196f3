"""A one-fact answer without the statements after its lead that only restate what the others say (lead25).

Rounds 20-24 found that trimming clauses cannot take much more from a one-fact answer without losing facts, and that
dropping a statement after the lead because it names nothing asked loses facts one time in ten or more: the probes'
facts are the digest's own phrases, often words the question never used. A statement whose words the answer's other
statements already hold (stemmed, nearly all of them) and which states no number, date, pound sign or share they do
not state is the one kind tuning data shows going without a fact going with it, when most of its pairs of adjacent
words (as written) are also the others': a fact is a phrase, and "Acute trusts range from 2 staff per volunteer to 26
..." beside "... ratios in acute trusts range from 2:1 to 26:1" has the words but not the phrase (the probes' facts
are worded as the second). Statements are judged last first against those still kept, so of two that restate each
other one stays; never the lead, nor a statement the next one leans on. Whole statements go, so what is left reads
as written. Measured in docs/history/round-25-lead25.md.
"""

from __future__ import annotations

import re

from assistant.compact_added import NUMBER
from assistant.retrieve import tokenize
from assistant.wording import is_fragment, normalise

WORD = re.compile(r"[\w£%'/.-]+")
"""A word as written, for the pairs of adjacent words a fact could be (figures and shares whole: "2023/24", "85%")."""


def _terms(text: str) -> set[str]:
    return set(tokenize([text], as_ids=False)[0])


def _pairs(text: str) -> set[tuple[str, str]]:
    words = WORD.findall(normalise(text))
    return set(zip(words, words[1:], strict=False))


def restates(statement: str, others: list[str], new_share: float, new_pairs: float = 1.0) -> bool:
    """Do `others` hold all but at most `new_share` of the statement's words (stemmed), all but `new_pairs` of its
    pairs of adjacent words (as written) and every number it states (as written: "mid-November 2019" is not
    "November 2019")?"""
    words, pairs = _terms(statement), _pairs(statement)
    rest = " ".join(others)
    if not words or set(NUMBER.findall(statement)) - set(NUMBER.findall(rest)):
        return False
    their_words = set().union(*(_terms(other) for other in others))  # each statement's terms are cached
    return len(words - their_words) <= new_share * len(words) and len(pairs - _pairs(rest)) <= new_pairs * len(pairs)


def kept_positions(statements: list[str], new_share: float, new_pairs: float = 1.0) -> list[int]:
    """The positions of `statements` to show: all but those after the lead that `restates` finds the kept others
    restating, judged last first; a statement the next kept one leans on stays."""
    keep = list(range(len(statements)))
    for position in range(len(statements) - 1, 0, -1):
        after = [p for p in keep if p > position]
        if after and is_fragment(statements[after[0]]):
            continue
        if restates(statements[position], [statements[p] for p in keep if p != position], new_share, new_pairs):
            keep.remove(position)
    return keep


def without_restated(shown: list[tuple[str, list[int]]], new_share: float,
                     new_pairs: float = 1.0) -> list[tuple[str, list[int]]]:
    """`shown` (statements and the passages each cites) without the statements after the lead that the others
    restate."""
    return [shown[p] for p in kept_positions([text for text, _ in shown], new_share, new_pairs)]
