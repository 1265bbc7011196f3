"""PDF loader: printed-page-aware text with running headers, footers and endnote markers removed.

pypdf gives text fragments with their font size and position. From them we rebuild lines, find the
printed page number (a lone number at the top or bottom of a page), drop lines that repeat on most pages
(running headers/footers), skip contents pages, drop superscript endnote numbers, join hyphenated line
breaks, and let a paragraph that ends mid-sentence continue on the next page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from assistant.errors import SourceError
from indexer.structure import NUMBERED_PARAGRAPH, Heading, Paragraph

CHAPTER_HEADING = re.compile(r"^(chapter|annex|appendix)\s+[0-9a-z]+\b", re.I)
CONTENTS_ENTRY = re.compile(r"(\.{3,}|\s)\d{1,3}$")
EDGE_ZONE = 0.08
"""Top/bottom fraction of the page where running headers, footers and page numbers live."""
HEADING_RATIO = 1.15
"""A line set this much larger than the body text is a heading."""
SUPERSCRIPT_RATIO = 0.8
"""Digits set this much smaller than the body text are endnote markers."""


@dataclass
class Line:
    text: str
    size: float
    y: float
    page_index: int


def load_pdf(path: Path, label: str | None = None) -> list[Heading | Paragraph]:
    """Read a PDF into headings and paragraphs with printed page numbers; SourceError says what's wrong."""
    label = label or path.name
    reader = _open(path, label)
    pages = [_page_lines(page, i) for i, page in enumerate(reader.pages)]
    if not any(pages):
        raise SourceError(f"{label}: the PDF has no extractable text (is it a scan? run OCR on it first)")
    printed = [_printed_page_number(lines, _page_height(reader, i)) for i, lines in enumerate(pages)]
    repeated = _running_lines([[l for l in lines if _in_edge(l, _page_height(reader, i))] for i, lines in enumerate(pages)])
    body_size = _body_size(pages)
    blocks: list[Heading | Paragraph] = []
    heading_sizes = sorted(
        {round(l.size, 1) for lines in pages for l in lines if l.size > body_size * HEADING_RATIO}, reverse=True
    )
    paragraph: list[str] | None = None
    para_page: int | None = None
    for index, lines in enumerate(pages):
        height = _page_height(reader, index)
        content = [l for l in lines if not _is_edge_noise(l, height, repeated)]
        if _is_contents_page(content):
            continue
        previous_y = None
        for line in content:
            text = line.text.strip()
            if not text:
                continue
            level = _heading_level(line, body_size, heading_sizes)
            gap = previous_y is not None and (previous_y - line.y) > line.size * 1.9
            previous_y = line.y
            if level:
                _flush(blocks, paragraph, para_page, label)
                paragraph = None
                _add_heading(blocks, text, level, printed[index])
                continue
            starts_numbered = NUMBERED_PARAGRAPH.match(text)
            if paragraph is None or starts_numbered or (gap and _ends_sentence(paragraph)):
                _flush(blocks, paragraph, para_page, label)
                paragraph, para_page = [text], printed[index]
            else:
                paragraph.append(text)
        if paragraph is not None and _ends_sentence(paragraph):
            _flush(blocks, paragraph, para_page, label)
            paragraph = None
    _flush(blocks, paragraph, para_page, label)
    return blocks


def _open(path: Path, label: str) -> PdfReader:
    if path.stat().st_size == 0:
        raise SourceError(f"{label}: the file is empty (0 bytes); download it again")
    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF-"):
            raise SourceError(f"{label}: this is not a PDF (no %PDF header); check the file or its extension")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(f"{label}: the PDF is password-protected; save an unprotected copy and index that")
        len(reader.pages)
    except SourceError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError, TypeError) as exc:
        raise SourceError(f"{label}: the PDF is damaged and cannot be read ({exc}); download it again") from exc
    return reader


def _page_height(reader: PdfReader, index: int) -> float:
    return float(reader.pages[index].mediabox.height)


def _page_lines(page, index: int) -> list[Line]:
    """Rebuild lines from pypdf's text fragments, keeping each line's largest font size."""
    fragments: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text or not text.strip():
            if text and fragments:
                fragments.append((*fragments[-1][:3], text))
            return
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        y = tm[5] * cm[3] + cm[5]
        x = tm[4] * cm[0] + cm[4]
        fragments.append((round(y, 1), x, font_size * scale, text))

    try:
        page.extract_text(visitor_text=visit)
    except Exception as exc:  # pypdf raises many types on malformed content streams
        raise SourceError(f"page {index + 1} cannot be read ({exc})") from exc
    lines: list[Line] = []
    body = Counter(round(f[2], 1) for f in fragments for _ in f[3]).most_common(1)
    body_size = body[0][0] if body else 0
    for y, x, size, text in fragments:
        is_marker = body_size and size < body_size * SUPERSCRIPT_RATIO and text.strip().isdigit()
        if is_marker:
            continue
        for piece_index, piece in enumerate(text.split("\n")):
            if piece_index or not lines or abs(lines[-1].y - y) > max(size, 1) * 0.5:
                if piece.strip() or not lines:
                    lines.append(Line(piece, size, y, index))
                continue
            lines[-1].text += piece
            lines[-1].size = max(lines[-1].size, size)
    return [l for l in lines if l.text.strip()]


def _printed_page_number(lines: list[Line], height: float) -> int | None:
    for line in lines:
        in_edge = line.y > height * (1 - EDGE_ZONE) or line.y < height * EDGE_ZONE
        if in_edge and re.fullmatch(r"(page\s+)?\d{1,4}", line.text.strip(), re.I):
            return int(re.sub(r"\D", "", line.text))
    return None


def _running_lines(pages: list[list[Line]]) -> set[str]:
    """Edge lines (numbers masked) that appear on at least half the pages: running headers and footers.
    Only the top and bottom of pages are looked at, so body text that repeats (a boilerplate sentence in
    every numbered paragraph) is never mistaken for a header."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_mask(l.text) for l in lines})
    return {text for text, n in seen.items() if n >= max(3, len(pages) // 2)}


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _in_edge(line: Line, height: float) -> bool:
    return line.y > height * (1 - EDGE_ZONE) or line.y < height * EDGE_ZONE


def _is_edge_noise(line: Line, height: float, repeated: set[str]) -> bool:
    """A page number at the top or bottom, or a running header/footer line wherever it appears (a cover page
    repeats the running title in its middle)."""
    if _in_edge(line, height) and re.fullmatch(r"(page\s+)?\d{1,4}", line.text.strip(), re.I):
        return True
    return _mask(line.text) in repeated


def _body_size(pages: list[list[Line]]) -> float:
    sizes = Counter(round(l.size, 1) for lines in pages for l in lines for _ in l.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _is_contents_page(lines: list[Line]) -> bool:
    if not lines:
        return False
    first = " ".join(l.text for l in lines[:3]).lower()
    entries = sum(1 for l in lines if CONTENTS_ENTRY.search(l.text.strip()))
    return "contents" in first and entries >= len(lines) * 0.4


def _heading_level(line: Line, body_size: float, heading_sizes: list[float]) -> int:
    text = line.text.strip()
    if CHAPTER_HEADING.match(text) and line.size > body_size:
        return 1
    if line.size > body_size * HEADING_RATIO and len(text.split()) <= 25:
        return 1 + heading_sizes.index(round(line.size, 1)) if round(line.size, 1) in heading_sizes else 2
    return 0


def _add_heading(blocks: list[Heading | Paragraph], text: str, level: int, page: int | None) -> None:
    """A heading that wraps onto a second line arrives as two lines of the same size: join them."""
    if blocks and isinstance(blocks[-1], Heading) and blocks[-1].level == level and not CHAPTER_HEADING.match(text):
        previous = blocks[-1]
        blocks[-1] = Heading(level, f"{previous.title} {text}", previous.page, previous.url)
        return
    blocks.append(Heading(level, text, page))


def _ends_sentence(paragraph: list[str] | None) -> bool:
    return bool(paragraph) and paragraph[-1].rstrip().endswith((".", ":", "?", "!", ".”", '."', ";"))


def _flush(blocks: list[Heading | Paragraph], lines: list[str] | None, page: int | None, label: str) -> None:
    if not lines:
        return
    text = join_lines(lines)
    numbered = NUMBERED_PARAGRAPH.match(text)
    para = numbered["para"] if numbered else None
    body = text[numbered.end() :] if numbered else text
    blocks.append(Paragraph(body, para=para, page=page, file=label))


def join_lines(lines: list[str]) -> str:
    """Join a paragraph's lines, mending words hyphenated at a line break ("commun-" + "ity")."""
    text = ""
    for line in lines:
        line = line.strip()
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            # "commun-" + "ity" was one word split by the typesetter; "NHS-" + "funded" is a real compound.
            text = text + line if text[-2].isupper() else text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return " ".join(text.split())
