"""The dense ranking read exactly from the generation's stored passage vectors (`PipelineConfig.steady24`), not from
Chroma's HNSW index.

Chroma's local HNSW search is approximate, and its graph is not the same in every process: the segment's files hold
an empty graph, so each process that opens a generation builds it from the collection's log with two threads (the
collection's `num_threads`), and which neighbours a search finds at the margin depends on how those threads were
scheduled. Five fresh processes over batches 98-99 (200
questions) returned five different top-30 candidate lists, each differing from the exact search on 5-7 questions
(docs/history/round-24.md, "The same answer under load, round 24 (steady24)"): an answer leaning on a candidate near the
margin could differ between two runs of the same questions, most often on a busy machine. The bundled corpus is a
few hundred passages, so the exact search is one small product per query: the same candidates in every process."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


class ExactDense:
    """Cosine similarity of a query vector to every passage vector, best first, ties in passage id order."""

    def __init__(self, vectors: Mapping[str, np.ndarray], doc_of: Mapping[str, str]):
        self.ids = sorted(vectors)
        rows = np.array([np.asarray(vectors[i], dtype=np.float64) for i in self.ids]).reshape(len(self.ids), -1)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        self.rows = rows / np.where(norms > 0, norms, 1.0)
        self.docs = np.array([doc_of.get(i, "") for i in self.ids], dtype=object)

    def nearest(self, vector: Sequence[float], k: int, doc_id: str | None = None) -> list[tuple[str, float]]:
        """The `k` passages nearest `vector` as (id, cosine similarity), best first (of `doc_id` only, when given)."""
        query = np.asarray(vector, dtype=np.float64)
        norm = float(np.linalg.norm(query))
        if not self.ids or norm == 0.0 or query.shape[0] != self.rows.shape[1]:
            return []
        # A product then a row sum, not a BLAS matrix-vector call: how BLAS splits the rows between its threads can
        # change how a row's sum is rounded, and this must not depend on the thread count.
        similarities = (self.rows * (query / norm)).sum(axis=1)
        order = np.argsort(-similarities, kind="stable")  # ids are sorted, so equal scores stay in id order
        if doc_id is not None:
            order = order[self.docs[order] == doc_id]
        return [(self.ids[i], float(similarities[i])) for i in order[:k]]
