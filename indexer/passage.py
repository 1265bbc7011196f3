"""The plain data that flows from loaders to the store and on to answers."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import lru_cache

PAGE_PRINTED = "printed"
"""The passage's own printed page number was read from (or checked against) the document."""
PAGE_SECTION = "section"
"""The page is where the passage's section starts (from the contents page): it is on that page or later."""


DOCUMENT_KINDS = ("digest", "official", "user")
"""digest: the project's own-words digest of an official text; official: the text itself; user: a user's file."""


def web_address(url: object) -> str | None:
    """The document's address when it is a web page (http or https), else None: every page and export links a
    document's `url`, and a `javascript:`, `data:` or `vbscript:` one in a folder's own sources.toml (or a digest's
    `{url=...}` line) would run in the reader's browser, a `file:` one open their disk. Checked where the manifest
    and digests are read (indexer/manifest.py, indexer/markdown.py), so no page or export needs its own check."""
    text = url.strip() if isinstance(url, str) else ""
    return text if re.match(r"https?://[^\s/]", text, re.I) else None


@dataclass(frozen=True)
class Document:
    """One indexed document: what a citation needs to name it and link to it. Made from the manifest at index
    time, stored with the index generation (`to_info`) and read back once per loaded generation."""

    id: str
    title: str
    short_title: str = ""
    url: str | None = None
    kind: str = "user"
    publisher: str = ""
    published: str = ""
    pages: int = 0

    @property
    def label(self) -> str:
        return self.short_title or self.title

    def to_info(self) -> dict:
        """The index's record of the document (its id is the key it is stored under)."""
        info = asdict(self)
        del info["id"]
        return info

    @classmethod
    def from_info(cls, doc_id: str, info: Mapping) -> Document:
        kind = info.get("kind")
        return cls(
            id=doc_id,
            title=info.get("title") or doc_id,
            short_title=info.get("short_title") or "",
            url=info.get("url"),
            kind=kind if isinstance(kind, str) and kind in DOCUMENT_KINDS else "user",
            publisher=info.get("publisher") or "",
            published=str(info.get("published") or ""),
            pages=int(info.get("pages") or 0),
        )


def documents_from_info(records: Mapping[str, Mapping]) -> dict[str, Document]:
    """The index's document records as Documents by id, in index order."""
    return {doc_id: Document.from_info(doc_id, record) for doc_id, record in records.items()}


def find_document(documents: Mapping[str, Document], doc_id: str) -> Document:
    """The document with `doc_id`, or a stand-in named by its id (a passage kept from an older index)."""
    return documents.get(doc_id) or Document(id=doc_id, title=doc_id)


@dataclass(frozen=True)
class Section:
    """A chapter, section or subsection of a document, as a node in its outline."""

    id: str
    doc_id: str
    title: str
    path: tuple[str, ...]
    """Titles from the chapter down to this section."""
    page: int | None = None
    url: str | None = None

    @property
    def level(self) -> int:
        return len(self.path)

    @property
    def parent_id(self) -> str | None:
        head, _, _ = self.id.rpartition("/")
        return head if "/" in head else None


@dataclass(frozen=True)
class Passage:
    """One citable unit of text: an official paragraph (or a short run) with where it came from."""

    id: str
    doc_id: str
    section_id: str
    section_path: tuple[str, ...]
    text: str
    para: str | None = None
    page: int | None = None
    page_basis: str | None = None
    url: str | None = None
    file: str = ""
    order: int = 0
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def section_title(self) -> str:
        return self.section_path[-1] if self.section_path else ""

    @property
    def search_text(self) -> str:
        """What retrieval sees: the text with its section title, so a passage is found by its topic."""
        return f"{self.section_title}. {self.text}" if self.section_title else self.text


def slugify(text: str, max_words: int = 4) -> str:
    """A short, stable URL-safe id segment for a heading title.

    "Chapter 1: A new service model" -> "chapter-1"; "Annex A: Funding" -> "annex-a";
    "Primary care networks of local GP practices" -> "primary-care-networks-of".
    """
    lowered = text.lower().replace("&", " and ")
    numbered = re.match(r"^(chapter|annex|appendix|section|part)\s+([0-9a-z]+)\b", lowered)
    if numbered:
        return f"{numbered.group(1)}-{numbered.group(2)}"
    words = re.findall(r"[a-z0-9]+", lowered.replace("'", ""))
    return "-".join(words[:max_words]) or "untitled"


def sentences(text: str) -> list[str]:
    """Split prose into sentences without breaking '£4.5 billion', 'e.g.' or paragraph numbers like 1.10."""
    return list(_sentences(text))


@lru_cache(maxsize=20_000)
def _sentences(text: str) -> tuple[str, ...]:
    """`sentences`, remembered: every ask splits the same top passages again (retrieval's best sentence, the
    answer's candidates), about 45 splits per ask on tune."""
    parts = re.split(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z£0-9\"'(])", text.strip())
    merged: list[str] = []
    for part in parts:
        if merged and re.search(r"\b(e\.g|i\.e|etc|c|para|paras|p|pp|no|vs|approx)\.$", merged[-1], re.I):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return tuple(s.strip() for s in merged if s.strip())


def sentence_key(model_name: str, text: str) -> str:
    """Names the vectors of `text`'s sentences: the model and the sentences themselves, so a change to how
    `sentences()` splits text can never pair stored rows with the wrong sentences."""
    joined = "\x1f".join(sentences(text))
    return hashlib.sha256(f"{model_name}\x1e{joined}".encode()).hexdigest()[:32]
