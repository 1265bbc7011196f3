"""A learned linear map of question vectors for the dense search: W = I + down @ up (low rank, trained towards the
identity by bench/train_query_adapter.py on tuning questions and the passages that answer them).

Users word questions differently from the digest ("fcp", "physio in gp surgeries"); the adapter moves a question's
MiniLM vector towards the passages such questions were answered from. Passages keep their indexed vectors, so no
re-index is needed, and at run time it is one small matmul. Loaded on first use by the retriever that keeps it; a
missing or damaged file leaves questions as they are (the identity), with a log line, so a bad file never stops
answers.
"""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

SHIPPED = Path(__file__).parent / "data" / "query_adapter.npz"
"""The adapter bench/train_query_adapter.py fitted on every tuning batch."""


@dataclass(frozen=True, eq=False)
class QueryAdapter:
    down: np.ndarray
    """dimensions x rank"""
    up: np.ndarray
    """rank x dimensions"""
    model: str
    """The embedding model whose question vectors it maps (another model's would be mapped wrongly)."""

    @property
    def dimensions(self) -> int:
        return int(self.down.shape[0])

    def apply(self, vector: list[float] | np.ndarray) -> list[float]:
        """The mapped vector, normalised again (the store compares by cosine)."""
        v = np.asarray(vector, dtype=np.float32)
        mapped = v + (v @ self.down) @ self.up
        norm = float(np.linalg.norm(mapped))
        return (mapped / norm).tolist() if norm > 0 else v.tolist()


def read(path: Path) -> QueryAdapter:
    """The adapter in `path` (an .npz with `down`, `up` and `model`); ValueError when it is not a usable one."""
    try:
        with path.open("rb") as file, np.load(file, allow_pickle=False) as data:  # our handle: closed on any error
            down = np.asarray(data["down"], dtype=np.float32)
            up = np.asarray(data["up"], dtype=np.float32)
            model = str(data["model"])
    except (OSError, KeyError, zipfile.BadZipFile, EOFError) as exc:
        raise ValueError(f"{type(exc).__name__}: {exc}") from exc
    if down.ndim != 2 or up.shape != (down.shape[1], down.shape[0]):
        raise ValueError(f"shapes {down.shape} and {up.shape} do not make a square map")
    if not (np.isfinite(down).all() and np.isfinite(up).all()):
        raise ValueError("it holds values that are not finite")
    return QueryAdapter(down, up, model)


def adapter_for(path: str, model: str, dimensions: int) -> QueryAdapter | None:
    """The adapter for `model`'s `dimensions`-wide vectors from `path` ("" = the shipped file); None (the identity,
    logged) when the file is missing, damaged or made for another model. Its user keeps it (one read per retriever)."""
    return _usable(Path(path) if path else SHIPPED, model, dimensions)


def _usable(file: Path, model: str, dimensions: int) -> QueryAdapter | None:
    try:
        adapter = read(file)
    except ValueError as exc:
        log.warning("query adapter %s unusable (%s): questions are searched for unmapped", file, exc)
        return None
    if adapter.model != model or adapter.dimensions != dimensions:
        log.warning("query adapter %s was fitted for %s (%d dimensions), not %s: questions are searched for unmapped",
                    file, adapter.model, adapter.dimensions, model)
        return None
    log.info("query adapter %s loaded (rank %d)", file, adapter.down.shape[1])
    return adapter
