"""The query adapter (`PipelineConfig.query_adapter`, adapter16): a learned linear map of the question's vector that the
dense search ranks by, so user wording lands nearer the passage that answers it. It is shipped small, read only when
switched on, leaves the similarity refusals read as it was, and a missing or damaged file changes nothing."""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import numpy as np
import pytest

from assistant import query_adapter
from assistant.evaluate import contains_facts
from assistant.exact_dense import ExactDense
from assistant.settings import PROJECT_ROOT

TUNING_QUESTION = "t3-br-framework-finance"
"""A tune-split question worded as a user would ("a DoF": a director of finance); the shipped adapter was fitted with
it. Which passage answers it is found from its facts, as `ltp eval` scores a hit."""
QUESTION = "What does the plan say about the money for primary and community care?"


def _tune_question(question_id: str) -> dict:
    for line in (PROJECT_ROOT / "bench" / "dev_questions.jsonl").read_text().splitlines():
        item = json.loads(line)
        if item["id"] == question_id and item["split"] == "tune":
            return item
    raise LookupError(f"no tune question {question_id}")


@pytest.fixture(scope="module")
def bundled(real_embeddings, tmp_path_factory):
    """The bundled corpus's passages (as `ltp index` reads them with no fetched copies) and their MiniLM vectors."""
    from indexer.documents import load_source
    from indexer.sources import collect_sources

    corpus = PROJECT_ROOT / "corpus"
    sources = collect_sources(corpus, tmp_path_factory.mktemp("no-fetched-copies"))
    passages = [p for s in sources for p in load_source(s, corpus).passages]
    return passages, np.array(real_embeddings.embed_documents([p.search_text for p in passages]))


def _rank(vector, rows, right: set[int]) -> int:
    scores = rows @ np.asarray(vector)
    return int((scores > max(scores[i] for i in right)).sum()) + 1


def test_the_shipped_adapter_is_a_small_map_of_minilm_question_vectors():
    from indexer.embeddings import BUNDLED_MODEL_NAME

    assert query_adapter.SHIPPED.stat().st_size < 300_000
    adapter = query_adapter.read(query_adapter.SHIPPED)
    assert (adapter.model, adapter.dimensions) == (BUNDLED_MODEL_NAME, 384)
    vector = np.random.default_rng(0).normal(size=384)
    mapped = np.array(adapter.apply(vector / np.linalg.norm(vector)))
    assert np.linalg.norm(mapped) == pytest.approx(1.0, abs=1e-5)
    assert not np.allclose(mapped, vector / np.linalg.norm(vector), atol=1e-3)


def test_a_user_worded_tuning_question_ranks_its_passage_near_the_top_only_with_the_adapter(bundled, real_embeddings):
    passages, rows = bundled
    item = _tune_question(TUNING_QUESTION)
    right = {n for n, p in enumerate(passages) if contains_facts(p.search_text, tuple(item["facts"]))}
    assert len(right) == 1
    vector = real_embeddings.embed_query(item["question"])
    adapter = query_adapter.read(query_adapter.SHIPPED)
    assert _rank(vector, rows, right) > 5
    assert _rank(adapter.apply(vector), rows, right) <= 2


def _spy_on_dense_queries(assistant, monkeypatch) -> list[list[float]]:
    searched: list[list[float]] = []
    real = assistant.store.query

    def query(generation, vector, k, doc_id=None):
        searched.append(list(vector))
        return real(generation, vector, k, doc_id)

    monkeypatch.setattr(assistant.store, "query", query)
    exact = ExactDense.nearest

    def nearest(self, vector, k, doc_id=None):
        searched.append(list(vector))
        return exact(self, vector, k, doc_id)

    monkeypatch.setattr(ExactDense, "nearest", nearest)  # steady24's exact search, which the defaults use
    return searched


def test_the_dense_search_ranks_by_the_mapped_vector_only_when_switched_on(indexed, monkeypatch):
    plain = np.array(indexed.embeddings.embed_query(QUESTION))
    searched = _spy_on_dense_queries(indexed, monkeypatch)
    off = indexed.with_config(replace(indexed.config, rerank=False, background_search="off"))
    off.retrieve(QUESTION, k=3)
    assert np.allclose(searched[-1], plain)

    on = indexed.with_config(replace(off.config, query_adapter="ranking"))
    hits = on.retrieve(QUESTION, k=3)
    adapter = query_adapter.read(query_adapter.SHIPPED)
    assert np.allclose(searched[-1], adapter.apply(plain), atol=1e-6)
    assert not np.allclose(searched[-1], plain, atol=1e-3)
    # refusals still read the plain similarity of question and passage
    best = max(hits, key=lambda h: h.similarity)
    passage = np.array(indexed.embeddings.embed_documents([best.passage.search_text])[0])
    assert best.similarity == pytest.approx(float(passage @ plain), abs=1e-4)


def test_switched_off_the_adapter_file_is_never_read(indexed, monkeypatch):
    def unexpected(*args):
        raise AssertionError("the adapter was read with the switch off")

    monkeypatch.setattr("assistant.retrieve.adapter_for", unexpected)
    assert indexed.with_config(replace(indexed.config, rerank=False)).retrieve(QUESTION, k=3)


@pytest.mark.parametrize("damage", ["garbage", "missing", "another model"])
def test_a_damaged_or_missing_adapter_file_leaves_the_search_as_it_was(indexed, tmp_path, caplog, damage):
    path = tmp_path / "adapter.npz"
    if damage == "garbage":
        path.write_bytes(b"PK\x03\x04 not really a zip")
    elif damage == "another model":
        np.savez(path, down=np.zeros((384, 2), np.float32), up=np.ones((2, 384), np.float32), model=np.array("bge"))
    base = replace(indexed.config, rerank=False)
    before = [(h.passage.id, h.similarity) for h in indexed.with_config(base).retrieve(QUESTION, k=5)]
    with caplog.at_level(logging.WARNING, logger="assistant.query_adapter"):
        damaged = indexed.with_config(replace(base, query_adapter="ranking", query_adapter_path=str(path)))
        after = [(h.passage.id, h.similarity) for h in damaged.retrieve(QUESTION, k=5)]
    assert after == before
    assert "searched for unmapped" in caplog.text
