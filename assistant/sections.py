"""The navigable outline of every indexed document (document › chapter › section), and finding a section
by id or by the words a user types ("primary care networks", "annex c")."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from indexer.cite import section_label
from indexer.errors import NotFound
from indexer.passage import Document, Passage, find_document


@dataclass(frozen=True)
class SectionInfo:
    id: str
    doc_id: str
    doc_title: str
    title: str
    path: tuple[str, ...]
    page: int | None
    url: str | None
    passages: int
    """Passages in this section and every section below it."""

    @property
    def level(self) -> int:
        return len(self.path)

    def to_dict(self) -> dict:
        return {**asdict(self), "path": section_label(self.path), "level": self.level}


def in_section(passage: Passage, section_id: str) -> bool:
    return passage.section_id == section_id or passage.section_id.startswith(section_id + "/")


def section_tree(sections: list[dict], passages: list[Passage], documents: Mapping[str, Document]) -> list[SectionInfo]:
    """The sections recorded at index time, in document order, each with its passage count."""
    counts: dict[str, int] = {}
    for passage in passages:
        parts = passage.section_id.split("/")
        for end in range(1, len(parts) + 1):
            key = "/".join(parts[:end])
            counts[key] = counts.get(key, 0) + 1
    return [
        SectionInfo(
            id=s["id"],
            doc_id=s["doc_id"],
            doc_title=find_document(documents, s["doc_id"]).title,
            title=s["title"],
            path=tuple(s["path"]),
            page=s["page"],
            url=s["url"],
            passages=counts.get(s["id"], 0),
        )
        for s in sections
    ]


def find_section(query: str, sections: list[SectionInfo]) -> SectionInfo:
    """A section by exact id, else the one whose title holds every word typed; NotFound suggests matches."""
    wanted = query.strip()
    by_id = {s.id: s for s in sections}
    if wanted in by_id:
        return by_id[wanted]
    words = _words(wanted)
    matches = [s for s in sections if words and words <= _words(s.title)]
    if matches:
        return min(matches, key=lambda s: (s.level, len(s.title)))
    closest = suggest(wanted, sections)
    raise NotFound(
        f"no section matches {query!r}. " + (f"Closest: {'; '.join(closest)}. " if closest else "")
        + "List them all with `ltp sections` or GET /api/sections"
    )


def suggest(query: str, sections: list[SectionInfo], n: int = 5) -> list[str]:
    titles = {s.title.lower(): s for s in sections}
    close = difflib.get_close_matches(query.lower(), list(titles), n=n, cutoff=0.3)
    words = _words(query)
    overlapping = sorted(sections, key=lambda s: -len(words & _words(s.title)))[:n] if words else []
    picked = list(dict.fromkeys([titles[t] for t in close] + overlapping))[:n]
    return [f"{s.id} ({s.title})" for s in picked]


def _words(text: str) -> set[str]:
    stop = {"the", "and", "of", "a", "to", "for", "in", "on", "with"}
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in stop}
