"""What a part of the question asks for: the kinds of fact it wants (`wanted_kinds`) and its content words
(`content_stems`), read by the replays that find where an answer's missing facts sit (bench/contains19_dump.py,
bench/clinical21_compare.py). Written for round 19's contains19 (a sentence from the cited passages added for each
part asking a figure or date that no statement answers: docs/history/round-19.md, "Answers that hold their passages'
facts, round 19 (contains19)"), left off and removed in round 26."""

from __future__ import annotations

import re

from assistant.asked_for import asked_kinds
from assistant.one_fact import WANTS_DATE
from assistant.premise import STOP_WORDS

GENERIC = frozenset("what which when where does would should csp about actually".split())
"""Question words too common to tie a statement to one part."""
WORD = re.compile(r"[a-z][a-z'’-]{3,}")


def content_stems(text: str) -> set[str]:
    """The text's content words, cut to five letters so "covered" meets "coverage"."""
    return {w[:5] for w in WORD.findall(text.lower()) if w not in STOP_WORDS and w not in GENERIC}


ASKS_WHEN = re.compile(r"(?:^|[,:;?(-]\s*|\b(?:and|or|but|by|from|since|until|till|so)\s+)when\b", re.I)
""""When" asking for a date opens its clause ("... and when should the whole country be covered"); inside one it is a
conjunction ("do dads get support when mum is under the perinatal team?")."""


def wanted_kinds(part: str) -> set[str]:
    """The kinds of fact a part asks for: a date for "when" only where it opens a clause (asked_for reads every
    "when" as asking for one), or for "deadline", "what year" and the like."""
    without_when = re.sub(r"\bwhen\b", "", part, flags=re.I)
    kinds = asked_kinds(without_when)
    if ASKS_WHEN.search(part.strip()) or WANTS_DATE.search(without_when):
        kinds.add("date")
    return kinds
