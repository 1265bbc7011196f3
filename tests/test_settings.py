"""Settings moved to another data dir keep everything else the environment chose (benchmarks' `--data-dir`)."""

from __future__ import annotations

from pathlib import Path

from assistant.settings import Settings


def test_another_data_dir_keeps_the_environments_embedding_model_and_sources(tmp_path):
    env = {"LTP_EMBEDDING_MODEL": "bge-small", "LTP_SOURCES": "digest", "LTP_DATA_DIR": str(tmp_path / "serving")}
    moved = Settings.from_env(env).with_data_dir(tmp_path / "scratch" / ".." / "scratch")

    assert moved.data_dir == (tmp_path / "scratch").resolve()
    assert moved.index_dir == (tmp_path / "scratch").resolve() / "index"
    assert (moved.embedding_model, moved.sources) == ("bge-small", "digest")
    assert Path(Settings.from_env(env).data_dir) == (tmp_path / "serving").resolve()  # the original is untouched
