"""How a passage is kept in the vector store: its Chroma metadata (only str/int/float/bool values) and the sentence
vectors that travel with it, and the passage read back from a record (indexer/store.py reads and writes them)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

import numpy as np

from indexer.passage import Passage


@dataclass(frozen=True)
class SentenceVectors:
    """One row per sentence of a passage, and the `sentence_key` of the model and sentences they embed."""

    key: str
    rows: np.ndarray


def passage_metadata(passage: Passage, embed_key: str, sentence_vectors: SentenceVectors | None = None) -> dict:
    """Chroma metadata for a passage; values must be str/int/float/bool, so absent ones are left out.

    `sentence_vectors` (one row per sentence of the passage, float32) travel as base64 text, so a server worker
    loads them with the passages instead of embedding every sentence itself. Their key names the model and the
    exact sentences they were made from, so rows are never paired with sentences split another way."""
    meta = {
        "doc_id": passage.doc_id,
        "section_id": passage.section_id,
        "section_path": json.dumps(list(passage.section_path)),
        "order": passage.order,
        "file": passage.file,
        "embed_key": embed_key,
    }
    optional = {"para": passage.para, "page": passage.page, "page_basis": passage.page_basis, "url": passage.url}
    meta.update({k: v for k, v in optional.items() if v is not None})
    if sentence_vectors is not None:
        meta["sentence_key"] = sentence_vectors.key
        meta["sentence_vectors"] = base64.b64encode(np.asarray(sentence_vectors.rows, dtype="<f4").tobytes()).decode()
    return meta


def decode_sentence_vectors(meta: dict, dimensions: int) -> SentenceVectors | None:
    """None for an index built before sentence vectors carried their key: they cannot be trusted to line up."""
    encoded, key = meta.get("sentence_vectors"), meta.get("sentence_key")
    if not encoded or not key:
        return None
    return SentenceVectors(key, np.frombuffer(base64.b64decode(encoded), dtype="<f4").reshape(-1, dimensions))


def passage_from_record(passage_id: str, text: str, meta: dict) -> Passage:
    return Passage(
        id=passage_id,
        doc_id=meta["doc_id"],
        section_id=meta["section_id"],
        section_path=tuple(json.loads(meta["section_path"])),
        text=text,
        para=meta.get("para"),
        page=meta.get("page"),
        page_basis=meta.get("page_basis"),
        url=meta.get("url"),
        file=meta.get("file", ""),
        order=meta.get("order", 0),
    )
