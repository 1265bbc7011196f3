"""Printed page numbers and page furniture (running headers, footers, page numbers) of a PDF.

The printed page is what a reader cites. It comes, in order of trust, from the PDF's own page labels
(LaTeX and InDesign write them: "i, ii, 1, 2…"), from a lone number at the top or bottom of the page, or,
for a document that prints no numbers at all, from the page's position (what a PDF viewer shows).
"""

from __future__ import annotations

import re
from collections import Counter

from pypdf import PdfReader

from indexer.pdf_layout import Line, Page

EDGE_ZONE = 0.1
"""Top/bottom fraction of the page where running headers, footers and page numbers live."""
PAGE_NUMBER = re.compile(r"^(?:page\s+)?(\d{1,4})(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)


def in_edge(line: Line, page: Page) -> bool:
    return line.y > page.height * (1 - EDGE_ZONE) or line.y < page.height * EDGE_ZONE


def printed_pages(reader: PdfReader, pages: list[Page]) -> list[int | None]:
    """Each page's printed number; None for a front-matter page (roman numerals, a cover)."""
    labelled = _page_labels(reader)
    if labelled is not None:
        return labelled
    found = [_number_on(page) for page in pages]
    known = [(i, n) for i, n in enumerate(found) if n is not None]
    if not known:
        return [i + 1 for i in range(len(pages))]
    filled: list[int | None] = []
    for i in range(len(pages)):
        j, n = min(known, key=lambda k: (abs(k[0] - i), k[0] > i))
        guess = n + (i - j)
        filled.append(found[i] if found[i] is not None else (guess if guess >= 1 else None))
    return filled


def _page_labels(reader: PdfReader) -> list[int | None] | None:
    try:
        if "/PageLabels" not in reader.trailer["/Root"]:
            return None
        return [int(label) if label.isdigit() else None for label in reader.page_labels]
    except (KeyError, ValueError, TypeError, AttributeError):
        return None


def _number_on(page: Page) -> int | None:
    for line in page.lines:
        match = PAGE_NUMBER.match(line.text)
        if in_edge(line, page) and match:
            return int(match.group(1))
    return None


def remove_furniture(pages: list[Page], printed: list[int | None]) -> None:
    """Drop page numbers, the header/footer lines beside them or starting or ending with the page's number
    ("2 gnuplot 5.4 CONTENTS"), and edge lines repeated across pages (numbers masked). A repeated line is
    dropped wherever it appears: a cover repeats the running title."""
    repeated = _running_lines(pages)
    small = _body_size(pages) * 1.1
    for page, number in zip(pages, printed, strict=True):
        number_rows = {round(ln.y) for ln in page.lines if in_edge(ln, page) and PAGE_NUMBER.match(ln.text)}
        page.lines = [
            line
            for line in page.lines
            if not (in_edge(line, page) and (any(abs(round(line.y) - y) <= 2 for y in number_rows)
                                             or (line.size <= small and _carries_number(line.text, number))))
            and _mask(line.text) not in repeated
        ]


def _carries_number(text: str, number: int | None) -> bool:
    words = text.split()
    return number is not None and len(words) > 1 and str(number) in (words[0], words[-1])


def _running_lines(pages: list[Page]) -> set[str]:
    """Edge lines that appear on at least half the pages (two of two, three of five): running headers.
    Only the top and bottom of pages are looked at, so body text that repeats is never taken for one, and
    only lines no larger than the body text, so "Part 1", "Part 2" at the top of their pages stay."""
    if len(pages) < 2:
        return set()
    largest = _body_size(pages) * 1.1
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_mask(ln.text) for ln in page.lines if in_edge(ln, page) and ln.size <= largest})
    return {text for text, n in seen.items() if n >= max(2, len(pages) // 2) and re.search(r"[a-z]", text)}


def _body_size(pages: list[Page]) -> float:
    sizes = Counter(round(ln.size, 1) for page in pages for ln in page.lines for _ in ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())
