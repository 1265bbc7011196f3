"""Two-part questions ("how many link workers, and by when?", "what is A and what is B?") split into the parts
an answer must cover, so each part is retrieved for and answered with its own cited sentence."""

from __future__ import annotations

import re

QUESTION_WORD = (r"(?:(?:(?:by|from|until|since|for|in|at|to|on)\s+)?(?:how|what|when|which|who|whom|whose|where|why)|"
                 r"is|are|does|do|did|should|will|can|could)")
"""A question's first word(s), also after a preposition: "by when", "by how much", "from when", "in which"."""
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
    lead_in = LEAD_IN.match(first)
    context = lead_in["context"] if lead_in else ""
    return [first] + [_with_context(p, first, context) for p in parts[1:]]


LEAD_IN = re.compile(rf"^(?P<context>[^,:?]{{3,80}}[,:])\s+(?={QUESTION_WORD}\b)", re.I)
"""What a question says before its first question word ("For LD and autism: what's ...", "In the CSP stroke
briefing, when ..."): the setting of every part."""


def _with_context(part: str, first: str, context: str) -> str:
    """A later part as it stands alone. A part leaning on the first ("what does it say about palliative care?",
    "and by when?") takes the first part's setting: its lead-in, and after a colon lead-in ("Stroke: ...") or none,
    what the first part is about too; after a comma lead-in ("In the CSP stroke briefing, when ...") the lead-in
    is what "it" points to. A part that leans on nothing stands as written (probes: "Cancer:" carried to "how many
    more people would survive" drew a childhood cancer sentence)."""
    if not _leans_on_first(part):
        return part
    if context.endswith(","):
        return f"{context} {part}"
    topic = _topic(first[len(context):].strip() if context else first)
    return f"{context} {part} {topic}".strip()


def _leans_on_first(part: str) -> bool:
    return len(part.split()) < 4 or bool(re.search(r"\b(it|its|they|them|their|this|that|those)\b", part, re.I))


def _topic(part: str) -> str:
    """A part without its question words: what it is about."""
    return re.sub(rf"^{QUESTION_WORD}\s+(?:many|much|big|long|soon|far|fast)?\s*", "", part, flags=re.I)
