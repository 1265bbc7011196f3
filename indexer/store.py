"""The vector store: Chroma, embedded under LTP_DATA_DIR or a server at LTP_CHROMA_URL.

Each `ltp index` writes a new *generation* (a fresh collection) and then flips a pointer to it, so a
half-built or failed index is never served. Embedded: one folder per generation under `index/`, the
pointer is the file `index/CURRENT`. Server: one collection per generation, the pointer is the metadata
of the collection `ltp-current`. Vectors are always passed in: Chroma's default embedding function
downloads a model, so we never let it run.

Embedded, a generation's records are also written as files beside it (`indexer/generation_records.py`) and read from
there: opening Chroma writes to its folder even to read it, so a process that only reads the index leaves Chroma
closed (steady24's exact search; the HNSW search, steady24 off, still opens it). A generation indexed before those
files existed is read from Chroma, as before, until `ltp index` adds them.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from indexer import generation_records
from indexer.collection_handles import CollectionHandles, call_with_kept_handle
from indexer.errors import BackendUnavailable, IndexMissing
from indexer.passage import Passage
from indexer.passage_records import SentenceVectors, decode_sentence_vectors, passage_from_record, passage_metadata

COLLECTION_PREFIX = "ltp-passages-"
POINTER_COLLECTION = "ltp-current"
BATCH = 500


@dataclass(frozen=True)
class Generation:
    """One complete index build; `info` holds what the builder recorded (model, documents, fingerprint)."""

    name: str
    info: dict


class PassageStore:
    """Owner of the Chroma client. Created cheaply; connects on first use."""

    def __init__(self, index_dir: Path, chroma_url: str | None = None):
        self.index_dir = index_dir
        self.chroma_url = chroma_url
        self._clients: dict[str, object] = {}
        self._collections = CollectionHandles()
        self._lock = threading.Lock()
        self._kept_records: generation_records.GenerationRecords | None = None

    # --- clients -------------------------------------------------------------------------------------
    def _client(self, generation: str | None = None):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        key = "server" if self.chroma_url else str(generation)
        with self._lock:
            if key not in self._clients:
                chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
                if self.chroma_url:
                    url = urlparse(self.chroma_url)
                    self._clients[key] = chromadb.HttpClient(
                        host=url.hostname or "127.0.0.1",
                        port=url.port or (443 if url.scheme == "https" else 8000),
                        ssl=url.scheme == "https",
                        settings=chroma_settings,
                    )
                else:
                    path = self.index_dir / str(generation) / "chroma"
                    self._clients[key] = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            return self._clients[key]

    def _collection(self, generation: str, create: bool = False, info: dict | None = None):
        name = COLLECTION_PREFIX + generation
        client = self._guard(lambda: self._client(generation))
        if create:
            metadata = {"hnsw:space": "cosine", "info": json.dumps(info or {})}
            return self._guard(lambda: client.create_collection(name, embedding_function=None, metadata=metadata))
        return self._collections.get(
            generation, lambda: self._guard(lambda: client.get_collection(name, embedding_function=None))
        )

    def _forget(self, generation: str) -> None:
        """Drop what is kept open for `generation` (pruned, or its handle failed): the next use looks it up anew."""
        self._collections.forget(generation)
        if self._kept_records is not None and self._kept_records.generation == generation:
            self._kept_records = None
        with self._lock:
            if not self.chroma_url:
                self._clients.pop(generation, None)

    def _guard(self, call):
        """Turn a connection failure to a Chroma server into BackendUnavailable with what to do."""
        try:
            return call()
        except (IndexMissing, BackendUnavailable):
            raise
        except Exception as exc:
            if self.chroma_url and _is_connection_error(exc):
                raise BackendUnavailable(
                    f"the Chroma server at {self.chroma_url} is not answering ({type(exc).__name__}); "
                    "start it or unset LTP_CHROMA_URL"
                ) from exc
            raise

    # --- the pointer ---------------------------------------------------------------------------------
    def current(self) -> Generation | None:
        """The generation being served, or None when nothing has been indexed yet."""
        name = self._read_pointer()
        if not name:
            return None
        return Generation(name, self.generation_info(name))

    def generation_info(self, name: str) -> dict:
        """What the builder recorded for generation `name` (documents, sections, fingerprint)."""
        stored = self._stored_records(name)
        return stored.info if stored is not None else self._chroma_info(name)

    def _chroma_info(self, name: str) -> dict:
        return json.loads((self._collection(name).metadata or {}).get("info", "{}"))

    def current_name(self) -> str | None:
        """Cheap check (a file read, or one request to the server) used to notice a new generation."""
        return self._read_pointer()

    def _read_pointer(self) -> str | None:
        if self.chroma_url:
            client = self._guard(lambda: self._client())
            try:
                pointer = self._guard(lambda: client.get_collection(POINTER_COLLECTION, embedding_function=None))
            except BackendUnavailable:
                raise
            except Exception:
                return None
            return (pointer.metadata or {}).get("generation")
        pointer_file = self.index_dir / "CURRENT"
        return pointer_file.read_text().strip() if pointer_file.exists() else None

    def _write_pointer(self, generation: str) -> None:
        if self.chroma_url:
            client = self._client()
            pointer = client.get_or_create_collection(POINTER_COLLECTION, embedding_function=None)
            pointer.modify(metadata={"generation": generation})
            return
        tmp = self.index_dir / f".CURRENT.{os.getpid()}"
        tmp.write_text(generation)
        os.replace(tmp, self.index_dir / "CURRENT")

    # --- reading -------------------------------------------------------------------------------------
    def _stored_records(self, generation: str) -> generation_records.GenerationRecords | None:
        """The generation's records from the files beside it (embedded store), or None: read them from Chroma. The
        last generation read is kept (about 3.5 MB for the bundled corpus): loading a generation asks for its info,
        passages, sentence vectors and passage vectors in turn, and its files never change once written."""
        if self.chroma_url:
            return None
        kept = self._kept_records
        if kept is not None and kept.generation == generation:
            return kept
        found = generation_records.read(self.folder(generation), generation)
        if found is not None:
            self._kept_records = found
        return found

    def _records(self, generation: str, include: list[str]):
        """Every record of a generation as (id, {field: value}) pairs: from the files beside it when there are
        some, so Chroma stays closed, else from Chroma."""
        stored = self._stored_records(generation)
        if stored is not None:
            yield from stored.items(include)
            return
        yield from self._chroma_records(generation, include)

    def _chroma_records(self, generation: str, include: list[str]):
        """Every record of a generation from Chroma, a page of BATCH at a time, as (id, {field: value}) pairs."""
        collection = self._collection(generation)
        offset = 0
        while True:
            batch = self._guard(lambda offset=offset: collection.get(include=include, limit=BATCH, offset=offset))
            for n, record_id in enumerate(batch["ids"]):
                yield record_id, {field: batch[field][n] for field in include}
            if len(batch["ids"]) < BATCH:
                return
            offset += BATCH

    def all_passages(self, generation: str) -> list[Passage]:
        passages = [passage_from_record(i, r["documents"], r["metadatas"])
                    for i, r in self._records(generation, ["documents", "metadatas"])]
        return sorted(passages, key=lambda p: (p.doc_id, p.order))

    def embeddings_by_key(self, generation: str) -> dict[str, list[float]]:
        """Every stored vector by its embed_key, so an unchanged passage is never embedded twice."""
        return {r["metadatas"]["embed_key"]: np.asarray(r["embeddings"], dtype=np.float64).tolist()
                for _, r in self._records(generation, ["embeddings", "metadatas"])}

    def sentence_vectors(self, generation: str) -> dict[str, SentenceVectors]:
        """Stored sentence vectors by passage id: {} for an index built before they were stored with their key."""
        found: dict[str, SentenceVectors] = {}
        for passage_id, r in self._records(generation, ["embeddings", "metadatas"]):
            vectors = decode_sentence_vectors(r["metadatas"], len(r["embeddings"]))
            if vectors is not None:
                found[passage_id] = vectors
        return found

    def query(self, generation: str, vector: list[float], k: int, doc_id: str | None = None) -> list[tuple[str, float]]:
        """Nearest passages as (id, cosine similarity), best first."""
        where = {"doc_id": doc_id} if doc_id else None
        result = call_with_kept_handle(
            lambda: self._collection(generation),
            lambda collection: self._guard(
                lambda: collection.query(query_embeddings=[vector], n_results=k, where=where, include=["distances"])
            ),
            forget=lambda: self._forget(generation),
        )
        return [(i, 1.0 - d) for i, d in zip(result["ids"][0], result["distances"][0], strict=True)]

    # --- writing -------------------------------------------------------------------------------------
    def new_generation_name(self) -> str:
        return time.strftime("g%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]

    def write_generation(self, name: str, info: dict,
                         rows: Sequence[tuple[Passage, str, list[float], SentenceVectors | None]]) -> None:
        """Write a complete generation beside the live one; nothing is served from it until `publish`.
        Each row: passage, embed_key, passage vector, sentence vectors (or None)."""
        if not self.chroma_url:
            self.index_dir.mkdir(parents=True, exist_ok=True)
        collection = self._collection(name, create=True, info=info)
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            collection.add(
                ids=[p.id for p, _, _, _ in chunk],
                documents=[p.text for p, _, _, _ in chunk],
                metadatas=[passage_metadata(p, key, sentence_vectors) for p, key, _, sentence_vectors in chunk],
                embeddings=[vector for _, _, vector, _ in chunk],
            )
        self.store_records(name)

    def store_records(self, name: str) -> bool:
        """Write generation `name`'s records beside it, as Chroma gives them back (embedded store; not for a server,
        whose generations other machines read), so readers need not open Chroma. True when the files are there."""
        if self.chroma_url:
            return False
        folder = self.folder(name)
        if generation_records.present(folder):
            return generation_records.read(folder, name) is not None or self._write_records(name)
        return self._write_records(name)

    def _write_records(self, name: str) -> bool:
        records = list(self._chroma_records(name, ["documents", "metadatas", "embeddings"]))
        return generation_records.write(
            self.folder(name), name, self._chroma_info(name), [i for i, _ in records],
            [r["documents"] for _, r in records], [r["metadatas"] for _, r in records],
            np.array([r["embeddings"] for _, r in records], dtype=np.float64))

    def folder(self, name: str) -> Path:
        """Where generation `name` keeps its local files: its Chroma folder (embedded) and its text vectors."""
        return self.index_dir / name

    def publish(self, name: str) -> None:
        """Atomically make `name` the served generation, then remove all but it and the one before."""
        previous = self._read_pointer()
        self._write_pointer(name)
        self._prune(keep={name, previous})

    def discard(self, name: str) -> None:
        """Remove a generation that failed part-way; the served one is untouched."""
        self._prune(keep=None, only=name)

    def _prune(self, keep: set | None, only: str | None = None) -> None:
        if self.chroma_url:
            client = self._client()
            for collection in client.list_collections():
                cname = collection if isinstance(collection, str) else collection.name
                gen = cname.removeprefix(COLLECTION_PREFIX)
                if cname.startswith(COLLECTION_PREFIX) and (gen == only if only else gen not in keep):
                    self._forget(gen)
                    client.delete_collection(cname)
        if not self.index_dir.exists():  # a server's generations may still have local files (text vectors)
            return
        for folder in self.index_dir.iterdir():
            if folder.is_dir() and folder.name.startswith("g") and (folder.name == only if only else folder.name not in keep):
                self._forget(folder.name)
                shutil.rmtree(folder, ignore_errors=True)


def _is_connection_error(exc: BaseException) -> bool:
    names = {type(e).__name__ for e in _chain(exc)}
    unreachable = {"ConnectError", "ConnectionError", "ConnectTimeout", "ReadTimeout", "ConnectionRefusedError",
                   "RemoteProtocolError"}
    return bool(names & unreachable) or "Could not connect" in str(exc)


def _chain(exc: BaseException | None):
    while exc is not None:
        yield exc
        exc = exc.__cause__ or exc.__context__
