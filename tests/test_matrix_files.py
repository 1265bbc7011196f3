"""Vectors kept beside a generation (derived texts' MiniLM vectors) are written whole before a
reader can see them, and a damaged pair is ignored, so the search goes on without it instead of failing a question."""

from __future__ import annotations

import numpy as np
import pytest

from indexer import text_vectors

ROWS = np.eye(3, 384, dtype=np.float32)


def test_text_vectors_read_back_as_written(tmp_path):
    text_vectors.write(tmp_path, text_vectors.TextVectors(("one", "two", "three"), ROWS))
    stored = text_vectors.read(tmp_path, text_vectors.digest(["one", "two", "three"]))
    assert stored is not None and np.array_equal(stored.rows, ROWS)


@pytest.mark.parametrize("damage", ["[]", "not json", "truncated matrix", "matrix of text"])
def test_a_damaged_pair_is_ignored_not_raised(tmp_path, damage):
    text_vectors.write(tmp_path, text_vectors.TextVectors(("one", "two", "three"), ROWS))
    for about, matrix in ((text_vectors.TEXTS_FILE, text_vectors.VECTORS_FILE),):
        if damage in ("[]", "not json"):
            (tmp_path / about).write_text(damage)
        elif damage == "truncated matrix":
            (tmp_path / matrix).write_bytes((tmp_path / matrix).read_bytes()[:200])
        else:
            (tmp_path / matrix).write_text("a passage, not a matrix")
    assert text_vectors.read(tmp_path) is None
