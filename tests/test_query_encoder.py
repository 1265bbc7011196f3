"""The ONNX query encoder (indexer/minilm_onnx.py): questions embedded by onnxruntime get torch's vectors, the export
is written once, atomically, and reused, and a missing or damaged export never stops a question being answered."""

from __future__ import annotations

import logging
import shutil
import sys

import numpy as np
import pytest

QUESTIONS = [
    "how big should a primary care network be?",
    "  What does the plan say about MSK first contact practitioners?  ",
    "When must systems send their five-year plans to NHS England?",
    "pelvic health " * 200,  # past the model's 256 tokens: cut where sentence-transformers cuts it
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory, real_embeddings):
    """One export for the module, made from the session's loaded model."""
    from indexer.embeddings import bundled_model_path
    from indexer.minilm_onnx import export, export_path

    path = export_path(tmp_path_factory.mktemp("cache"), bundled_model_path())
    export(real_embeddings._load(), path)
    return path


def embeddings_over(folder, real_embeddings=None):
    """A new process's embeddings keeping their query encoder in `folder`; with `real_embeddings`, the session's
    loaded torch model is shared (same weights; loading another takes seconds)."""
    from indexer.embeddings import SentenceEmbeddings

    embeddings = SentenceEmbeddings(query_encoder_dir=folder)
    if real_embeddings is not None:
        embeddings._model = real_embeddings._load()
    return embeddings


def test_the_onnx_encoder_gives_torchs_vectors(exported, real_embeddings):
    from indexer.embeddings import bundled_model_path
    from indexer.minilm_onnx import OnnxQueryEncoder

    onnx_rows = OnnxQueryEncoder(exported, bundled_model_path()).encode(QUESTIONS)
    torch_rows = np.array([real_embeddings.embed_documents([q])[0] for q in QUESTIONS])
    assert onnx_rows.shape == (len(QUESTIONS), 384)
    assert np.abs(onnx_rows - torch_rows).max() < 1e-5
    assert np.allclose(np.linalg.norm(onnx_rows, axis=1), 1.0, atol=1e-5)


def test_questions_are_embedded_from_a_ready_export_without_loading_torch(exported, tmp_path, real_embeddings):
    shutil.copy(exported, tmp_path / exported.name)
    worker = embeddings_over(tmp_path)

    vectors = [worker.embed_query(q) for q in QUESTIONS[:3]]

    assert worker._model is None  # the torch model was never loaded
    assert np.abs(np.array(vectors) - np.array(real_embeddings.embed_documents(QUESTIONS[:3]))).max() < 1e-5
    assert worker.embed_query(QUESTIONS[0]) == vectors[0]  # the same text, the same vector


def test_the_export_is_written_once_atomically_and_reused(tmp_path, real_embeddings):
    from indexer.embeddings import bundled_model_path
    from indexer.minilm_onnx import export_path

    first = embeddings_over(tmp_path / "cache", real_embeddings)
    assert first.prepare_query_encoder()
    path = export_path(tmp_path / "cache", bundled_model_path())
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [path.name]  # no temporary file left beside it
    written = path.stat().st_mtime_ns

    second = embeddings_over(tmp_path / "cache")
    assert second.prepare_query_encoder()
    assert second._model is None and path.stat().st_mtime_ns == written  # read, not exported again
    assert second.embed_query("who leads a PCN?") == first.embed_query("who leads a PCN?")


def test_an_export_that_fails_half_way_leaves_no_file_and_questions_use_torch(tmp_path, real_embeddings,
                                                                               monkeypatch, caplog):
    import onnx

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(onnx, "save", disk_full)
    embeddings = embeddings_over(tmp_path / "cache", real_embeddings)
    with caplog.at_level(logging.WARNING, logger="indexer.embeddings"):
        assert not embeddings.prepare_query_encoder()
        vector = embeddings.embed_query(QUESTIONS[0])

    assert list((tmp_path / "cache").iterdir()) == []
    with real_embeddings.indexing():  # torch's own vector
        assert vector == real_embeddings.embed_documents([QUESTIONS[0]])[0]
    assert "embedded with torch" in caplog.text and "No space left" in caplog.text


def test_a_damaged_export_falls_back_to_torch_with_a_log_line(tmp_path, real_embeddings, monkeypatch, caplog):
    from indexer.embeddings import bundled_model_path
    from indexer.minilm_onnx import export_path

    path = export_path(tmp_path, bundled_model_path())
    path.write_bytes(b"half a model")
    monkeypatch.setitem(sys.modules, "onnx", None)  # and no way to export it again
    embeddings = embeddings_over(tmp_path, real_embeddings)
    with caplog.at_level(logging.WARNING, logger="indexer.embeddings"):
        vector = embeddings.embed_query(QUESTIONS[2])

    with real_embeddings.indexing():  # torch's own vector
        assert vector == real_embeddings.embed_documents([QUESTIONS[2]])[0]
    assert "unusable" in caplog.text and "embedded with torch" in caplog.text


def test_a_damaged_export_is_replaced_by_a_good_one(tmp_path, real_embeddings, caplog):
    from indexer.embeddings import bundled_model_path
    from indexer.minilm_onnx import OnnxQueryEncoder, export_path

    path = export_path(tmp_path, bundled_model_path())
    path.write_bytes(b"half a model")
    with caplog.at_level(logging.WARNING, logger="indexer.embeddings"):
        assert embeddings_over(tmp_path, real_embeddings).prepare_query_encoder()

    assert "exporting it again" in caplog.text
    assert OnnxQueryEncoder(path, bundled_model_path()).encode(["a PCN"]).shape == (1, 384)


def test_an_export_that_does_not_reproduce_its_model_is_refused(exported, tmp_path):
    import onnx

    from indexer.embeddings import bundled_model_path
    from indexer.minilm_onnx import PROBE_KEY, ExportInvalid, OnnxQueryEncoder

    graph = onnx.load(str(exported))
    for entry in graph.metadata_props:
        if entry.key == PROBE_KEY:
            entry.value = "[" + ", ".join(["0.05"] * 384) + "]"  # another model's vector for the probe
    onnx.save(graph, str(tmp_path / exported.name))

    with pytest.raises(ExportInvalid, match="away from the model"):
        OnnxQueryEncoder(tmp_path / exported.name, bundled_model_path())


def test_ltp_index_leaves_the_export_ready_for_server_workers(fresh_assistant, tmp_path):
    """Workers of an indexed data dir find the encoder ready: none of them loads torch to export it."""
    from assistant.engine import Assistant
    from indexer.embeddings import SentenceEmbeddings, bundled_model_path
    from indexer.minilm_onnx import export_path

    indexer = Assistant(fresh_assistant.settings, embeddings=embeddings_over(
        fresh_assistant.settings.data_dir / "cache", fresh_assistant.embeddings), reranker=fresh_assistant.reranker)
    indexer.index(progress=False)

    assert export_path(fresh_assistant.settings.data_dir / "cache", bundled_model_path()).is_file()
    worker = Assistant(fresh_assistant.settings, reranker=fresh_assistant.reranker)
    assert isinstance(worker.embeddings, SentenceEmbeddings)
    assert worker.ask("how big is a primary care network?").citations
    assert worker.embeddings._model is None  # questions embedded, sentences read from the index: no torch
