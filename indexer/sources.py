"""What `ltp index` indexes: the corpus manifest, the official copies `ltp corpus fetch` brought, and the
documents users added. One place that knows all three, so the manifest need not know about added files."""

from __future__ import annotations

from pathlib import Path

from indexer.errors import BadInput
from indexer.manifest import Source, load_manifest
from indexer.user_documents import load_added

ADDED_FOLDER = "documents"
"""Where users' own documents are kept under LTP_DATA_DIR (`ltp index --add`): named here only."""
SOURCE_MODES = ("all", "digest", "official")
"""LTP_SOURCES: "all" indexes the digest and any fetched official text side by side; "official" uses
the official text instead of the digest wherever it has been fetched; "digest" ignores fetched copies."""


def collect_sources(corpus_dir: Path, data_dir: Path, mode: str = "all") -> list[Source]:
    """Everything `ltp index` should index: the manifest, fetched official copies, and user-added files."""
    if mode not in SOURCE_MODES:
        raise BadInput(f"LTP_SOURCES is {mode!r}; use one of {', '.join(SOURCE_MODES)}")
    sources = load_manifest(corpus_dir)
    fetched = {s.id: _official_source(s, data_dir / "sources") for s in sources}
    official = {k: v for k, v in fetched.items() if v is not None}
    if mode == "official":
        chosen = [official.get(s.id, s) for s in sources]
    elif mode == "digest":
        chosen = sources
    else:
        chosen = sources + list(official.values())
    return chosen + load_added(added_folder(data_dir))


def added_folder(data_dir: Path) -> Path:
    """The folder of the documents users added, as `ltp index` reads it and `ltp index --add` writes it."""
    return data_dir / ADDED_FOLDER


def _official_source(source: Source, fetched_dir: Path) -> Source | None:
    if not source.official or not (fetched_dir / source.official.file).exists():
        return None
    return Source(
        id=f"{source.id}-official",
        title=source.title,
        short_title=source.short_title,
        files=(fetched_dir / source.official.file,),
        kind="official",
        publisher=source.publisher,
        published=source.published,
        url=source.url,
        licence=source.licence,
        digest_of=source.id,
    )
