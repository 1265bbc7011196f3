"""steady24: the dense search ranks the stored passage vectors exactly, so a question's candidates, and its answer,
do not depend on the approximate HNSW graph Chroma happens to have built in this process (every process that opens
an index adds part of it again with two threads, a little differently each time)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from assistant.config import DEFAULT_CONFIG
from assistant.exact_dense import ExactDense

QUESTION = "How many people does a primary care network cover?"


def test_exact_search_is_a_brute_force_cosine_ranking_with_ties_in_id_order():
    rng = np.random.default_rng(7)
    vectors = {f"p{n:02d}": rng.normal(size=8) for n in range(20)}
    vectors["p99"] = vectors["p03"] * 2.0  # the same direction: an exact tie with p03
    docs = {i: "plan" if n % 2 else "framework" for n, i in enumerate(sorted(vectors))}
    search = ExactDense(vectors, docs)
    query = vectors["p03"] + 0.01 * rng.normal(size=8)

    found = search.nearest(query, 5)
    cosine = {i: float(v @ query / np.linalg.norm(v) / np.linalg.norm(query)) for i, v in vectors.items()}
    assert [i for i, _ in found] == sorted(cosine, key=lambda i: (-cosine[i], i))[:5]
    assert found[0][0] == "p03" and found[1][0] == "p99" and found[0][1] == found[1][1]
    assert all(abs(s - cosine[i]) < 1e-12 for i, s in found)
    assert {docs[i] for i, _ in search.nearest(query, 5, doc_id="plan")} == {"plan"}
    assert search.nearest(np.zeros(8), 5) == [] and search.nearest(np.ones(3), 5) == []


def test_an_index_that_misses_a_near_neighbour_changes_nothing_with_steady24(indexed, monkeypatch):
    """As a differently built HNSW graph may: the store's search leaves out its nearest passage. The answer with
    steady24 on is the same as before; with it off the dense ranking, which then asks the store, loses the passage."""
    steady = indexed.with_config(replace(DEFAULT_CONFIG, steady24=True))
    hnsw = indexed.with_config(replace(DEFAULT_CONFIG, steady24=False))
    before = steady.ask(QUESTION).to_dict()
    vector = indexed.embeddings.embed_query(QUESTION)
    hnsw_before = hnsw.snapshot().retriever._dense(vector, None)
    store = hnsw.snapshot().retriever.store
    real = store.query

    def missing_the_nearest(generation, query, k, doc_id=None):
        return real(generation, query, k, doc_id)[1:]

    monkeypatch.setattr(store, "query", missing_the_nearest)
    assert steady.snapshot().retriever.store is store
    assert steady.ask(QUESTION).to_dict() == before
    assert steady.snapshot().retriever._dense(vector, None)[0][0] == hnsw_before[0][0]
    assert hnsw_before[0] not in hnsw.snapshot().retriever._dense(vector, None)
