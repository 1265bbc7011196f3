"""`ltp index`: manifest -> passages -> embeddings -> a new store generation, published only on success.

Embeddings are content-addressed (model + the text retrieval sees), so an unchanged corpus embeds
nothing and a changed file re-embeds only its changed passages. A document whose file cannot be read
keeps its passages from the live index, so one bad PDF never removes what was already served.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from indexer import text_vectors
from indexer.documents import load_source
from indexer.embeddings import SentenceEmbeddings
from indexer.errors import SourceError
from indexer.manifest import Source
from indexer.passage import Passage, Section, sentence_key, sentences
from indexer.store import PassageStore, SentenceVectors

log = logging.getLogger(__name__)
PARSER_VERSION = 4
"""Bump when parsing changes what passages look like, or the index stores more, so the next `ltp index`
rebuilds (reusing every passage vector it can). 2: sentence vectors are stored with the passages.
3: sentence vectors carry the key of the sentences they embed. 4: the texts the assistant derives from the
passages (`derived_texts`: a broad question's bullet forms, section titles) are embedded beside them."""
DerivedTexts = Callable[[list[Passage], Sequence[Mapping]], list[str]]
"""(passages, section infos) -> the texts the assistant will embed from them at question time."""


@dataclass
class IndexSummary:
    """What `ltp index` reports when it finishes."""

    documents: int = 0
    pages: int = 0
    passages: int = 0
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0
    generation: str | None = None
    unchanged: bool = False
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        state = "index up to date" if self.unchanged else f"published {self.generation}"
        return (
            f"{state}: {self.documents} documents, {self.pages} pages, {self.passages} passages "
            f"({self.embedded} embedded, {self.reused} reused) in {self.seconds:.1f} s"
        )


def embed_key(model_name: str, passage: Passage) -> str:
    return hashlib.sha256(f"{model_name}\n{passage.search_text}".encode()).hexdigest()[:32]


def build_index(
    sources: list[Source],
    corpus_dir: Path,
    store: PassageStore,
    embeddings: SentenceEmbeddings,
    rebuild: bool = False,
    progress: bool = True,
    derived_texts: DerivedTexts | None = None,
) -> IndexSummary:
    """Index `sources` into a new generation of `store` and publish it; the live one serves until then.
    `derived_texts` names what else to embed and store beside it (indexer/text_vectors.py)."""
    started = time.perf_counter()
    summary = IndexSummary()
    live = store.current()
    live_passages = store.all_passages(live.name) if live else []
    documents: dict[str, dict] = {}
    sections: list[dict] = []
    passages: list[Passage] = []
    for source in sources:
        try:
            outline = load_source(source, corpus_dir)
        except SourceError as exc:
            summary.failures.append(str(exc))
            kept = [p for p in live_passages if p.doc_id == source.id]
            if kept:
                summary.warnings.append(f"{source.id}: kept its {len(kept)} passages from the previous index")
                passages.extend(kept)
                documents[source.id] = (live.info.get("documents") or {}).get(source.id, _document_info(source))
                sections.extend(s for s in live.info.get("sections", []) if s["doc_id"] == source.id)
            continue
        summary.warnings.extend(outline.problems)
        passages.extend(outline.passages)
        sections.extend(_section_info(s) for s in outline.sections)
        documents[source.id] = _document_info(source, pages=outline.pages)
        summary.pages += outline.pages
    summary.documents = len(documents)
    summary.passages = len(passages)
    keys = [embed_key(embeddings.name, p) for p in passages]
    derived = _derived(derived_texts, passages, sections)
    derived_digest = text_vectors.digest(derived)
    fingerprint = _fingerprint(passages, keys, {"documents": documents, "sections": sections,
                                                "derived_texts": derived_digest})
    if live and not rebuild and live.info.get("fingerprint") == fingerprint and \
            (not derived or text_vectors.read(store.folder(live.name), derived_digest) is not None):
        summary.unchanged, summary.generation = True, live.name
        store.store_records(live.name)  # an index built before them gets its records beside it, so readers skip Chroma
        summary.seconds = time.perf_counter() - started
        return summary
    if not passages:
        raise SourceError("nothing to index: " + ("; ".join(summary.failures) or "the corpus has no documents"))
    known = {} if rebuild or not live else store.embeddings_by_key(live.name)
    vectors = _embed_missing(passages, keys, known, embeddings, progress)
    known_sentences = {} if rebuild or not live else {v.key: v for v in store.sentence_vectors(live.name).values()}
    sentence_vectors = _sentence_vectors(passages, known_sentences, embeddings)
    summary.embedded = sum(1 for k in set(keys) if k not in known)
    summary.reused = len(passages) - sum(1 for k in keys if k not in known)
    name = store.new_generation_name()
    info = {
        "fingerprint": fingerprint,
        "embedding_model": embeddings.name,
        "parser_version": PARSER_VERSION,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "documents": documents,
        "sections": sections,
        "derived_texts": {"digest": derived_digest, "count": len(derived)},
    }
    try:
        rows = [(p, k, vectors[k], sentence_vectors[p.id]) for p, k in zip(passages, keys, strict=True)]
        store.write_generation(name, info, rows)
        if derived:
            old = None if rebuild or not live else text_vectors.read(store.folder(live.name))
            text_vectors.write(store.folder(name), _derived_vectors(derived, old, embeddings))
    except BaseException:
        store.discard(name)
        raise
    store.publish(name)
    summary.generation = name
    summary.seconds = time.perf_counter() - started
    return summary


def _embed_missing(
    passages: list[Passage], keys: list[str], known: dict[str, list[float]], embeddings: SentenceEmbeddings, progress: bool
) -> dict[str, list[float]]:
    vectors = dict(known)
    todo = {k: p.search_text for p, k in zip(passages, keys, strict=True) if k not in vectors}
    items = list(todo.items())
    batch = embeddings.batch_size
    with tqdm(total=len(items), desc="embedding", unit="passage", disable=not progress or not items,
              file=sys.stderr) as bar, embeddings.indexing():  # torch, batched: the vectors the index has always had
        for start in range(0, len(items), batch):
            chunk = items[start : start + batch]
            for (key, _), vector in zip(chunk, embeddings.embed_documents([text for _, text in chunk]), strict=True):
                vectors[key] = vector
            bar.update(len(chunk))
    return vectors


def _sentence_vectors(
    passages: list[Passage], known: dict[str, SentenceVectors], embeddings: SentenceEmbeddings
) -> dict[str, SentenceVectors]:
    """Vectors of each passage's sentences (answers are built from them) by passage id, stored with the index so
    a server never embeds them itself; reused from the live index only where model and sentences are the same."""
    found: dict[str, SentenceVectors] = {}
    todo: dict[str, tuple[str, list[str]]] = {}
    for passage in passages:
        key = sentence_key(embeddings.name, passage.text)
        if key in known:
            found[passage.id] = known[key]
        else:
            todo[passage.id] = (key, sentences(passage.text))
    if todo:
        flat = [s for _, texts in todo.values() for s in texts]
        with embeddings.indexing():
            rows = embeddings.embed_sentences(flat, batch_size=embeddings.batch_size)
        start = 0
        for passage_id, (key, texts) in todo.items():
            found[passage_id] = SentenceVectors(key, rows[start : start + len(texts)])
            start += len(texts)
    return found


def _derived(derived_texts: DerivedTexts | None, passages: list[Passage], sections: list[dict]) -> list[str]:
    """The derived texts that are not already a passage's sentence (those have their vectors stored with the
    passage), each once, in the order given."""
    if derived_texts is None:
        return []
    stored = {s for p in passages for s in sentences(p.text)}
    return [t for t in dict.fromkeys(derived_texts(passages, sections)) if t and t not in stored]


def _derived_vectors(texts: list[str], old: text_vectors.TextVectors | None,
                     embeddings: SentenceEmbeddings) -> text_vectors.TextVectors:
    """Vectors of `texts`: a text the live generation already stores keeps its vector (so an unchanged bullet
    ranks as it did), the rest are embedded now."""
    known = old.by_text() if old is not None else {}
    missing = [t for t in texts if t not in known]
    if missing:
        with embeddings.indexing():
            known.update(zip(missing, embeddings.embed_sentences(missing, batch_size=embeddings.batch_size), strict=True))
    return text_vectors.TextVectors(tuple(texts), np.stack([np.asarray(known[t], dtype=np.float32) for t in texts]))


def _document_info(source: Source, pages: int = 0) -> dict:
    """What answers need to cite a document: title, link, kind. Stored with the index generation."""
    return source.document(pages).to_info()


def _section_info(section: Section) -> dict:
    return {"id": section.id, "doc_id": section.doc_id, "title": section.title, "path": list(section.path),
            "page": section.page, "url": section.url}


def _fingerprint(passages: list[Passage], keys: list[str], outline: dict) -> str:
    """Everything a generation is made of, down to how passages split into sentences: when it is unchanged,
    `ltp index` has nothing to do."""
    digest = hashlib.sha256(f"v{PARSER_VERSION}".encode())
    digest.update(json.dumps(outline, sort_keys=True).encode())
    for passage, key in zip(passages, keys, strict=True):
        digest.update(json.dumps([passage.id, key, sentence_key(key, passage.text), passage.section_id, passage.para,
                                  passage.page, passage.page_basis, passage.url, passage.order]).encode())
    return digest.hexdigest()
