"""Two-part questions ("how many link workers, and by when?", "what is A and what is B?") split into the parts
an answer must cover, so each part is retrieved for and answered with its own cited sentence."""

from __future__ import annotations

import re

QUESTION_WORD = r"(?:how|what|when|by when|which|who|where|why|is|are|does|do|did|should|will|can|could)"
JOIN = re.compile(
    rf"(?:,\s*|\s+)(?:and|but)\s+(?:also\s+)?(?={QUESTION_WORD}\b)|,?\s+and also\s+|"
    rf"\?\s+(?:(?:and|also|plus)\s+)?(?={QUESTION_WORD}\b)|\?\s+(?:and|also|plus)\s+", re.I)
"""Where a second question starts: ", and how soon ...", "... and what is B", "... and also B", "...? What is ...",
"...? And B?"."""
MIN_PART_WORDS = 2


def split_question(question: str) -> list[str]:
    """The parts of a two- (or three-) part question, each able to stand alone; [question] when it has one part.

    A short later part borrows the first part's words ("how many link workers ... and by when?" gives "by when
    how many link workers ..."), since it is about the same thing."""
    parts = [p.strip(" ,?") for p in JOIN.split(question) if p.strip(" ,?")]
    if len(parts) < 2 or any(len(p.split()) < MIN_PART_WORDS for p in parts):
        return [question]
    first = parts[0]
    return [first] + [f"{p} {_topic(first)}" if _leans_on_first(p) else p for p in parts[1:]]


def _leans_on_first(part: str) -> bool:
    return len(part.split()) < 4 or bool(re.search(r"\b(it|its|they|them|their|this|that|those)\b", part, re.I))


def _topic(part: str) -> str:
    """A part without its question words: what it is about."""
    return re.sub(rf"^{QUESTION_WORD}\s+(?:many|much|big|long|soon|far|fast)?\s*", "", part, flags=re.I)


def with_part_hits(hits: list, part_hits: list[list], lead: int = 2) -> list:
    """The question's own top passages first, then each part's best passage, then the rest: so the answer reads
    a passage for every part."""
    merged = list(hits[:lead])
    for found in part_hits:
        merged += [h for h in found[:1] if h.passage.id not in {m.passage.id for m in merged}]
    return merged + [h for h in hits[lead:] if h.passage.id not in {m.passage.id for m in merged}]
