"""A file the server's workers read is replaced whole or not at all: a writer that fails leaves the old file as it
was and no temporary file behind, and a reader never sees half a file."""

from __future__ import annotations

import pytest

from indexer.atomic_files import replaced_whole


def test_a_finished_write_takes_the_name_and_every_worker_can_read_it(tmp_path):
    path = tmp_path / "cache" / "graph.onnx"
    with replaced_whole(path) as temporary:
        temporary.write_text("new graph")
        assert not path.exists()  # not seen until whole
    assert path.read_text() == "new graph" and path.stat().st_mode & 0o444 == 0o444
    assert [p.name for p in path.parent.iterdir()] == ["graph.onnx"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path):
    path = tmp_path / "graph.onnx"
    path.write_text("old graph")
    with pytest.raises(OSError, match="disk full"), replaced_whole(path) as temporary:
        temporary.write_text("half a gr")
        raise OSError("disk full")
    assert path.read_text() == "old graph" and [p.name for p in tmp_path.iterdir()] == ["graph.onnx"]
