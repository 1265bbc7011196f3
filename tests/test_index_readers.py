"""A process that only reads the index (a server worker, `ltp ask`, `ltp eval`) leaves every file of it byte for byte
as it found it, and serves a data folder mounted read-only. chromadb 1.5.9 writes whenever a process opens its store,
even to read it (a row in chroma.sqlite3, the HNSW segment's files rebuilt from the log and written back), so readers
take a generation's records from the files `ltp index` writes beside it and leave Chroma closed
(indexer/generation_records.py, docs/history/round-25-vectors25.md)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_assistant
from data_copies import copy_of_data

from indexer import generation_records

QUESTIONS = ["when are final system plans due?", "what do the headline metrics track?", "pelvic health"]

WORKER = r"""
import json, sys
from pathlib import Path
from assistant.settings import Settings
from web import create_app

data, corpus = Path(sys.argv[1]), Path(sys.argv[2])
app = create_app(Settings(data_dir=data, corpus_dir=corpus))
assistant = app.extensions["ltp_assistant"]
assistant.warm()  # as a gunicorn worker does before taking requests (web/production.py)
assistant.warm_sentences()
client = app.test_client()
answers = [client.post("/api/ask", json={"question": q}).get_json() for q in json.loads(sys.argv[3])]
print(json.dumps({"answers": answers, "chromadb": "chromadb" in sys.modules}))
"""


def index_files(data: Path) -> dict[str, str]:
    """Every file under the data folder's index/ (the pointer, each generation's Chroma folder and files) by hash."""
    index = data / "index"
    return {str(p.relative_to(index)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(index.rglob("*")) if p.is_file()}


def serve(data: Path, corpus: Path, wrapper: list[str] | None = None) -> dict:
    """Run a worker process over `data` that warms up and answers QUESTIONS; what it answered, and whether it imported
    chromadb."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    run = subprocess.run([*(wrapper or []), sys.executable, "-c", WORKER, str(data), str(corpus), json.dumps(QUESTIONS)],
                         capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert all(answer["citations"] for answer in seen["answers"])
    assert "November 2019" in seen["answers"][0]["answer"]
    return seen


def test_a_worker_answering_questions_leaves_every_index_file_as_it_found_it(indexed, tmp_path):
    data = copy_of_data(indexed.settings.data_dir, tmp_path)
    generation = (data / "index" / "CURRENT").read_text().strip()
    assert {"records.json", "records.npy"} <= {p.name for p in (data / "index" / generation).iterdir()}
    before = index_files(data)

    seen = serve(data, indexed.settings.corpus_dir)

    assert index_files(data) == before  # chroma.sqlite3 and the HNSW segment's files included
    assert not seen["chromadb"]  # opening Chroma is what wrote them


def test_an_index_built_before_the_records_is_served_from_chroma_until_ltp_index_adds_them(indexed, real_embeddings,
                                                                                            tmp_path):
    data = copy_of_data(indexed.settings.data_dir, tmp_path)
    folder = data / "index" / (data / "index" / "CURRENT").read_text().strip()
    for name in ("records.json", "records.npy"):
        (folder / name).unlink()  # as the previous version left a generation

    from_chroma = serve(data, indexed.settings.corpus_dir)
    assert from_chroma["chromadb"]
    summary = make_assistant(indexed.settings.corpus_dir, data, real_embeddings).index(progress=False)
    assert summary.unchanged and (folder / "records.json").exists()  # no new generation, nothing embedded
    before = index_files(data)
    from_files = serve(data, indexed.settings.corpus_dir)

    assert from_files["answers"] == from_chroma["answers"]
    assert not from_files["chromadb"] and index_files(data) == before


def test_a_data_folder_mounted_read_only_is_served(indexed, tmp_path):
    """A container with the data volume mounted read-only (before, Chroma failed to start: "attempt to write a
    readonly database"). Needs a private mount namespace: skipped where `unshare -m` is not allowed."""
    data = copy_of_data(indexed.settings.data_dir, tmp_path)
    if shutil.which("unshare") is None:
        pytest.skip("no unshare here to mount a folder read-only")
    read_only = ["unshare", "-m", "sh", "-c", 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && '
                 'exec "$@"', "sh", str(data)]
    probe = subprocess.run([*read_only, "sh", "-c", 'touch "$0/probe"', str(data)], capture_output=True, text=True)
    if probe.returncode == 0 or "Read-only file system" not in probe.stderr:
        pytest.skip(f"cannot mount a folder read-only here: {probe.stderr.strip()[-200:]}")
    before = index_files(data)

    serve(data, indexed.settings.corpus_dir, wrapper=read_only)

    assert index_files(data) == before


def test_the_records_beside_a_new_generation_are_what_chroma_gives_back(fresh_fake_assistant):
    fresh_fake_assistant.index(progress=False)
    store = fresh_fake_assistant.store
    generation = store.current_name()
    fields = ["documents", "metadatas", "embeddings"]
    assert generation_records.read(store.folder(generation), generation) is not None  # so _records reads the files

    from_files = list(store._records(generation, fields))
    from_chroma = list(store._chroma_records(generation, fields))

    assert [i for i, _ in from_files] == [i for i, _ in from_chroma] and len(from_files) > 3
    for (_, stored), (_, chroma) in zip(from_files, from_chroma, strict=True):
        assert stored["documents"] == chroma["documents"] and stored["metadatas"] == chroma["metadatas"]
        assert list(map(float, stored["embeddings"])) == list(map(float, chroma["embeddings"]))
    assert store.generation_info(generation) == store._chroma_info(generation)


def test_loading_a_generation_reads_its_record_files_once(indexed, real_embeddings, tmp_path, monkeypatch):
    """Its info, passages, sentence vectors and passage vectors all come from the same files, which never change once
    written: a worker parses them once at start-up, not once for each."""
    data = copy_of_data(indexed.settings.data_dir, tmp_path)
    reads: list[str] = []
    read = generation_records.read
    monkeypatch.setattr(generation_records, "read", lambda folder, generation: reads.append(generation) or
                        read(folder, generation))
    worker = make_assistant(indexed.settings.corpus_dir, data, real_embeddings)

    worker.warm()
    assert worker.ask("when are draft system plans due?").citations

    assert reads == [(data / "index" / "CURRENT").read_text().strip()]
