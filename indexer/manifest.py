"""The corpus manifest (`sources.toml`): which documents make up the corpus and where each comes from.

A corpus folder without a manifest still indexes: every PDF, HTML, Markdown or text file in it becomes
a document of its own, titled after its file name.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from indexer.errors import BadInput
from indexer.markdown import read_markdown
from indexer.passage import DOCUMENT_KINDS, Document, web_address

MANIFEST_NAME = "sources.toml"
LOADABLE_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt")
SOURCE_KINDS = DOCUMENT_KINDS


@dataclass(frozen=True)
class OfficialCopy:
    """Where `ltp corpus fetch` downloads the official text of a digested document from."""

    pdf_url: str
    file: str


@dataclass(frozen=True)
class Source:
    """One document of the corpus, as the manifest describes it."""

    id: str
    title: str
    files: tuple[Path, ...]
    kind: str = "user"
    publisher: str = ""
    published: str = ""
    url: str | None = None
    licence: str = ""
    short_title: str = ""
    paginated: bool = True
    official: OfficialCopy | None = None
    digest_of: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def label(self) -> str:
        return self.short_title or self.title

    def document(self, pages: int = 0) -> Document:
        """The document as answers cite it (stored with the index, so serving never reads the manifest)."""
        return Document(id=self.id, title=self.title, short_title=self.label, url=self.url, kind=self.kind,
                        publisher=self.publisher, published=self.published, pages=pages)


def load_manifest(corpus_dir: Path) -> list[Source]:
    """Read `corpus_dir/sources.toml`, or discover the folder's files when there is none."""
    if not corpus_dir.is_dir():
        raise BadInput(f"corpus folder {corpus_dir} does not exist: set LTP_CORPUS_DIR to a folder of documents")
    manifest = corpus_dir / MANIFEST_NAME
    if not manifest.exists():
        return discover_sources(corpus_dir)
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{manifest} is not valid TOML: {exc}") from exc
    sources = [_source(corpus_dir, entry, manifest) for entry in data.get("document", [])]
    ids = [s.id for s in sources]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise BadInput(f"{manifest}: document ids must be unique; repeated: {', '.join(duplicates)}")
    return sources


def discover_sources(folder: Path) -> list[Source]:
    """One `user` document per loadable file, for a folder of a user's own documents."""
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in LOADABLE_SUFFIXES and p.is_file())
    files = [p for p in files if p.name.lower() != "readme.md"]
    return [_discovered(p, folder) for p in files]


def _discovered(path: Path, folder: Path) -> Source:
    """A digest-format Markdown file names its own document in its front matter; others use the file name."""
    meta = read_markdown(path).meta if path.suffix.lower() in (".md", ".markdown") else {}
    return Source(
        id=str(meta.get("doc_id") or _file_id(path, folder)),
        title=str(meta.get("title") or path.stem.replace("-", " ").replace("_", " ")),
        files=(path,),
        kind=meta.get("kind", "user") if meta.get("kind") in SOURCE_KINDS else "user",
        url=web_address(meta.get("url")),
    )


def _file_id(path: Path, folder: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(path.relative_to(folder).with_suffix("")).lower()).strip("-")


def _source(corpus_dir: Path, entry: dict, manifest: Path) -> Source:
    missing = [key for key in ("id", "title", "files") if key not in entry]
    if missing:
        raise BadInput(f"{manifest}: a [[document]] lacks {', '.join(missing)}")
    kind = entry.get("kind", "user")
    if kind not in SOURCE_KINDS:
        raise BadInput(f"{manifest}: document {entry['id']!r} has kind {kind!r}; use one of {', '.join(SOURCE_KINDS)}")
    official = entry.get("official")
    known = {
        "id", "title", "files", "kind", "publisher", "published", "url", "licence",
        "short_title", "paginated", "official", "digest_of",
    }
    return Source(
        id=entry["id"],
        title=entry["title"],
        files=tuple(corpus_dir / f for f in entry["files"]),
        kind=kind,
        publisher=entry.get("publisher", ""),
        published=str(entry.get("published", "")),
        url=web_address(entry.get("url")),
        licence=entry.get("licence", ""),
        short_title=entry.get("short_title", ""),
        paginated=entry.get("paginated", True),
        official=OfficialCopy(official["pdf_url"], official["file"]) if official else None,
        digest_of=entry.get("digest_of"),
        extra={k: v for k, v in entry.items() if k not in known},
    )
