"""A user's own document joins the index whole or not at all: registered under LTP_DATA_DIR/documents/, then
indexed; an index run that fails or is interrupted un-registers it, so no listed document is missing its passages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from indexer.build import IndexSummary
from indexer.manifest import Source
from indexer.sources import added_folder
from indexer.user_documents import add_document, remove_document


def add_and_index(assistant, path: Path, title: str, doc_id: str | None = None, url: str | None = None, *,
                  rebuild: bool = False, progress: bool = True,
                  on_added: Callable[[Source], None] | None = None) -> IndexSummary:
    """Register `path` (checked first: a bad file changes nothing), tell `on_added`, then index everything."""
    folder = added_folder(assistant.settings.data_dir)
    added = add_document(folder, path, title, doc_id, url, [source.id for source in assistant.sources()])
    try:
        if on_added is not None:
            on_added(added)
        return assistant.index(rebuild=rebuild, progress=progress)
    except BaseException:  # interrupted or failed: the document was not indexed, so un-register it
        remove_document(folder, added.id)
        raise
