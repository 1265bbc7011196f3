"""Test doubles that compute, never stub: a deterministic embedder for unit tests that do not judge the real
model's sense of meaning (routes, CLI plumbing, the JSON contract, bad input, exports, feedback, rate limits).

Tests that assert answer quality (facts in answers, retrieval, refusals) keep the real all-MiniLM-L6-v2 model
(the `real_embeddings` fixture in conftest.py), and so does the integration tier."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

from indexer.embeddings import SentenceEmbeddings

DIMENSIONS = 384
"""The real model's width, so a store or a check that assumes it sees the same shape."""
FAKE_MODEL_NAME = "fake-hashed-ngrams-384"
"""Recorded in an index built with the fake, so a real model never reuses its vectors (and the other way)."""
WORD = re.compile(r"\w+")
STOP_WORDS = frozenset(
    "a about an and are as at be by can do does for from has have how i in is it its of on or our the their this "
    "to was we what when where which who will with would you your".split())
"""Words every question and passage share; left out, so that the words that carry meaning decide nearness."""


@lru_cache(maxsize=100_000)
def _slot(feature: str) -> tuple[int, float]:
    """The dimension a feature adds to and its sign, from a stable hash (Python's hash() changes per process)."""
    digest = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "big")
    return digest % DIMENSIONS, 1.0 if digest >> 63 else -1.0


def hashed_vector(text: str) -> np.ndarray:
    """Words other than stop words, cut to their first five letters (weight 1), and the character trigrams of the
    whole words (weight 1/4), hashed into 384 signed dimensions; unit length.

    Texts sharing words or word stems ("network", "networks") are near, so retrieval and ranking behave sensibly
    on the small test corpus; the same text gives the same vector in every process and under every hash seed.
    Similarities run lower than the real model's for paraphrases, so a test that needs a paraphrased question
    answered (rather than refused) uses the real model."""
    vector = np.zeros(DIMENSIONS, dtype=np.float32)
    words = [w for w in WORD.findall(text.lower()) if w not in STOP_WORDS] or ["<empty>"]
    for word in words:
        index, sign = _slot("w:" + word[:5])
        vector[index] += sign
        padded = f" {word} "
        for start in range(len(padded) - 2):
            index, sign = _slot("c:" + padded[start : start + 3])
            vector[index] += sign / 4
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


class HashedEmbeddings(SentenceEmbeddings):
    """The project's embedding class with the model swapped for `hashed_vector`: the same interface, caches and
    index bookkeeping, no sentence-transformers or torch, and microseconds per text."""

    def __init__(self) -> None:
        super().__init__(model=FAKE_MODEL_NAME)

    def _load(self):
        raise AssertionError("the fake embedder has no model to load")

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        return np.array([hashed_vector(t) for t in texts], dtype=np.float32).reshape(len(texts), DIMENSIONS)
