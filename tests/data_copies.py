"""Copies of an indexed data folder for tests that run a worker process over it: the large ONNX exports are
hard-linked (a worker only reads them), every other file is copied, so the worker cannot change the original."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def link_or_copy(source: str, target: str) -> None:
    """Link an .onnx export (90 MB, read only); copy anything else."""
    if source.endswith(".onnx"):
        try:
            os.link(source, target)
            return
        except OSError:
            pass
    shutil.copy2(source, target)


def copy_of_data(data_dir: Path, tmp_path: Path) -> Path:
    """A copy of `data_dir` at tmp_path/var."""
    data = tmp_path / "var"
    shutil.copytree(data_dir, data, copy_function=link_or_copy)
    return data
