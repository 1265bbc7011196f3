"""A part of the question asking for a figure, date or share that the answer leaves unanswered, answered from the
passages the answer already cites.

The sentence stages choose by how closely a sentence matches the whole question, so in "which share of hospitals get
alcohol care teams and how many admissions could that avoid?" the sentence naming the teams wins and "ACTs could
avoid 50,000 admissions" (same passage, cited) is left out. Here each part asking for a kind of fact
(asked_for.asked_kinds) is checked against the answer's statements: one answers it when it states that kind, counts
what a "how many" part counts, and shares a content word with the part. For a part nothing answers, the sentence of
the cited passages (or the top passage) that would answer it, read best by the cross-encoder, joins the answer
under its citation. Nothing leaves the answer, so no fact it held can be lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.asked_for import asked_kinds, counted_noun, counts_noun, kinds_in
from assistant.one_fact import WANTS_DATE, fact_groups
from assistant.premise import STOP_WORDS

MAX_ADDED_CHARS = 400
"""A longer sentence is a paragraph of its own: the answer must stay short (chosen leave-one-batch-out among 200,
250, 300 and 400: docs/history/round-19.md, "Answers that hold their passages' facts, round 19 (contains19)")."""
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


def counted_after(sentence: str, noun: str) -> bool:
    """Does a number follow the counted noun closely ("medical school places are being increased from 6,000")?"""
    stem = re.escape(noun.rstrip("s")[:6])
    return bool(re.search(rf"\b{stem}\w*(?:\W+[\w'’-]+){{0,4}}?\W+£?\d", sentence, re.I))


def answers_part(sentence: str, part: str, shown: bool = False) -> bool:
    """Does the sentence give the part the kind of fact it asks for, about what it asks? A `shown` statement may
    also give the count after the noun; a sentence to add must give it before, as "50,000 admissions" does."""
    wanted = wanted_kinds(part)
    if not wanted or not fact_groups(kinds_in(sentence)) & fact_groups(wanted):
        return False
    noun = counted_noun(part)
    if noun and not (counts_noun(sentence, noun) or shown and counted_after(sentence, noun)):
        return False
    return bool(content_stems(sentence) & content_stems(part))


def unanswered_parts(parts: Sequence[str], shown: Sequence[str]) -> list[str]:
    """The parts asking for a kind of fact that no shown statement answers."""
    return [p for p in parts if wanted_kinds(p) and not any(answers_part(s, p, shown=True) for s in shown)]


def part_answers(parts: Sequence[str], shown: Sequence[str], candidates: Sequence[tuple[int, str]],
                 ranked: Sequence[float] | np.ndarray, ranks: set[int]) -> list[int]:
    """The candidates to add, one per unanswered part at most: from passages of `ranks` (the cited ones and the top
    one), not shown already, at most MAX_ADDED_CHARS long, the best `ranked` first."""
    added: list[int] = []
    texts = list(shown)
    for part in unanswered_parts(parts, shown):
        if any(answers_part(s, part) for s in texts):
            continue  # a sentence added for an earlier part answers this one too
        pool = [i for i, (rank, text) in enumerate(candidates)
                if rank in ranks and i not in added and len(text) <= MAX_ADDED_CHARS
                and not any(text.strip()[:60] in s for s in texts) and answers_part(text, part)]
        if pool:
            best = max(pool, key=lambda i: ranked[i])
            added.append(best)
            texts.append(candidates[best][1])
    return added
