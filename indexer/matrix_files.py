"""A matrix of vectors (.npy) kept beside a JSON file that says what its rows are: how the vectors stored beside a
generation (indexer/text_vectors.py; round 15's bge vectors too, for second_dense, until round 26) are written and
read. One writer, so every such pair is written whole before it is seen, and one reader, so a damaged pair is ignored
(the search goes without) rather than failing a question."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from indexer.atomic_files import replaced_whole

log = logging.getLogger(__name__)


def write_matrix(folder: Path, matrix_name: str, rows: np.ndarray, about_name: str, about: dict) -> None:
    """Both files, each written whole under a temporary name before it takes its own; the JSON last, so a reader that
    finds it finds the matrix it describes."""
    with replaced_whole(folder / matrix_name) as temporary, open(temporary, "wb") as handle:
        np.save(handle, np.ascontiguousarray(rows, dtype=np.float32))
    with replaced_whole(folder / about_name) as temporary:
        temporary.write_text(json.dumps(about))


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
