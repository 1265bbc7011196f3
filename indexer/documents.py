"""Load one manifest document, whatever its files' formats, into an outline of sections and passages.

`read_document` is the same dispatch for a single file outside any corpus (a commissioner's draft plan
to review): PDF, Word, HTML, Markdown or text in, headings and paragraphs with pages out.
"""

from __future__ import annotations

import re
from pathlib import Path

from indexer.docx import load_docx
from indexer.errors import SourceError
from indexer.html import load_html
from indexer.manifest import Source
from indexer.markdown import DigestFormatError, read_markdown
from indexer.pdf import load_pdf
from indexer.structure import DocumentOutline, Heading, Paragraph, build_outline


def load_source(source: Source, corpus_dir: Path) -> DocumentOutline:
    """Parse every file of `source` in order; SourceError names the file and what is wrong with it."""
    blocks: list[Heading | Paragraph] = []
    problems: list[str] = []
    for path in source.files:
        label = _label(path, corpus_dir)
        if not path.exists():
            raise SourceError(f"{label}: file not found (listed in the manifest for {source.id!r})")
        blocks.extend(_load_file(path, label, source, problems))
    outline = build_outline(source.id, blocks, root_title=source.title, url=source.url)
    outline.problems[:0] = problems
    if not outline.passages:
        raise SourceError(f"{source.id}: no text found in {', '.join(_label(p, corpus_dir) for p in source.files)}")
    return outline


def read_document(path: Path, label: str | None = None, problems: list[str] | None = None) -> list[Heading | Paragraph]:
    """One file as headings and paragraphs (with printed pages where the format has them), in order.
    SourceError names the file and says what is wrong; warnings are appended to `problems` when given."""
    label = label or path.name
    if not path.is_file():
        raise SourceError(f"{label}: file not found")
    source = Source(id=re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "document", title=path.stem,
                    files=(path,))
    return _load_file(path, label, source, problems if problems is not None else [])


def _load_file(path: Path, label: str, source: Source, problems: list[str]) -> list[Heading | Paragraph]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            return load_pdf(path, label, problems)
        if suffix == ".docx":
            return load_docx(path, label)
        if suffix in (".html", ".htm"):
            return load_html(path, label)
        if suffix in (".md", ".markdown", ".txt"):
            parsed = read_markdown(path, label)
            declared = parsed.meta.get("doc_id")
            if declared and declared != source.id:
                problems.append(f"{label}: front matter says doc_id {declared!r}, the manifest says {source.id!r}")
            problems.extend(parsed.problems)
            return parsed.blocks
    except DigestFormatError as exc:
        raise SourceError(str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise SourceError(f"{label}: not UTF-8 text ({exc.reason}); save it as UTF-8") from exc
    except SourceError as exc:
        message = str(exc)
        raise SourceError(message if message.startswith(label) else f"{label}: {message}") from exc
    raise SourceError(f"{label}: unsupported file type {suffix!r}; use PDF, Word (.docx), HTML, Markdown or plain text")


def _label(path: Path, corpus_dir: Path) -> str:
    try:
        return str(path.relative_to(corpus_dir))
    except ValueError:
        return str(path)
