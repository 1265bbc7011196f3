"""Markdown loader: the project's digest convention (see corpus/README.md) and plain Markdown/text.

A digest file has YAML front matter, `{page=… url=…}` attribute lines under headings and one
`{para=…}` marker per entry. A plain file (a user's notes) has neither: each blank-line-separated
paragraph becomes an entry, and a leading "1.10" is read as its paragraph number.

Run `python -m indexer.markdown [--ids] FILE…` to check digest files and see what they contain
(`--ids` lists every passage id, as `programmes.toml` cites them).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from indexer.passage import web_address
from indexer.structure import NUMBERED_PARAGRAPH, Heading, Paragraph, build_outline

ATTRIBUTE_LINE = re.compile(r"^\{(?P<body>[^{}]*)\}\s*$")
HEADING_LINE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
HEADING_KEYS = {"page", "url", "id"}
ENTRY_KEYS = {"para", "page", "id"}


class DigestFormatError(ValueError):
    """A digest file breaks the convention in a way that would give wrong citations."""


@dataclass
class MarkdownFile:
    """One file's front matter and blocks, before sections and ids are assigned."""

    path: Path
    meta: dict
    blocks: list[Heading | Paragraph] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_markdown(path: Path, label: str | None = None) -> MarkdownFile:
    """Read one Markdown or text file into blocks; `label` is how problems name the file."""
    label = label or str(path)
    text = path.read_text(encoding="utf-8")
    meta, body, body_start = _split_front_matter(text, label)
    result = MarkdownFile(path, meta)
    lines = body.splitlines()
    if any(ATTRIBUTE_LINE.match(line) and not _follows_heading(lines, i) for i, line in enumerate(lines)):
        _read_entries(lines, body_start, label, result)
    else:
        _read_plain(lines, body_start, label, result)
    return result


def _split_front_matter(text: str, label: str) -> tuple[dict, str, int]:
    if not text.startswith("---"):
        return {}, text, 1
    end = text.find("\n---", 3)
    if end == -1:
        raise DigestFormatError(f"{label}: front matter starts with '---' but never ends")
    try:
        meta = yaml.safe_load(text[3:end]) or {}
    except yaml.YAMLError as exc:
        raise DigestFormatError(f"{label}: front matter is not valid YAML ({exc})") from exc
    body_start = text[: end + 4].count("\n") + 1
    return meta, text[end + 4 :], body_start


def _follows_heading(lines: list[str], i: int) -> bool:
    return i > 0 and bool(HEADING_LINE.match(lines[i - 1]))


def _parse_attributes(body: str, allowed: set[str], where: str, problems: list[str]) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for token in body.split():
        key, eq, value = token.partition("=")
        if not eq or key not in allowed:
            problems.append(f"{where}: unknown attribute {token!r} (allowed: {', '.join(sorted(allowed))})")
            continue
        attributes[key] = value
    return attributes


def _page(value: str | None, where: str, problems: list[str]) -> int | None:
    if value is None:
        return None
    if not value.isdigit():
        problems.append(f"{where}: page must be a whole number, not {value!r}")
        return None
    return int(value)


def _read_entries(lines: list[str], offset: int, label: str, result: MarkdownFile) -> None:
    entry: dict[str, str] | None = None
    entry_line = 0
    text: list[str] = []

    def close() -> None:
        if entry is None:
            if " ".join(text).strip():
                result.problems.append(f"{label}:{entry_line or offset}: text outside any entry is ignored")
            return
        where = f"{label}:{entry_line}"
        result.blocks.append(
            Paragraph(
                " ".join(" ".join(text).split()),
                para=entry.get("para"),
                page=_page(entry.get("page"), where, result.problems),
                id=entry.get("id"),
                file=label,
                line=entry_line,
                marked=True,
            )
        )

    for i, line in enumerate(lines):
        number = offset + i
        where = f"{label}:{number}"
        heading = HEADING_LINE.match(line)
        attrs = ATTRIBUTE_LINE.match(line)
        if heading:
            close()
            entry, text = None, []
            result.blocks.append(_heading(heading, lines, i, where, result.problems))
        elif attrs and _follows_heading(lines, i):
            continue
        elif attrs:
            close()
            entry, text, entry_line = _parse_attributes(attrs["body"], ENTRY_KEYS, where, result.problems), [], number
        else:
            text.append(line)
    close()


def _heading(match: re.Match, lines: list[str], i: int, where: str, problems: list[str]) -> Heading:
    attributes: dict[str, str] = {}
    following = ATTRIBUTE_LINE.match(lines[i + 1]) if i + 1 < len(lines) else None
    if following:
        attributes = _parse_attributes(following["body"], HEADING_KEYS, where, problems)
    return Heading(
        level=len(match["hashes"]),
        title=match["title"].strip(),
        page=_page(attributes.get("page"), where, problems),
        url=web_address(attributes.get("url")),
        id=attributes.get("id"),
    )


def _read_plain(lines: list[str], offset: int, label: str, result: MarkdownFile) -> None:
    chunk: list[str] = []
    start = offset

    def close() -> None:
        joined = " ".join(" ".join(chunk).split())
        if joined:
            numbered = NUMBERED_PARAGRAPH.match(joined)
            para = numbered["para"] if numbered else None
            body = joined[numbered.end() :] if numbered else joined
            result.blocks.append(Paragraph(body, para=para, file=label, line=start))
        chunk.clear()

    for i, line in enumerate(lines):
        heading = HEADING_LINE.match(line)
        if heading:
            close()
            result.blocks.append(Heading(level=len(heading["hashes"]), title=heading["title"].strip()))
        elif not line.strip():
            close()
            start = offset + i + 1
        else:
            chunk.append(line)
    close()


def _check(paths: list[str], show_ids: bool = False) -> int:
    """Parse digest files grouped by their front matter doc_id and report counts and problems; with
    `show_ids`, also every passage id (what `programmes.toml` cites) and the start of its text."""
    by_doc: dict[str, list[Path]] = {}
    for name in paths:
        meta = read_markdown(Path(name)).meta
        by_doc.setdefault(meta.get("doc_id", Path(name).stem), []).append(Path(name))
    failures = 0
    for doc_id, files in by_doc.items():
        parsed = [read_markdown(f) for f in files]
        outline = build_outline(doc_id, [b for p in parsed for b in p.blocks])
        outline.problems[:0] = [problem for p in parsed for problem in p.problems]
        long = [p for p in outline.passages if len(p.text.split()) > 120]
        no_page = [p for p in outline.passages if p.page is None]
        print(
            f"{doc_id}: {len(files)} file(s), {len(outline.sections)} sections, {len(outline.passages)} entries, "
            f"{sum(1 for p in outline.passages if p.para)} with para, {len(no_page)} without page, "
            f"{len(long)} over 120 words"
        )
        for section in outline.sections:
            count = sum(1 for p in outline.passages if p.section_id == section.id)
            print(f"  {'  ' * (section.level - 1)}{section.title[:70]}  [p.{section.page}] ({count})  {section.id}")
        for problem in outline.problems:
            print(f"  PROBLEM {problem}")
        for passage in long:
            print(f"  TOO LONG {passage.id} ({len(passage.text.split())} words)")
        for passage in outline.passages if show_ids else ():
            print(f"  {passage.id}  {passage.text[:70]}")
        failures += len(outline.problems) + len(long)
    return 1 if failures else 0


if __name__ == "__main__":
    files = [a for a in sys.argv[1:] if a != "--ids"]
    sys.exit(_check(files, show_ids="--ids" in sys.argv) if files else print(__doc__) or 2)
