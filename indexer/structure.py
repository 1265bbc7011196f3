"""From a loader's stream of headings and paragraphs to a document outline with citable passages.

Every loader (digest Markdown, PDF, HTML) emits the same `Heading`/`Paragraph` blocks; this module alone
decides section ids, passage ids, page inheritance and passage size, so all formats cite alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from indexer.passage import PAGE_PRINTED, PAGE_SECTION, Passage, Section, sentences, slugify

NUMBERED_PARAGRAPH = re.compile(r"^(?P<para>\d{1,2}\.\d{1,3})\.?\s+(?=\S)")
"""An official paragraph number at the start of a paragraph: "1.10. Primary care…" or "3.8 Maternity…"."""

MIN_WORDS = 12
"""Shorter paragraphs (stray captions, one-line bullets) are merged into their neighbour."""
MAX_WORDS = 220
"""Longer paragraphs are split at sentence boundaries: MiniLM reads ~256 word pieces, no more."""


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    page: int | None = None
    url: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str
    para: str | None = None
    page: int | None = None
    """The paragraph's own printed page, when the source tells it; else the section's page is used."""
    id: str | None = None
    file: str = ""
    line: int = 0
    marked: bool = False
    """Written as a deliberate entry (a digest marker): never merged into a neighbour."""
    part: int = 0
    """Which piece of a split long paragraph this is (0: the first, or the only one)."""


@dataclass
class DocumentOutline:
    """A parsed document: its sections in order, its passages in order, and what looked wrong."""

    doc_id: str
    sections: list[Section] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return len({p.page for p in self.passages if p.page is not None})


def build_outline(
    doc_id: str, blocks: list[Heading | Paragraph], root_title: str = "", url: str | None = None
) -> DocumentOutline:
    """Assign sections and ids to a document's blocks, in order.

    Paragraphs before the first heading belong to a root section titled `root_title`.
    """
    outline = DocumentOutline(doc_id)
    root = Section(id=doc_id, doc_id=doc_id, title=root_title or doc_id, path=(root_title or doc_id,), url=url)
    stack: list[Section] = []
    pending: list[Paragraph] = []
    taken_ids: set[str] = set()

    def current() -> Section:
        return stack[-1] if stack else root

    def flush() -> None:
        if pending:
            _add_passages(outline, current(), _resize(pending))
            pending.clear()

    for block in blocks:
        if isinstance(block, Paragraph):
            pending.append(block)
            continue
        flush()
        while stack and stack[-1].level >= block.level:
            stack.pop()
        parent = current() if stack else None
        section = _new_section(doc_id, block, parent, root, taken_ids)
        stack.append(section)
        outline.sections.append(section)
    flush()
    if any(p.section_id == root.id for p in outline.passages):
        outline.sections.insert(0, root)
    return outline


def _new_section(doc_id: str, heading: Heading, parent: Section | None, root: Section, taken: set[str]) -> Section:
    base = f"{parent.id}/" if parent else f"{doc_id}/"
    section_id = heading.id and f"{doc_id}/{heading.id}" or base + slugify(heading.title)
    unique, n = section_id, 2
    while unique in taken:
        unique, n = f"{section_id}-{n}", n + 1
    taken.add(unique)
    inherit = parent or root
    return Section(
        id=unique,
        doc_id=doc_id,
        title=heading.title,
        path=(*(parent.path if parent else ()), heading.title),
        page=heading.page if heading.page is not None else inherit.page,
        url=heading.url or inherit.url,
    )


def _resize(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Merge tiny paragraphs into the previous one and split very long ones, keeping references."""
    merged: list[Paragraph] = []
    for para in paragraphs:
        if merged and _words(para.text) < MIN_WORDS and not (para.para or para.id or para.marked):
            prev = merged[-1]
            merged[-1] = replace(prev, text=f"{prev.text} {para.text}")
        else:
            merged.append(para)
    resized: list[Paragraph] = []
    for para in merged:
        resized.extend(_split_long(para) if _words(para.text) > MAX_WORDS else [para])
    return resized


def _split_long(para: Paragraph) -> list[Paragraph]:
    pieces: list[str] = []
    for sentence in sentences(para.text):
        if pieces and _words(pieces[-1]) + _words(sentence) <= MAX_WORDS:
            pieces[-1] = f"{pieces[-1]} {sentence}"
        else:
            pieces.append(sentence)
    return [replace(para, text=text, part=part) for part, text in enumerate(pieces)]


def _add_passages(outline: DocumentOutline, section: Section, paragraphs: list[Paragraph]) -> None:
    taken = {p.id for p in outline.passages}
    for n, para in enumerate(paragraphs, start=1):
        passage_id = _passage_id(outline.doc_id, section, para, n) + (f"~{para.part + 1}" if para.part else "")
        if passage_id in taken:
            outline.problems.append(f"{para.file}:{para.line}: passage id {passage_id} appears twice")
            base, copy = passage_id, 2
            while passage_id in taken:
                passage_id, copy = f"{base}~dup{copy}", copy + 1
        taken.add(passage_id)
        if not para.text.strip():
            outline.problems.append(f"{para.file}:{para.line}: entry {passage_id} has no text")
            continue
        page, basis = (para.page, PAGE_PRINTED) if para.page is not None else (section.page, PAGE_SECTION)
        outline.passages.append(
            Passage(
                id=passage_id,
                doc_id=outline.doc_id,
                section_id=section.id,
                section_path=section.path,
                text=para.text.strip(),
                para=para.para,
                page=page,
                page_basis=basis if page is not None else None,
                url=section.url,
                file=para.file,
                order=len(outline.passages),
            )
        )


def _passage_id(doc_id: str, section: Section, para: Paragraph, n: int) -> str:
    if para.para:
        return f"{doc_id}:{para.para}"
    if para.id:
        return f"{doc_id}:{para.id}"
    return f"{doc_id}:{section.id.partition('/')[2] or section.id}:{n}"


def _words(text: str) -> int:
    return len(text.split())
