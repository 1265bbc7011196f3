"""A matrix of vectors (.npy) kept beside a JSON file that says what its rows are: how the vectors stored beside a
generation (indexer/text_vectors.py, indexer/bge_vectors.py) are written and read. One writer, so every such pair is
written whole before it is seen, and one reader, so a damaged pair is ignored (the search goes without) rather than
failing a question."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


def write_matrix(folder: Path, matrix_name: str, rows: np.ndarray, about_name: str, about: dict) -> None:
    """Both files, each written whole under a temporary name before it takes its own; the JSON last, so a reader that
    finds it finds the matrix it describes."""
    folder.mkdir(parents=True, exist_ok=True)
    _replace_with(folder / matrix_name, lambda handle: np.save(handle, np.ascontiguousarray(rows, dtype=np.float32)))
    _replace_with(folder / about_name, lambda handle: handle.write(json.dumps(about).encode()))


def read_matrix(folder: Path, matrix_name: str, about_name: str, what: str) -> tuple[dict, np.ndarray] | None:
    """The JSON and the matrix (memory-mapped: its pages are shared by every worker), or None when either is missing
    or unreadable (`what` names them in the warning)."""
    try:
        about = json.loads((folder / about_name).read_text())
        rows = np.load(folder / matrix_name, mmap_mode="r", allow_pickle=False)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable %s in %s: %s", what, folder, exc)
        return None
    if not isinstance(about, dict) or rows.ndim != 2:
        log.warning("ignoring %s in %s: not a matrix and its description", what, folder)
        return None
    return about, rows


def _replace_with(path: Path, write) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.chmod(temporary, 0o644)  # mkstemp made it private; every worker reads the index
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
