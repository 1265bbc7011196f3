"""The texts a broad question embeds from the index (bullet forms, section titles) are embedded by `ltp index` and
stored with the generation: a server worker never embeds them, an index without them is rebuilt by the next
`ltp index`, and a failed rebuild leaves the old index serving."""

from __future__ import annotations

import numpy as np

from assistant import vector_cache
from indexer import text_vectors
from indexer.passage import sentences

BROAD = ["what does the plan mean for physiotherapy?", "summarise the framework's next steps",
         "what are the key points of the plan on primary care?"]


def a_worker(assistant, monkeypatch):
    """A new process over the same data dir (empty caches), and the texts it embeds."""
    from fakes import HashedEmbeddings

    from assistant.engine import Assistant

    worker = Assistant(assistant.settings, embeddings=HashedEmbeddings(), reranker=assistant.reranker)
    encoded: list[str] = []
    real_encode = worker.embeddings._encode
    monkeypatch.setattr(worker.embeddings, "_encode",
                        lambda texts, batch: encoded.extend(texts) or real_encode(texts, batch))
    return worker, encoded


def derived_texts(assistant) -> set[str]:
    snapshot = assistant.snapshot()
    own = {s for p in snapshot.passages for s in sentences(p.text)}
    return set(vector_cache.index_texts(snapshot.passages, snapshot.info["sections"])) - own


def test_a_worker_embeds_no_bullet_form_or_section_title_only_the_questions(fresh_fake_assistant, monkeypatch):
    fresh_fake_assistant.index(progress=False)
    derived = derived_texts(fresh_fake_assistant)
    assert derived, "the test corpus needs a bullet form or title that is not a sentence of its own"
    worker, encoded = a_worker(fresh_fake_assistant, monkeypatch)
    worker.warm_sentences()
    for question in BROAD:
        worker.ask(question)
    assert not set(encoded) & derived


def test_without_the_stored_vectors_a_worker_embeds_them_itself_and_the_next_index_restores_them(
        fresh_fake_assistant, monkeypatch):
    fresh_fake_assistant.index(progress=False)
    served = fresh_fake_assistant.store.current_name()
    for name in (text_vectors.VECTORS_FILE, text_vectors.TEXTS_FILE):
        (fresh_fake_assistant.store.folder(served) / name).unlink()
    worker, encoded = a_worker(fresh_fake_assistant, monkeypatch)
    answers = [worker.ask(question).answer for question in BROAD]
    assert set(encoded) & derived_texts(fresh_fake_assistant)  # as before they were stored: answered all the same

    summary = fresh_fake_assistant.index(progress=False)
    assert not summary.unchanged and summary.embedded == 0  # passage vectors reused; only the texts are new
    worker, encoded = a_worker(fresh_fake_assistant, monkeypatch)
    assert [worker.ask(question).answer for question in BROAD] == answers
    assert not set(encoded) & derived_texts(fresh_fake_assistant)


def test_stored_vectors_are_the_models_vectors_of_their_texts(fresh_fake_assistant):
    fresh_fake_assistant.index(progress=False)
    stored = text_vectors.read(fresh_fake_assistant.store.folder(fresh_fake_assistant.store.current_name()))
    assert stored is not None and set(stored.texts) == derived_texts(fresh_fake_assistant)
    expected = np.array(fresh_fake_assistant.embeddings.embed_documents(list(stored.texts)))
    assert np.allclose(stored.rows, expected, atol=1e-6)


def test_new_derived_texts_re_index_embedding_only_those(fresh_fake_assistant, monkeypatch):
    """The assistant deriving other texts (a new bullet form) makes `ltp index` build a generation with them."""
    first = fresh_fake_assistant.index(progress=False)
    index_texts = vector_cache.index_texts
    monkeypatch.setattr(vector_cache, "index_texts",
                        lambda passages, sections: index_texts(passages, sections) + ["A brand new bullet form."])
    embedded: list[str] = []
    real = fresh_fake_assistant.embeddings.embed_sentences
    monkeypatch.setattr(fresh_fake_assistant.embeddings, "embed_sentences",
                        lambda texts, **kw: embedded.extend(texts) or real(texts, **kw))
    again = fresh_fake_assistant.index(progress=False)
    assert again.generation != first.generation and embedded == ["A brand new bullet form."]
    assert fresh_fake_assistant.index(progress=False).unchanged


def test_damaged_or_mismatched_files_are_ignored(tmp_path):
    vectors = text_vectors.TextVectors(("one text", "another text"), np.eye(2, 4, dtype=np.float32))
    text_vectors.write(tmp_path, vectors)
    assert text_vectors.read(tmp_path).by_text()["another text"].tolist() == [0, 1, 0, 0]
    assert text_vectors.read(tmp_path, expected_digest="another index's") is None
    (tmp_path / text_vectors.VECTORS_FILE).write_bytes(b"not numpy")
    assert text_vectors.read(tmp_path) is None
