"""Users' own documents: `ltp index --add FILE --title ...` keeps a copy under LTP_DATA_DIR/documents/.

The bundled corpus folder is never written to; added files are listed in `documents/added.json`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from indexer.documents import load_source
from indexer.errors import BadInput, SourceError
from indexer.manifest import LOADABLE_SUFFIXES, Source
from indexer.passage import web_address

REGISTRY = "added.json"


def load_added(folder: Path) -> list[Source]:
    registry = folder / REGISTRY
    if not registry.exists():
        return []
    return [
        Source(id=e["id"], title=e["title"], files=(folder / e["file"],), kind="user", url=e.get("url"))
        for e in json.loads(registry.read_text())
    ]


def add_document(folder: Path, path: Path, title: str, doc_id: str | None = None, url: str | None = None,
                 taken_ids: Iterable[str] = ()) -> Source:
    """Check that `path` parses, then copy it in and register it; a bad file changes nothing.

    `taken_ids` are the ids of the documents already indexed (the corpus, fetched copies): reusing one would give
    two documents the same passage ids."""
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    if url and web_address(url) != url:
        raise BadInput("--url must be a web address starting with https:// (or http://)")
    if path.suffix.lower() not in LOADABLE_SUFFIXES:
        raise BadInput(f"{path.name}: unsupported file type; add a PDF, Word (.docx), HTML, Markdown or text file")
    doc_id = doc_id or re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,62}", doc_id or ""):
        raise BadInput("give a document id of lowercase letters, digits and hyphens (--id my-local-plan)")
    entries = json.loads((folder / REGISTRY).read_text()) if (folder / REGISTRY).exists() else []
    if any(e["id"] == doc_id for e in entries):
        raise BadInput(f"a document with id {doc_id!r} was already added; choose another --id")
    if doc_id in set(taken_ids):
        raise BadInput(f"{doc_id!r} is the id of a document already in the corpus; choose another --id")
    candidate = Source(id=doc_id, title=title, files=(path,), kind="user", url=url)
    try:
        load_source(candidate, path.parent)
    except SourceError as exc:
        raise BadInput(f"not added: {exc}") from exc
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{doc_id}{path.suffix.lower()}"
    shutil.copyfile(path, folder / stored)
    entries.append({"id": doc_id, "title": title, "file": stored, "url": url})
    _write_registry(folder, entries)
    return Source(id=doc_id, title=title, files=(folder / stored,), kind="user", url=url)


def remove_document(folder: Path, doc_id: str) -> None:
    """Un-register an added document and delete its copy (an `ltp index --add` that was interrupted or failed)."""
    registry = folder / REGISTRY
    entries = json.loads(registry.read_text()) if registry.exists() else []
    for entry in [e for e in entries if e["id"] == doc_id]:
        (folder / entry["file"]).unlink(missing_ok=True)
    remaining = [e for e in entries if e["id"] != doc_id]
    if remaining:
        _write_registry(folder, remaining)
    else:
        registry.unlink(missing_ok=True)


def _write_registry(folder: Path, entries: list[dict]) -> None:
    tmp = folder / (REGISTRY + ".tmp")
    tmp.write_text(json.dumps(entries, indent=2))
    os.replace(tmp, folder / REGISTRY)
