"""Old cross-encoder rewrites do not pile up under LTP_DATA_DIR/cache (34 MB each time the shipped model changes):
a worker that writes or loads the current rewrite removes the others, except one another worker still holds and
one still being written (indexer/cache_files.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from assistant.rerank import CrossEncoderReranker
from indexer.cache_files import ABANDONED_SECONDS, hold, remove_stale

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="advisory locks are POSIX only")

NAMES = "reranker-cls-*.onnx"
HOLDER = r"""
import sys, time
from pathlib import Path
from indexer.cache_files import hold
held = hold(Path(sys.argv[1]))
print("holding", flush=True)
sys.stdin.readline()
"""


def cached(folder, name: str, age: float = 0.0):
    path = folder / name
    path.write_bytes(b"a graph built from another shipped model")
    if age:
        os.utime(path, (time.time() - age, time.time() - age))
    return path


def other_worker_holding(path):
    """A process that holds `path` as a worker running it does, until its stdin closes."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    worker = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env=env)
    assert worker.stdout.readline().strip() == "holding"
    return worker


def test_stale_files_go_and_the_current_one_stays(tmp_path):
    current = cached(tmp_path, "reranker-cls-new.onnx")
    stale = [cached(tmp_path, "reranker-cls-old1.onnx"), cached(tmp_path, "reranker-cls-old2.onnx", age=10 * 86400)]
    unrelated = cached(tmp_path, "minilm-query-abc.onnx")

    assert sorted(remove_stale(current, NAMES)) == sorted(stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minilm-query-abc.onnx", "reranker-cls-new.onnx"]
    assert unrelated.exists() and current.exists()


def test_a_file_another_worker_holds_stays_until_that_worker_ends(tmp_path):
    current = cached(tmp_path, "reranker-cls-new.onnx")
    old = cached(tmp_path, "reranker-cls-old.onnx")
    worker = other_worker_holding(old)
    try:
        assert remove_stale(current, NAMES) == []
        assert old.exists()
    finally:
        worker.communicate("\n", timeout=60)
    assert remove_stale(current, NAMES) == [old]
    assert not old.exists()


def test_a_file_this_process_still_runs_is_held_too(tmp_path):
    """Two re-rankers in one process (a sweep, the tests) each hold their file; a closed holder lets it go."""
    current = cached(tmp_path, "reranker-cls-new.onnx")
    held = hold(cached(tmp_path, "reranker-cls-old.onnx"))
    assert held is not None and remove_stale(current, NAMES) == []
    held.close()
    assert [p.name for p in remove_stale(current, NAMES)] == ["reranker-cls-old.onnx"]


def test_a_temporary_being_written_stays_and_one_a_crashed_writer_left_goes(tmp_path):
    current = cached(tmp_path, "reranker-cls-new.onnx")
    writing = cached(tmp_path, ".reranker-cls-new.onnx.k2j4.part")
    abandoned = cached(tmp_path, ".reranker-cls-old.onnx.x9q1.part", age=ABANDONED_SECONDS + 60)
    assert remove_stale(current, NAMES) == [abandoned]
    assert writing.exists()


def test_a_missing_file_is_not_held():
    from pathlib import Path

    assert hold(Path("/nonexistent/reranker-cls-x.onnx")) is None


def rewritten(cache_dir) -> CrossEncoderReranker:
    reranker = CrossEncoderReranker(graph="cls", cache_dir=cache_dir, cache_size=0,
                                    max_tokens=192)
    reranker.warm_up()
    return reranker


def test_writing_the_rewrite_removes_the_ones_of_earlier_shipped_models(tmp_path):
    old = cached(tmp_path, "reranker-cls-0000000000000000.onnx")
    reranker = rewritten(tmp_path)
    assert reranker.graph_used.startswith(str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == [os.path.basename(reranker.graph_used)]
    assert not old.exists()


def test_a_worker_loading_the_rewrite_removes_one_an_old_worker_has_since_let_go(tmp_path):
    """A rolling restart: the new rewrite was written while an old worker still ran the old one, so it stayed; the
    next worker that loads the new rewrite removes it, and every worker scores with the new one."""
    first = rewritten(tmp_path)
    old = cached(tmp_path, "reranker-cls-0000000000000000.onnx")
    old_worker = other_worker_holding(old)
    try:
        second = rewritten(tmp_path)
        assert old.exists() and second.graph_used == first.graph_used
    finally:
        old_worker.communicate("\n", timeout=60)
    third = rewritten(tmp_path)
    assert not old.exists() and third.graph_used == first.graph_used
    text = "Primary care networks typically cover 30,000 to 50,000 people."
    assert third.score("How big is a PCN?", [text]) == first.score("How big is a PCN?", [text])


def test_a_worker_opening_the_current_minilm_export_removes_old_exports_nobody_holds(tmp_path, real_embeddings):
    """The question encoder's export (about 90 MB) is named for the packaged model: after an upgrade the old one goes
    when a worker opens the new one, unless another worker still runs it."""
    import shutil

    from indexer.embeddings import SentenceEmbeddings, bundled_model_path
    from indexer.minilm_onnx import export_path

    assert real_embeddings.prepare_query_encoder()
    current = export_path(real_embeddings.query_encoder_dir, bundled_model_path())
    shutil.copyfile(current, tmp_path / current.name)
    stale, still_running = cached(tmp_path, "minilm-query-old.onnx"), cached(tmp_path, "minilm-query-older.onnx")
    worker = other_worker_holding(still_running)
    try:
        embeddings = SentenceEmbeddings(query_encoder_dir=tmp_path)
        assert len(embeddings.embed_query("when are system plans due?")) == 384
        assert not stale.exists() and still_running.exists() and (tmp_path / current.name).exists()
        embeddings.close()
    finally:
        worker.communicate("\n", timeout=60)
