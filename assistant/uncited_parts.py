"""A two-part answer's missing kind of fact from a top passage it does not cite (items24).

"How much is invested in the roles, and by when?" is answered with statements on the money from one passage while the
date sits in the question's second or third passage, which no statement cites: the part asking for a kind of fact (a
sum of money, a date, a count: assistant/asked_for.py) is left unanswered. When no statement of the answer states the
kind a part asks for, the sentence of an uncited top passage that states it and shares most words with that part is
added at the end. Nothing leaves the answer, so its first statement stays first (docs/history/round-24.md, "List and
two-part items, round 24 (items24)").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from assistant.asked_for import asked_kinds, kinds_in
from assistant.cited_answer import Answer, make_citation
from assistant.retrieve import Hit, tokenize
from assistant.uncited_items import KEY_CHARS
from assistant.wording import clean_sentence, normalise
from indexer.passage import Document, sentences

PART_KINDS = frozenset({"money", "date", "count"})
"""The kinds a part may ask for that a sentence states plainly; shares and durations are left out (asked23's ground)."""
MARKS = re.compile(r"\s*\[\d{1,2}\]")
"""An answer's citation marks, which are no count ("[1]")."""


def unstated_kinds(part: str, answer: str) -> set[str]:
    """The kinds of fact (money, date, count) `part` asks for that no sentence of `answer` states."""
    wanted = asked_kinds(part) & PART_KINDS
    return wanted - kinds_in(MARKS.sub("", answer)) if wanted else set()


def with_part_facts(answer: Answer, parts: Sequence[str], hits: list[Hit], documents: Mapping[str, Document],
                    top: int, floor: float, longest: int, shared: int) -> Answer:
    """`answer` with, for each part of a question of several parts asking for a kind of fact no statement states,
    the sentence of one of the first `top` passages it does not cite (cross-encoder at least `floor`) that states
    that kind and shares most words with the part (at least `shared`), at most `longest` characters, at its end."""
    if answer.abstained or not answer.citations or len(parts) < 2:
        return answer
    cited = {c.passage_id for c in answer.citations}
    citations, text = list(answer.citations), answer.answer.rstrip()
    for part in parts:
        wanted = unstated_kinds(part, text)
        if not wanted:
            continue
        asked = set(tokenize([part], as_ids=False)[0])
        found = _stating_sentence(hits[:top], cited, floor, wanted, asked, normalise(text), longest, shared)
        if found is None:
            continue
        hit, sentence = found
        citation = make_citation(len(citations) + 1, hit, documents)
        citations.append(citation)
        cited.add(hit.passage.id)
        text = f"{text} {sentence} [{citation.n}]"
    return answer if text == answer.answer.rstrip() else replace(answer, answer=text, citations=citations)


def _stating_sentence(hits: list[Hit], cited: set[str], floor: float, wanted: set[str], asked: set[str], said: str,
                      longest: int, least: int) -> tuple[Hit, str] | None:
    """The uncited passages' sentence stating a wanted kind that shares most words with the part (ties: the higher
    passage, then the earlier sentence), or None."""
    best, best_shared = None, least - 1
    for hit in hits:
        if hit.passage.id in cited or (hit.rerank_score or 0.0) < floor:
            continue
        for sentence in sentences(hit.passage.text):
            shown = clean_sentence(sentence)
            if len(shown) > longest or normalise(shown)[:KEY_CHARS] in said or not kinds_in(shown) & wanted:
                continue
            shared = len(asked & set(tokenize([sentence], as_ids=False)[0]))
            if shared > best_shared:
                best, best_shared = (hit, shown), shared
    return best
