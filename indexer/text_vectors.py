"""Vectors of texts the assistant derives from the indexed passages (a broad question's bullet forms, section
titles), embedded once by `ltp index` and stored beside the generation's Chroma folder.

Before, a server embedded these per broad question: each worker spent CPU on them, held the model's working
memory for batches of up to 32 long sentences (about 25 MB more peak RSS per worker, docs/benchmarks.md), and a
text's vector depended on what else was in its batch, so the same question could rank its bullets differently
with what was asked before it. Read with mmap, the pages are shared by every worker.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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
    folder.mkdir(parents=True, exist_ok=True)
    rows = np.ascontiguousarray(vectors.rows, dtype=np.float32).reshape(len(vectors.texts), -1)
    tmp = folder / f".{VECTORS_FILE}.{os.getpid()}"
    with open(tmp, "wb") as handle:
        np.save(handle, rows)
    os.replace(tmp, folder / VECTORS_FILE)
    tmp = folder / f".{TEXTS_FILE}.{os.getpid()}"
    tmp.write_text(json.dumps({"digest": digest(list(vectors.texts)), "texts": list(vectors.texts)}))
    os.replace(tmp, folder / TEXTS_FILE)


def read(folder: Path, expected_digest: str | None = None) -> TextVectors | None:
    """The stored vectors, or None when they are missing, damaged, or not of the texts `expected_digest` names
    (the caller then embeds what it needs itself, as before they were stored)."""
    try:
        stored = json.loads((folder / TEXTS_FILE).read_text())
        rows = np.load(folder / VECTORS_FILE, mmap_mode="r", allow_pickle=False)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable text vectors in %s: %s", folder, exc)
        return None
    texts = tuple(stored.get("texts", []))
    if rows.ndim != 2 or rows.shape[0] != len(texts) or stored.get("digest") != digest(list(texts)) or \
            (expected_digest is not None and stored.get("digest") != expected_digest):
        log.warning("ignoring text vectors in %s: they do not match the index", folder)
        return None
    return TextVectors(texts, rows)
