"""A PDF page as lines in reading order, each with its font size, weight, slant, position and box.

pypdf's `extract_text(visitor_text=...)` reports every text run with its font and transform; from those we
rebuild lines, split a line where a wide horizontal gap shows it is two cells or two columns, put a
two-column page in reading order (left column, then right, between any full-width lines), note which
lines sit inside a shaded box (a case study or sidebar), NFKC-normalise the text (ligatures such as "ﬁ"
become "fi") and drop lines that are not readable text (a font without a Unicode map gives "2EV<RXSXWW").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from indexer.errors import SourceError

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|cmbx|cmb\d|,b\b|-bd\b|verabd", re.I)
ITALIC_FONT = re.compile(r"italic|oblique|cmti|cmsl|-it\b|,i\b", re.I)
SUPERSCRIPT_RATIO = 0.8
"""Digits set this much smaller than the body text are endnote markers."""
CELL_GAP = 2.5
"""A horizontal gap this many font sizes wide separates two cells or columns, not two words."""
UNREADABLE_SYMBOLS = set("#<>\\^{}|~@`")


@dataclass
class Line:
    text: str
    size: float
    y: float
    page_index: int
    x0: float = 0.0
    x1: float = 0.0
    bold: bool = False
    italic: bool = False
    box: int | None = None
    """Index into the page's boxes when the line sits inside a shaded rectangle."""
    column: int = 0
    """0: full width or single column; 1 or 2: left or right column of a two-column page."""
    shares_row: bool = False
    """Another line of the same column sits at the same height: a table row, not a heading."""

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Page:
    index: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    dropped: int = 0
    """Lines left out because they were not readable text."""


@dataclass
class _Run:
    x: float
    y: float
    size: float
    font: str
    text: str


def read_page(page, index: int) -> Page:
    """One page's lines in reading order; SourceError if pypdf cannot parse its content stream."""
    runs: list[_Run] = []
    rects: list[tuple[float, float, float, float]] = []
    pending_rect: list[tuple[float, float, float, float]] = []

    def visit_text(text, cm, tm, font_dict, font_size):
        if not text:
            return
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        font = str(font_dict.get("/BaseFont", "")) if font_dict else ""
        runs.append(_Run(tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], font_size * scale, font, text))

    def visit_operand(op, args, cm, tm):
        if op == b"re" and len(args) == 4:
            x, y, w, h = (float(a) for a in args)
            pending_rect.append((x * cm[0] + cm[4], y * cm[3] + cm[5], w * cm[0], h * cm[3]))
        elif op in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"s"):
            rects.extend(pending_rect)
            pending_rect.clear()
        elif op in (b"n", b"W", b"W*"):
            pending_rect.clear()

    try:
        page.extract_text(visitor_text=visit_text, visitor_operand_before=visit_operand)
    except Exception as exc:  # pypdf raises many types on malformed content streams
        raise SourceError(f"page {index + 1} cannot be read ({exc})") from exc
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    result = Page(index, width, height, boxes=_boxes(rects, width, height))
    lines = _lines(runs, index)
    readable = [line for line in lines if is_readable(line.text)]
    result.dropped = len(lines) - len(readable)
    for line in readable:
        line.box = _box_of(line, result.boxes)
    result.lines = _reading_order(readable, width)
    return result


def _boxes(rects: list[tuple[float, float, float, float]], width: float, height: float):
    """Filled or framed rectangles big enough to hold text (not chart bars, rules or table cells, not a page
    background or border)."""
    boxes = []
    for x, y, w, h in rects:
        x, w = (x + w, -w) if w < 0 else (x, w)
        y, h = (y + h, -h) if h < 0 else (y, h)
        if min(w, h) > 30 and 0.015 < (w * h) / (width * height) < 0.6:
            boxes.append((x, y, x + w, y + h))
    return boxes


def _box_of(line: Line, boxes) -> int | None:
    for n, (x0, y0, x1, y1) in enumerate(boxes):
        if x0 - 2 <= line.x0 <= x1 and y0 <= line.y <= y1:
            return n
    return None


def _lines(runs: list[_Run], index: int) -> list[Line]:
    """Join runs into lines: a new line where the baseline moves or a cell-wide gap opens."""
    sizes = Counter(round(r.size, 1) for r in runs for _ in r.text.strip())
    body = sizes.most_common(1)[0][0] if sizes else 0
    aligned = Counter(round(r.x) for r in runs if r.text.strip())
    lines: list[Line] = []
    bold_chars: Counter[int] = Counter()
    italic_chars: Counter[int] = Counter()
    for run in runs:
        if body and run.size < body * SUPERSCRIPT_RATIO and run.text.strip().isdigit():
            continue
        for piece_index, piece in enumerate(run.text.split("\n")):
            last = lines[-1] if lines else None
            same_row = last is not None and abs(last.y - run.y) <= max(run.size, 1) * 0.5
            near = last is not None and run.x - last.x1 < CELL_GAP * max(run.size, 1) and run.x >= last.x0 - 1
            if near and aligned[round(run.x)] >= 3 and run.x > last.x0 + 100:
                near = False  # starts where other rows start too: the next column or cell, however close
            if piece_index or not (same_row and near):
                if not piece.strip():
                    continue
                lines.append(Line("", run.size, run.y, index, x0=run.x, x1=run.x))
                last = lines[-1]
                x = run.x
            else:
                x = max(run.x, last.x1)
            last.text += piece
            last.size = max(last.size, run.size) if piece.strip() else last.size
            last.x1 = x + _width(piece, run.size)
            key = id(last)
            bold_chars[key] += len(piece.strip()) * (1 if BOLD_FONT.search(run.font) else -1)
            italic_chars[key] += len(piece.strip()) * (1 if ITALIC_FONT.search(run.font) else -1)
    for line in lines:
        line.text = normalise(line.text)
        line.bold = bold_chars[id(line)] > 0
        line.italic = italic_chars[id(line)] > 0
    return [line for line in lines if line.text]


def _width(text: str, size: float) -> float:
    """Approximate advance of `text`: half an em per character is close for proportional fonts."""
    return len(text) * size * 0.5


def normalise(text: str) -> str:
    """NFKC turns ligatures (ﬁ, ﬂ) and compatibility forms into plain letters; whitespace is collapsed."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n")
    return " ".join(text.split())


def is_readable(text: str) -> bool:
    """False for text set in a font whose codes are not letters ("2EV<RXSXWW#3O\\QQLQJ": capitals and
    '#<>\\' symbols run together, no lower case) or full of replacement characters. Code and short
    labels ("<ASYMPTOTE CODE>", "\\def\\@tempa") keep their lower case or their spaces and stay."""
    if text.count("\ufffd") > 2 or "(cid:" in text:
        return False
    if len(text) < 15 or max(len(token) for token in text.split()) < 15:
        return True
    symbols = sum(ch in UNREADABLE_SYMBOLS for ch in text)
    letters = [ch for ch in text if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters) / len(letters) if letters else 1.0
    return not (symbols / len(text) >= 0.08 and upper >= 0.85)


def _reading_order(lines: list[Line], width: float) -> list[Line]:
    """Two-column pages: full-width lines split the page into bands; each band reads left column, then
    right. Single-column pages keep the order of the content stream."""
    middle = width / 2
    left = [line for line in lines if line.x1 < middle + 10 and line.words >= 4]
    right = [line for line in lines if line.x0 > middle - 10 and line.words >= 4]
    spanning = [line for line in lines if line.x0 < middle - 10 and line.x1 > middle + 10]
    if len(left) < 4 or len(right) < 4 or len(spanning) > 0.3 * (len(left) + len(right)):
        _mark_rows(lines)
        return lines
    for line in lines:
        if line.x0 < middle - 10 and line.x1 > middle + 10:
            line.column = 0
        else:
            line.column = 2 if line.x0 > middle - 10 else 1
    cuts = sorted((line.y for line in lines if line.column == 0), reverse=True)

    def key(line: Line):
        band = sum(1 for cut in cuts if cut > line.y + 0.5)
        return (band + 1, 0, -line.y) if line.column == 0 else (band, line.column, -line.y)

    ordered = sorted(lines, key=key)
    _mark_rows(ordered)
    return ordered


def _mark_rows(lines: list[Line]) -> None:
    rows = Counter((line.column, line.box, round(line.y)) for line in lines)
    for line in lines:
        line.shares_row = rows[(line.column, line.box, round(line.y))] > 1
