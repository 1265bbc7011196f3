"""A server worker embeds every text with the ONNX export of MiniLM, never with torch (about 350 MB of a worker's
memory): questions, and also what it embeds itself, an uploaded plan's sentences on "Check my plan" and checklist
actions its vector cache lacks. `ltp index` still embeds with torch, in batches, so the stored vectors stay as they
were; the export gives torch's vectors to well within the tolerance the query path already holds to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from data_copies import copy_of_data, link_or_copy

PLAN_SENTENCES = [
    "We will send NHS England our draft five-year system plan by mid-September 2019.",
    "Our physiotherapists will offer first contact appointments in every primary care network.",
    "The plan was written by the system's clinical leaders with patients and local councils.",
]
ACTIONS = ["Show the plan is clinically led, and written with local people", "Pick out senior clinicians to lead it"]

WORKER = r"""
import io, json, re, sys
from pathlib import Path
from assistant.settings import Settings
from web import create_app

data, corpus = Path(sys.argv[1]), Path(sys.argv[2])
app = create_app(Settings(data_dir=data, corpus_dir=corpus))
client = app.test_client()
token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/review").get_data(as_text=True))[1]
plan = ("# Timetable\n\n" + " ".join(json.loads(sys.argv[3]))).encode()
reply = client.post("/review", data={"csrf_token": token, "against": "system-plan", "plan": (io.BytesIO(plan), "plan.md")},
                    content_type="multipart/form-data")
embeddings = app.extensions["ltp_assistant"].embeddings
print(json.dumps({"status": reply.status_code, "page": reply.get_data(as_text=True),
                  "torch": sorted(m for m in ("torch", "sentence_transformers") if m in sys.modules),
                  "model_loaded": embeddings._model is not None}))
"""


def test_reviewing_an_uploaded_plan_in_a_server_process_never_imports_torch(indexed, tmp_path):
    data = copy_of_data(indexed.settings.data_dir, tmp_path)
    for cached in (data / "cache").glob("vectors-*"):  # no stored action vectors: the worker embeds them itself
        cached.unlink()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}

    run = subprocess.run([sys.executable, "-c", WORKER, str(data), str(indexed.settings.corpus_dir),
                          json.dumps(PLAN_SENTENCES)], capture_output=True, text=True, env=env, timeout=600)

    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["status"] == 200 and "plan.md against" in seen["page"]
    assert seen["torch"] == [] and not seen["model_loaded"]
    assert list((data / "cache").glob("vectors-*")), "the worker embedded the checklist's actions and kept them"


def test_a_plans_sentences_and_new_actions_get_torchs_vectors(real_embeddings):
    actions = [f"{action} (a checklist of this test only)" for action in ACTIONS]  # in no sentence cache yet
    plan = np.array(real_embeddings.embed_documents(PLAN_SENTENCES))
    new_actions = np.asarray(real_embeddings.embed_sentences(actions))

    with real_embeddings.indexing():  # torch, as `ltp index` embeds
        torch_rows = np.array(real_embeddings.embed_documents(PLAN_SENTENCES + actions))
    assert np.abs(np.vstack([plan, new_actions]) - torch_rows).max() < 1e-5
    assert np.allclose(np.linalg.norm(new_actions, axis=1), 1.0, atol=1e-5)


def test_ltp_index_stores_torchs_own_vectors_and_a_worker_gets_them_without_loading_torch(real_embeddings, tmp_path):
    """`ltp index` stores what sentence-transformers gives, batched, to the bit (the vectors the index always had); a
    server worker over the same data dir embeds the same texts with the export and never loads torch."""
    from indexer.embeddings import SentenceEmbeddings, bundled_model_path
    from indexer.minilm_onnx import export_path

    texts = PLAN_SENTENCES + ACTIONS
    with real_embeddings.indexing():
        stored = np.array(real_embeddings.embed_documents(texts))
    torch_rows = real_embeddings._load().encode(texts, batch_size=real_embeddings.batch_size,
                                                normalize_embeddings=True, show_progress_bar=False)
    assert np.array_equal(stored, torch_rows)

    assert real_embeddings.prepare_query_encoder()
    export = export_path(real_embeddings.query_encoder_dir, bundled_model_path())
    link_or_copy(str(export), str(tmp_path / export.name))
    worker = SentenceEmbeddings(query_encoder_dir=tmp_path)
    plan, sentences = np.array(worker.embed_documents(texts)), worker.embed_sentences(texts)
    question = np.array(worker.embed_query(PLAN_SENTENCES[0]))
    assert worker._model is None  # no torch model in the worker, for any of them
    assert np.abs(np.vstack([plan, sentences, question]) - np.vstack([stored, stored, stored[0]])).max() < 1e-5


def test_without_an_export_a_plan_is_still_embedded_with_torch(tmp_path, real_embeddings, monkeypatch):
    from indexer.embeddings import SentenceEmbeddings

    monkeypatch.setitem(sys.modules, "onnx", None)  # no export can be made in this data dir
    worker = SentenceEmbeddings(query_encoder_dir=tmp_path / "cache")
    worker._model = real_embeddings._load()  # the session's loaded weights: loading another takes seconds

    vectors = np.array(worker.embed_documents(PLAN_SENTENCES))

    assert worker._onnx_queries() is None
    with real_embeddings.indexing():
        assert np.abs(vectors - np.array(real_embeddings.embed_documents(PLAN_SENTENCES))).max() < 1e-6
