"""A generation's records (ids, texts, metadata, passage vectors) and its info, written by `ltp index` as files beside
the generation, so a process that only reads the index (a server worker, `ltp ask`, `ltp eval`) never opens Chroma.

Why: chromadb 1.5.9 writes whenever a process opens a persistent store, even to read it: it adds a row to
chroma.sqlite3's `acquire_write` table on start-up, and with the collection's HNSW `sync_threshold` (1000) larger
than the corpus (466 passages) the indexer never persists a built graph, so every opening process replays the log
into a graph of its own and writes the segment's header.bin, data_level0.bin, link_lists.bin and length.bin back
(length.bin with bytes of uninitialised memory, so they differ every time). Several workers writing the files they
serve, a worker killed mid-write, a data folder mounted read-only: docs/history/round-25-vectors25.md.

The files hold what the reader would have read from Chroma, by construction: the indexer reads the records back from
Chroma right after writing them (`PassageStore.store_records`) and writes them here unchanged; the vectors Chroma
returns are float64 copies of float32 values, so they are kept as float32 only when that is exact.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from indexer.matrix_files import read_matrix, write_matrix

log = logging.getLogger(__name__)
VECTORS_FILE = "records.npy"
RECORDS_FILE = "records.json"
FORMAT = 1


@dataclass(frozen=True)
class GenerationRecords:
    """Every record of one generation, in Chroma's order, and the info its builder recorded."""

    generation: str
    info: dict
    ids: list[str]
    documents: list[str]
    metadatas: list[dict]
    vectors: np.ndarray

    def items(self, include: Sequence[str]) -> Iterator[tuple[str, dict]]:
        """(id, {field: value}) pairs for the Chroma `include` fields asked for, as `PassageStore` pages them."""
        fields: dict[str, Any] = {"documents": self.documents, "metadatas": self.metadatas, "embeddings": self.vectors}
        for n, record_id in enumerate(self.ids):
            yield record_id, {field: fields[field][n] for field in include}


def write(folder: Path, generation: str, info: dict, ids: list[str], documents: list[str], metadatas: list[dict],
          vectors: np.ndarray) -> bool:
    """Write the files (vectors first, the JSON that describes them last); False, writing nothing, when they would
    not be read back exactly (vectors that are not float32 values, metadata JSON changes): readers then read Chroma."""
    vectors = np.asarray(vectors, dtype=np.float64).reshape(len(ids), -1) if ids else np.zeros((0, 0))
    if not np.array_equal(vectors.astype(np.float32).astype(np.float64), vectors):
        log.warning("generation %s: its vectors are not float32 values; readers will read them from Chroma", generation)
        return False
    about = {"format": FORMAT, "generation": generation, "info": info, "ids": ids, "documents": documents,
             "metadatas": metadatas}
    if json.loads(json.dumps(about)) != about:
        log.warning("generation %s: its records do not survive JSON; readers will read them from Chroma", generation)
        return False
    write_matrix(folder, VECTORS_FILE, vectors, RECORDS_FILE, about)
    return True


def read(folder: Path, generation: str) -> GenerationRecords | None:
    """The records of `generation` from its folder, or None when the files are missing (a generation indexed before
    they were written), unreadable or not this generation's: the caller then reads Chroma."""
    found = read_matrix(folder, VECTORS_FILE, RECORDS_FILE, "generation records")
    if found is None:
        return None
    about, vectors = found
    ids, documents, metadatas = about.get("ids"), about.get("documents"), about.get("metadatas")
    if not (about.get("format") == FORMAT and about.get("generation") == generation
            and isinstance(about.get("info"), dict)
            and isinstance(ids, list) and isinstance(documents, list) and isinstance(metadatas, list)
            and len(ids) == len(documents) == len(metadatas) == vectors.shape[0]):
        log.warning("ignoring the generation records in %s: not generation %s's, or incomplete", folder, generation)
        return None
    return GenerationRecords(generation, about["info"], ids, documents, metadatas, vectors)


def present(folder: Path) -> bool:
    """Are the files there (whether they are whole is `read`'s to say)?"""
    return (folder / RECORDS_FILE).is_file() and (folder / VECTORS_FILE).is_file()

