"""Digest sentences made to read as an answer: label lead-ins ("Funding commitment: across the five years ...",
"According to published summaries, ...") dropped, a capital to start, a full stop to end.

The digest writes many sentences as notes under a heading-like label; quoted on their own in an answer they read
like a slide. A label that holds a figure or a date is kept: it may be the very fact asked for.
"""

from __future__ import annotations

import re

LABEL = re.compile(r"^(?P<label>[A-Z][^:;.!?,]{0,80}):\s+(?P<rest>[a-z].*)$", re.S)
"""A short heading-like lead-in ending in a colon, followed by a sentence in lower case."""
LEAD_IN = re.compile(
    r"^(according to (published |the )?(summaries|summary|reports?|accounts?)( of [^,]{0,60})?|"
    r"as (noted|described|set out) (above|below|earlier)|in (short|summary|brief)),\s+(?P<rest>.+)$",
    re.I | re.S,
)
"""Attribution lead-ins that add nothing for a reader who has the citation."""
HAS_FIGURE_OR_DATE = re.compile(r"\d|£|%|\b(January|February|March|April|May|June|July|August|September|October|"
                                r"November|December|spring|summer|autumn|winter)\b", re.I)
MAX_LABEL_WORDS = 8
CLAUSE = re.compile(r"\b(is|are|was|were|has|have|will)\b", re.I)
"""A verb makes the text before a colon a statement ("The first is a strategy delivery plan: ..."), not a label."""


def clean_sentence(text: str) -> str:
    """The sentence as an answer should show it: no label, no attribution lead-in, ending in a full stop."""
    text = " ".join(text.split())
    label = LABEL.match(text)
    if label and len(label["label"].split()) <= MAX_LABEL_WORDS and not HAS_FIGURE_OR_DATE.search(label["label"]) \
            and not CLAUSE.search(label["label"]):
        text = label["rest"]
    lead_in = LEAD_IN.match(text)
    if lead_in:
        text = lead_in["rest"]
    text = text[:1].upper() + text[1:]
    return as_sentence(text)


def as_sentence(text: str) -> str:
    """End with a full stop; a colon that introduced a list nobody will see becomes one too."""
    text = text.strip().rstrip(";,")
    if text.endswith(":"):
        return f"{text[:-1].rstrip()}."
    return text if text.endswith((".", "!", "?")) else f"{text}."


def is_fragment(text: str) -> bool:
    """A sentence that cannot stand alone: it continues a list ("Second, ...") or leans on one just before it."""
    return bool(re.match(r"^(second|third|fourth|fifth|finally|also|however|but|and|or|this|these|it|they|each|both|such)\b", text, re.I))
