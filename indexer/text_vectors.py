"""Vectors of texts the assistant derives from the indexed passages (a broad question's bullet forms, section
titles), embedded once by `ltp index` and stored beside the generation's Chroma folder.

Before, a server embedded these per broad question: each worker spent CPU on them, held the model's working
memory for batches of up to 32 long sentences (about 25 MB more peak RSS per worker, docs/history/speed.md), and a
text's vector depended on what else was in its batch, so the same question could rank its bullets differently
with what was asked before it. Read with mmap, the pages are shared by every worker.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer.matrix_files import read_matrix, write_matrix

log = logging.getLogger(__name__)
VECTORS_FILE = "text_vectors.npy"
TEXTS_FILE = "text_vectors.json"


@dataclass(frozen=True)
class TextVectors:
    """Unit vectors (float32, one row per text; memory-mapped when read from disk) and the texts they embed."""

    texts: tuple[str, ...]
    rows: np.ndarray

    def by_text(self) -> dict[str, np.ndarray]:
        return dict(zip(self.texts, self.rows, strict=True))


def digest(texts: list[str]) -> str:
    """What a generation records of its texts, so `ltp index` notices when the assistant derives other texts."""
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()[:32]


def write(folder: Path, vectors: TextVectors) -> None:
    """Both files, each written whole before it takes its name (the folder is a generation not yet served)."""
    rows = np.asarray(vectors.rows, dtype=np.float32).reshape(len(vectors.texts), -1)
    write_matrix(folder, VECTORS_FILE, rows, TEXTS_FILE,
                 {"digest": digest(list(vectors.texts)), "texts": list(vectors.texts)})


def read(folder: Path, expected_digest: str | None = None) -> TextVectors | None:
    """The stored vectors, or None when they are missing, damaged, or not of the texts `expected_digest` names
    (the caller then embeds what it needs itself, as before they were stored)."""
    found = read_matrix(folder, VECTORS_FILE, TEXTS_FILE, "text vectors")
    if found is None:
        return None
    stored, rows = found
    texts = tuple(stored.get("texts", []))
    if rows.shape[0] != len(texts) or stored.get("digest") != digest(list(texts)) or \
            (expected_digest is not None and stored.get("digest") != expected_digest):
        log.warning("ignoring text vectors in %s: they do not match the index", folder)
        return None
    return TextVectors(texts, rows)
