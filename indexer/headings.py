"""Which lines of a designed document are headings, and at what level.

A heading is a short, title-like line set apart by size or weight. Designed documents also set pull
quotes, lead paragraphs, stat callouts ("£4.5m"), chart labels ("0 5 10 15 20") and captions large or
bold, so a candidate must also read like a title: few words, letters rather than figures, no opening
quotation mark, no full stop at the end unless it is numbered ("1.8 R commands, case sensitivity, etc.").
Levels come from font-size clusters, corrected by numbering ("2.1.3" is three deep) and by keywords: every
"Commitment one … five" or "Chapter 1 … 9" heading gets one level, so such chapters are siblings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

HEADING_RATIO = 1.15
"""A line set this much larger than the body text may be a heading."""
SIZE_CLUSTER = 0.1
"""Heading sizes within 10% of each other are one level (designers set a foreword at 24pt, chapters at 22pt)."""
MAX_WORDS = 20
ORDINALS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
KEYWORD = re.compile(
    rf"^(part|chapter|section|annex|appendix|commitment|priority|ambition|theme|goal|objective|pillar|step)"
    rf"\s+([0-9]{{1,2}}|[A-Z]|[IVXL]{{1,5}}|{ORDINALS})\b(?!\.\d)",
    re.I,
)
DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(?=[A-Z‘“'\"(])")
CAPTION = re.compile(r"^(figure|fig\.|table|chart|graph|source|sources|note|notes|image|photo)\s*[0-9A-Z]*[:.]", re.I)
DATE = re.compile(
    r"\b(\d{4}/\d{1,2}/\d{1,2}|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4})\b", re.I
)
CONTENTS_TITLE = re.compile(r"^(table of )?contents$", re.I)
BYLINE = re.compile(r"\b[A-Z]\.\s?(?:[A-Z]\.\s?)*[A-Z][a-z]+.*(,|\sand\s).*\b[A-Z]\.\s?(?:[A-Z]\.\s?)*[A-Z][a-z]+")
"""Authors named by their initials: "W. N. Venables, D. M. Smith and the R Core Team"."""


@dataclass
class Candidate:
    """A heading before levels are known: its text and the typography it was set in."""

    title: str
    size: float
    bold: bool
    page: int | None
    page_index: int = 0
    level: int = 0


def is_heading_style(size: float, bold: bool, italic: bool, body_size: float, words: int) -> bool:
    """Set apart from the body: clearly larger, or bold at body size on a short line of its own."""
    if size >= body_size * HEADING_RATIO:
        return not (italic and not bold)
    return bold and size >= body_size * 0.95 and words <= 12


def is_run_in_label(text: str) -> bool:
    """Bold at body size but a list item ("1. Precision") or a term introducing its text ("RSPython:")."""
    return bool(re.match(r"^\d{1,2}[.)]\s", text)) or text.endswith(":")


def is_title_like(text: str) -> bool:
    """A heading reads like a title; quotes, sentences, figures, dates and captions do not."""
    words = text.split()
    number = DECIMAL.match(text)
    numbered = bool(number or KEYWORD.match(text))
    rest = text[number.end() :] if number else text
    if not words or not rest or len(words) > (MAX_WORDS + 5 if numbered else MAX_WORDS):
        return False
    letters = sum(ch.isalpha() for ch in rest)
    if not re.search(r"[A-Za-z]{2}", rest) or letters < 0.5 * len(rest.replace(" ", "")):
        return False
    if rest[0] in "“\"‘'*•–—-·(" or rest[0].islower() or CAPTION.match(rest):
        return False
    if DATE.search(text) or BYLINE.search(text):
        return False
    if rest.endswith((".", ",", ";", ":")) and not (numbered and len(words) <= 12):
        return False
    if text.count(",") >= 3 or re.search(r"@|https?:|www\.", text):
        return False  # a list of names or items, an address
    return not re.search(r"[a-z][.!?][”\"’]?\s+[A-Z]", rest)


def is_label_only(text: str) -> bool:
    """"Chapter 3" or "Part I" alone on a line: the title follows on the next line."""
    match = KEYWORD.match(text)
    return bool(match) and match.end() >= len(text.rstrip(":.—- "))


def assign_levels(candidates: list[Candidate]) -> None:
    """Set each candidate's level (1 = top) from size clusters, numbering depth and keyword families."""
    if not candidates:
        return
    clusters = _size_clusters([c.size for c in candidates])
    rank = {id(c): clusters[c.size] for c in candidates}
    shifts = Counter(_depth(c.title) - (rank[id(c)] + 1) for c in candidates if _depth(c.title))
    shift = shifts.most_common(1)[0][0] if shifts else 0
    for c in candidates:
        depth = _depth(c.title)
        c.level = depth if depth else max(1, rank[id(c)] + 1 + shift)
    families: dict[str, int] = {}
    for c in candidates:
        keyword = KEYWORD.match(c.title)
        if keyword and not _depth(c.title):
            name = keyword.group(1).lower()
            families[name] = min(families.get(name, c.level), c.level)
    for c in candidates:
        keyword = KEYWORD.match(c.title)
        if keyword and keyword.group(1).lower() in families and not _depth(c.title):
            c.level = families[keyword.group(1).lower()]


def _depth(title: str) -> int:
    match = DECIMAL.match(title)
    return match.group(1).count(".") + 1 if match else 0


def _size_clusters(sizes: list[float]) -> dict[float, int]:
    """Map each size to its cluster's rank, largest first; a cluster spans SIZE_CLUSTER of its top size."""
    ranks: dict[float, int] = {}
    top = None
    rank = -1
    for size in sorted(set(sizes), reverse=True):
        if top is None or size < top * (1 - SIZE_CLUSTER):
            rank, top = rank + 1, size
        ranks[size] = rank
    return ranks
