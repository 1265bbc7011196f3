"""PDF loader: headings and paragraphs with printed pages, from typeset reports and designed documents alike.

Lines come from `pdf_layout` (reading order, font, boxes, clean text) and `pdf_pages` (printed page numbers,
running headers and footers removed); `headings` decides which lines are headings and at what level.
Here the lines become blocks: contents listings are skipped but the rest of their page kept, shaded boxes
and sidebars become passages of their own labelled "Box:" or "Sidebar:", superscript endnote numbers are
dropped, hyphenated line breaks joined, and a paragraph that ends mid-sentence continues on the next page
or column. Paragraph numbers ("1.10. Primary care…") are kept when they read as such and are not repeats.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from indexer.errors import SourceError
from indexer.headings import (
    CONTENTS_TITLE,
    DECIMAL,
    HEADING_RATIO,
    KEYWORD,
    Candidate,
    assign_levels,
    is_heading_style,
    is_label_only,
    is_run_in_label,
    is_title_like,
)
from indexer.pdf_layout import Line, Page, read_page
from indexer.pdf_pages import printed_pages, remove_furniture
from indexer.structure import NUMBERED_PARAGRAPH, Heading, Paragraph

log = logging.getLogger(__name__)
CONTENTS_ENTRY = re.compile(r"(\.{3,}|…{2,}|\s)\s*\d{1,3}$")
LEADER = re.compile(r"(\.\s?){4,}(\s*\d{1,4})?$")
"""Dotted leaders ("....", ". . . .") ending a contents entry, with its page number or before it in a cell."""
SIDEBAR_WIDTH = 0.4
"""A box narrower than this fraction of the page is a sidebar; a wider one is a box (a case study)."""


def load_pdf(path: Path, label: str | None = None, problems: list[str] | None = None) -> list[Heading | Paragraph]:
    """Read a PDF into headings and paragraphs with printed page numbers; SourceError says what's wrong.
    Warnings (lines dropped as unreadable) are appended to `problems` when given, and logged."""
    label = label or path.name
    reader = _open(path, label)
    pages = [read_page(page, i) for i, page in enumerate(reader.pages)]
    if not any(page.lines for page in pages):
        raise SourceError(f"{label}: the PDF has no extractable text (is it a scan? run OCR on it first)")
    for page in pages:
        if page.dropped:
            warning = (f"{label}: page {page.index + 1}: left out {page.dropped} line(s) that are not readable text "
                       "(a font without a text encoding)")
            log.warning(warning)
            if problems is not None:
                problems.append(warning)
    printed = printed_pages(reader, pages)
    remove_furniture(pages, printed)
    return _Builder(label, printed, _body_size(pages)).build(pages)


def _open(path: Path, label: str) -> PdfReader:
    if path.stat().st_size == 0:
        raise SourceError(f"{label}: the file is empty (0 bytes); download it again")
    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF-"):
            raise SourceError(f"{label}: this is not a PDF (no %PDF header); check the file or its extension")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(f"{label}: the PDF is password-protected; save an unprotected copy and use that")
        len(reader.pages)
    except SourceError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError, TypeError) as exc:
        raise SourceError(f"{label}: the PDF is damaged and cannot be read ({exc}); download it again") from exc
    return reader


def _body_size(pages: list[Page]) -> float:
    sizes = Counter(round(ln.size, 1) for page in pages for ln in page.lines for _ in ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


class _Builder:
    """Walks the pages' lines once, emitting paragraphs, boxes and heading candidates in reading order."""

    def __init__(self, label: str, printed: list[int | None], body_size: float):
        self.label, self.printed, self.body = label, printed, body_size
        self.blocks: list[Candidate | Paragraph] = []
        self.lines: list[Line] = []
        self.boxes: dict[tuple[int, int], list[Line]] = {}
        self.used_numbers: set[str] = set()
        self.page_of: dict[int, int] = {}
        """Physical page index of each paragraph block, by id: the cover test needs it."""

    def build(self, pages: list[Page]) -> list[Heading | Paragraph]:
        self.pages = pages
        for page in pages:
            self._page(page)
            if not self.lines or _ends_sentence(self.lines):
                self._flush()
        self._flush()
        self.blocks = _without_title(self.blocks, self.page_of)
        candidates = [b for b in self.blocks if isinstance(b, Candidate)]
        assign_levels(candidates)
        return [Heading(b.level, b.title, b.page) if isinstance(b, Candidate) else b for b in self.blocks]

    def _page(self, page: Page) -> None:
        lines = _without_contents(page.lines)
        leading = _leading(lines, self.body)
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.box is not None:
                self.boxes.setdefault((page.index, line.box), []).append(line)
                i += 1
                if not self.lines and (i == len(lines) or lines[i].box != line.box):
                    self._flush()
                continue
            if self._heading_style(line):
                run = self._heading_run(lines, i)
                title = " ".join(ln.text for ln in run)
                if is_title_like(title):
                    self._flush()
                    self.blocks.append(Candidate(title, run[0].size, run[0].bold, self.printed[page.index], page.index))
                    i += len(run)
                    continue
                if title.replace("0", "").isdigit() and len(title) <= 3 and i + len(run) < len(lines):
                    i += len(run)  # a decorative chapter number ("01") above its title
                    continue
            self._paragraph_line(line, leading)
            i += 1

    def _heading_style(self, line: Line) -> bool:
        if line.shares_row or not is_heading_style(line.size, line.bold, line.italic, self.body, line.words):
            return False
        return line.size >= self.body * HEADING_RATIO or not is_run_in_label(line.text)

    def _heading_run(self, lines: list[Line], start: int) -> list[Line]:
        """A heading that wraps arrives as up to three lines in the same style; "Chapter 3" set above its
        title joins the title line whatever its size."""
        run = [lines[start]]
        if CONTENTS_TITLE.match(run[0].text):
            return run
        for line in lines[start + 1 : start + 3]:
            previous = run[-1]
            same_style = abs(line.size - previous.size) < 0.5 and line.bold == previous.bold
            close = 0 < previous.y - line.y < previous.size * 2.2 and line.column == previous.column
            joins_label = is_label_only(" ".join(ln.text for ln in run)) and self._heading_style(line)
            if line.box is not None or not close or not (same_style or joins_label) or line.shares_row:
                break
            run.append(line)
        return run

    def _paragraph_line(self, line: Line, leading: float) -> None:
        if self.lines and self._starts_paragraph(line, leading):
            self._flush()
        self.lines.append(line)

    def _starts_paragraph(self, line: Line, leading: float) -> bool:
        """A numbered paragraph, a change of type (a lead paragraph or pull quote ends), or a wider gap after
        a finished sentence. A line in the next column or page continues an unfinished sentence."""
        if self._paragraph_number(line.text):
            return True
        first, previous = self.lines[0], self.lines[-1]
        if abs(line.size - first.size) > 0.08 * first.size or line.italic != first.italic:
            return True
        if previous.page_index != line.page_index or previous.column != line.column:
            return False
        gap = previous.y - line.y
        spaced = gap > max(leading * 1.25, line.size * 1.35)
        finished = _ends_sentence(self.lines) or sum(ln.words for ln in self.lines) < 8  # a sentence, or a label
        return (spaced and finished) or gap > line.size * 3 or gap < -line.size

    def _paragraph_number(self, text: str) -> str | None:
        match = NUMBERED_PARAGRAPH.match(text)
        if not match or not re.match(r"[A-Z‘“'\"(£]", text[match.end() :]) or match["para"] in self.used_numbers:
            return None
        return match["para"]

    def _flush(self) -> None:
        """End the open paragraph, then emit any box met while it was open: a box follows the text it
        interrupts, in the section it was printed in."""
        self._flush_paragraph()
        for page_index, box in list(self.boxes):
            self._emit_box(page_index, box)

    def _flush_paragraph(self) -> None:
        if not self.lines:
            return
        text = join_lines([ln.text for ln in self.lines])
        number = self._paragraph_number(text)
        page_index = self.lines[0].page_index
        page = self.printed[page_index]
        self.lines = []
        if number:
            self.used_numbers.add(number)
            text = text[NUMBERED_PARAGRAPH.match(text).end() :]
        self.blocks.append(Paragraph(text, para=number, page=page, file=self.label))
        self.page_of[id(self.blocks[-1])] = page_index

    def _emit_box(self, page_index: int, box: int) -> None:
        lines = self.boxes.pop((page_index, box))
        x0, _, x1, _ = self.pages[page_index].boxes[box]
        kind = "Sidebar" if (x1 - x0) < SIDEBAR_WIDTH * self.pages[page_index].width else "Box"
        parts = [lines[0].text] if lines[0].bold else []
        body = join_lines([ln.text for ln in lines[len(parts) :]])
        text = f"{kind}: " + ". ".join(p for p in (*parts, body) if p)
        self.blocks.append(Paragraph(text, page=self.printed[page_index], file=self.label, marked=True))
        self.page_of[id(self.blocks[-1])] = page_index


def _without_title(blocks: list[Candidate | Paragraph], page_of: dict[int, int]) -> list[Candidate | Paragraph]:
    """The cover and title block name the document, which its manifest entry already does: leave out the
    headings on the pages before the first paragraph, and an unnumbered first heading set larger than any
    other, with the lighter lines (a subtitle) under it."""
    first = next((i for i, b in enumerate(blocks) if isinstance(b, Paragraph)), len(blocks))
    text_page = page_of.get(id(blocks[first])) if first < len(blocks) else None
    kept = [b for i, b in enumerate(blocks) if i >= first or b.page_index == text_page]
    heads = [b for b in kept if isinstance(b, Candidate)]
    if not heads or not isinstance(kept[0], Candidate) or len(heads) < 2:
        return kept
    if heads[0].size <= max(h.size for h in heads[1:]) * 1.1 or DECIMAL.match(heads[0].title) or KEYWORD.match(
        heads[0].title
    ):
        return kept
    end = 1
    while end < len(kept) and isinstance(kept[end], Candidate) and not kept[end].bold:
        end += 1
    return kept[end:]


def _without_contents(lines: list[Line]) -> list[Line]:
    """Leave out a contents listing (its title and entries) but keep whatever else is on its page. An entry
    ends with its page number, after dotted leaders or in a cell of its own on the same row."""
    number_rows = {round(ln.y) for ln in lines if re.fullmatch(r"\d{1,3}", ln.text)}
    lines = [line for line in lines if not LEADER.search(line.text)]

    def entry(line: Line) -> bool:
        return bool(CONTENTS_ENTRY.search(line.text)) or round(line.y) in number_rows

    entries = sum(entry(line) for line in lines)
    if (entries >= 8 and entries >= 0.5 * len(lines)) or (entries >= 3 and entries >= 0.6 * len(lines)):
        # a contents page, one that continues, or an index
        return [line for line in lines if not entry(line) and not CONTENTS_TITLE.match(line.text)]

    for i, line in enumerate(lines):
        if not CONTENTS_TITLE.match(line.text):
            continue
        end = i + 1
        while end < len(lines) and entry(lines[end]):
            end += 1
        return lines[:i] + lines[end:]
    return lines


def _leading(lines: list[Line], body: float) -> float:
    gaps = [round(a.y - b.y, 1) for a, b in zip(lines, lines[1:], strict=False)
            if abs(a.size - body) < 0.5 and abs(b.size - body) < 0.5 and 0 < a.y - b.y < body * 3]
    return statistics.median(gaps) if gaps else body * 1.2


def _ends_sentence(lines: list[Line]) -> bool:
    return bool(lines) and lines[-1].text.rstrip().endswith((".", ":", "?", "!", ".”", '."', ";", "”", ".)"))


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
