"""The shared real embeddings (tests/conftest.py) embed questions the way a server worker does: with the ONNX
query encoder, not torch. Every answer-level test relies on it to cover the production query path, so a change
that silently fell back to torch (an export that fails, a fixture without a query encoder folder) fails here."""

from __future__ import annotations

import numpy as np


def test_the_shared_embeddings_embed_questions_with_the_onnx_export(real_embeddings):
    from indexer.embeddings import bundled_model_path
    from indexer.minilm_onnx import OnnxQueryEncoder, export_path

    encoder = real_embeddings._onnx_queries()

    assert isinstance(encoder, OnnxQueryEncoder)
    assert encoder.path == export_path(real_embeddings.query_encoder_dir, bundled_model_path())


def test_the_indexed_assistant_embeds_a_question_without_torch(indexed, real_embeddings, monkeypatch):
    question = "Which query path does the test suite's assistant take for this very question?"
    torch_vector = np.array(real_embeddings.embed_documents([question])[0])

    def no_torch(texts, batch_size):
        raise AssertionError(f"a question went to torch: {texts}")

    monkeypatch.setattr(indexed.embeddings, "_encode", no_torch)
    vector = np.array(indexed.embeddings.embed_query(question))

    assert indexed.embeddings is real_embeddings
    assert np.abs(vector - torch_vector).max() < 1e-5  # the export gives torch's vector


def test_processes_started_over_the_indexed_data_dir_find_the_export_ready(indexed, real_embeddings):
    """As `ltp index` leaves it: a CLI or server process over the session's index loads the export, never makes it."""
    from indexer.embeddings import bundled_model_path
    from indexer.minilm_onnx import export_path

    assert export_path(indexed.settings.data_dir / "cache", bundled_model_path()).is_file()

