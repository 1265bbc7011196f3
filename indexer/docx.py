"""Word loader: a .docx file's heading styles become the outline, its paragraphs and tables the text.

Headings are paragraphs styled "Title" or "Heading 1…9" (or a style based on one, or any paragraph given
an outline level). Word does not store page numbers: a paragraph's page is counted from the page breaks
Word recorded when it last laid the document out, or else from hard page breaks; with neither, pages are
unknown (None), never guessed. The file is checked before python-docx opens it: a .docx is a zip, and a
zip whose contents would unpack to hundreds of megabytes (a zip bomb) is refused unread.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph as WordParagraph

from indexer.errors import SourceError
from indexer.pdf_layout import normalise
from indexer.structure import NUMBERED_PARAGRAPH, Heading, Paragraph

MAX_UNPACKED_BYTES = 200 * 2**20
"""A Word file's parts together: 200 MB is far beyond any plan's text and images."""
MAX_RATIO = 200
"""Ordinary XML compresses about 10:1; a part that claims 200:1 or more is built to exhaust memory."""
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"
"""Password-protected .docx (and old .doc) files are OLE compound files, not zips."""
HEADING_STYLE = re.compile(r"^heading (\d)$", re.I)


def load_docx(path: Path, label: str | None = None) -> list[Heading | Paragraph]:
    """Read a .docx into headings and paragraphs; SourceError says what is wrong with a bad file."""
    label = label or path.name
    document = _open(path, label)
    body = document.element.body
    use_rendered = bool(body.findall(".//" + qn("w:lastRenderedPageBreak")))
    paginated = use_rendered or _has_hard_breaks(body)
    blocks: list[Heading | Paragraph] = []
    page = 1
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend(Paragraph(text, page=page if paginated else None, file=label) for text in _table_rows(item))
            page += sum(sum(_breaks(p, use_rendered)) for p in item._tbl.iter(qn("w:p")))
            continue
        before, after = _breaks(item._p, use_rendered)
        page += before
        at = page if paginated else None
        page += after
        text = normalise(item.text)
        if not text:
            continue
        level = _heading_level(item)
        blocks.append(Heading(level, text, at) if level else _paragraph(text, at, label))
    if not blocks:
        raise SourceError(f"{label}: the Word document has no text")
    return blocks


def _open(path: Path, label: str) -> Document:
    if path.stat().st_size == 0:
        raise SourceError(f"{label}: the file is empty (0 bytes); save it again from Word")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_SIGNATURE):
        raise SourceError(f"{label}: the Word file is password-protected or in the old .doc format; "
                          "save an unprotected .docx copy and add that")
    if not zipfile.is_zipfile(path) and head.startswith(b"PK"):
        raise SourceError(f"{label}: the Word file is damaged (an incomplete zip archive); save or download it again")
    if not zipfile.is_zipfile(path):
        raise SourceError(f"{label}: this is not a Word .docx file (it is not a zip archive); check the file")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_sizes(archive, label)
        return docx.Document(str(path))
    except SourceError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types on damaged parts
        raise SourceError(f"{label}: the Word file is damaged and cannot be read ({exc}); save it again") from exc


def _check_sizes(archive: zipfile.ZipFile, label: str) -> None:
    members = archive.infolist()
    if "word/document.xml" not in {m.filename for m in members}:
        raise SourceError(f"{label}: this zip is not a Word document (no word/document.xml); check the file")
    unpacked = sum(m.file_size for m in members)
    suspicious = any(m.file_size > 2**20 and m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members)
    if unpacked > MAX_UNPACKED_BYTES or suspicious:
        raise SourceError(f"{label}: refused: the file would unpack to {unpacked // 2**20} MB (a zip bomb?); "
                          "save the document again from Word")


def _heading_level(paragraph: WordParagraph) -> int:
    style = paragraph.style
    while style is not None:
        if style.name and style.name.lower() == "title":
            return 1
        match = HEADING_STYLE.match(style.name or "")
        if match:
            return int(match.group(1))
        style = style.base_style
    outline = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if outline is not None and outline.get(qn("w:val"), "").isdigit() and int(outline.get(qn("w:val"))) < 9:
        return int(outline.get(qn("w:val"))) + 1
    return 0


def _paragraph(text: str, page: int | None, label: str) -> Paragraph:
    numbered = NUMBERED_PARAGRAPH.match(text)
    if numbered and re.match(r"[A-Z‘“'\"(£]", text[numbered.end() :]):
        return Paragraph(text[numbered.end() :], para=numbered["para"], page=page, file=label)
    return Paragraph(text, page=page, file=label)


def _table_rows(table: Table) -> list[str]:
    """Each row as "Header: cell; Header: cell", so a row read alone still says what its figures are."""
    rows = [[normalise(cell.text) for cell in row.cells] for row in table.rows]
    rows = [row for row in rows if any(row)]
    if len(rows) < 2:
        return ["; ".join(c for c in row if c) for row in rows]
    header, *body = rows
    labelled = []
    for row in body:
        cells = [f"{h}: {c}" if h and h != c else c for h, c in zip(header, row, strict=False) if c]
        labelled.append("; ".join(dict.fromkeys(cells)))
    return labelled


def _has_hard_breaks(body) -> bool:
    return any(br.get(qn("w:type")) == "page" for br in body.iter(qn("w:br"))) or bool(
        body.findall(".//" + qn("w:pageBreakBefore"))
    )


def _breaks(p, use_rendered: bool) -> tuple[int, int]:
    """Page breaks in one paragraph, as (before its first text, after it): the breaks Word rendered, or
    else the hard ones ("page break before" counts as before)."""
    before = after = 0
    seen_text = False
    if not use_rendered:
        flag = p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}")
        before += int(flag is not None and flag.get(qn("w:val"), "true") not in ("0", "false"))
    for element in p.iter(qn("w:t"), qn("w:br"), qn("w:lastRenderedPageBreak")):
        if element.tag == qn("w:t"):
            seen_text = seen_text or bool((element.text or "").strip())
            continue
        is_break = (element.tag == qn("w:lastRenderedPageBreak")) if use_rendered else (
            element.tag == qn("w:br") and element.get(qn("w:type")) == "page")
        if is_break and seen_text:
            after += 1
        elif is_break:
            before += 1
    return before, after
