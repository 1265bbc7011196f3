"""Indexing is incremental, atomic and never loses what was being served.

Most tests use the fake embedder (`fresh_fake_assistant`, tests/fakes.py): what is re-embedded and kept does not
depend on which model embeds. Those that need an answer to a paraphrased question use the real model."""

from __future__ import annotations

import pytest

from indexer import text_vectors
from indexer.errors import IndexMissing
from indexer.store import COLLECTION_PREFIX


def test_reindexing_an_unchanged_corpus_embeds_nothing(fresh_fake_assistant):
    first = fresh_fake_assistant.index(progress=False)
    again = fresh_fake_assistant.index(progress=False)
    assert first.embedded == first.passages > 0
    assert again.unchanged and again.embedded == 0
    assert again.generation == first.generation


def test_a_changed_file_reembeds_only_its_changed_passages(fresh_fake_assistant):
    fresh_fake_assistant.index(progress=False)
    digest = fresh_fake_assistant.settings.corpus_dir / "framework.md"
    digest.write_text(digest.read_text().replace("mid-September 2019", "the end of September 2019"))
    summary = fresh_fake_assistant.index(progress=False)
    assert summary.embedded == 1
    assert summary.reused == summary.passages - 1
    answer = fresh_fake_assistant.ask("when is the draft system plan due?")
    assert "end of September 2019" in answer.answer


def test_summary_counts_documents_pages_and_passages(fresh_fake_assistant):
    summary = fresh_fake_assistant.index(progress=False)
    assert summary.documents == 2
    assert summary.pages >= 3
    assert "2 documents" in summary.describe()


def test_no_index_says_to_run_ltp_index(fresh_fake_assistant):
    with pytest.raises(IndexMissing, match="ltp index"):
        fresh_fake_assistant.ask("how big is a PCN?")


@pytest.mark.parametrize("step", ["passages", "bullet forms"])
def test_failure_while_writing_leaves_the_old_index_serving(fresh_fake_assistant, monkeypatch, step):
    """Whether the store's write or the stored bullet forms' write fails (a full disk), the old generation keeps
    answering and the half-written one is removed."""
    fresh_fake_assistant.index(progress=False)
    served = fresh_fake_assistant.store.current_name()
    digest = fresh_fake_assistant.settings.corpus_dir / "framework.md"
    digest.write_text(digest.read_text().replace("November 2019", "December 2019"))

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if step == "passages":
        monkeypatch.setattr(fresh_fake_assistant.store, "write_generation", disk_full)
    else:
        monkeypatch.setattr(text_vectors, "write", disk_full)
    with pytest.raises(OSError):
        fresh_fake_assistant.index(progress=False)
    assert fresh_fake_assistant.store.current_name() == served
    assert "November 2019" in fresh_fake_assistant.ask("when are final system plans due?").answer
    leftovers = [p.name for p in fresh_fake_assistant.settings.index_dir.iterdir() if p.is_dir() and p.name != served]
    assert leftovers == []


def test_a_corrupt_pdf_is_named_and_its_previous_passages_keep_serving(fresh_assistant):
    fresh_assistant.index(progress=False)
    (fresh_assistant.settings.corpus_dir / "plan.pdf").write_bytes(b"%PDF-1.4 garbage")
    summary = fresh_assistant.index(progress=False)
    assert any("plan.pdf" in f and "damaged" in f for f in summary.failures)
    answer = fresh_assistant.ask("how many people does a primary care network cover?")
    assert not answer.abstained and "30,000" in answer.answer


def test_chroma_never_gets_an_embedding_function(indexed):
    collection = indexed.store._collection(indexed.store.current_name())
    assert collection.name.startswith(COLLECTION_PREFIX)
    assert collection._embedding_function is None


def test_sentence_vectors_are_stored_so_a_new_process_embeds_none(fresh_assistant, real_embeddings, monkeypatch):
    """A server worker loads the sentence vectors with the index instead of embedding every sentence."""
    import numpy as np

    from assistant.engine import Assistant
    from indexer.embeddings import SentenceEmbeddings
    from indexer.passage import sentences

    fresh_assistant.index(progress=False)
    worker = Assistant(fresh_assistant.settings, embeddings=SentenceEmbeddings())
    worker.embeddings._model = real_embeddings._load()  # same weights, empty caches, as in a new process
    encoded: list[int] = []
    real_encode = worker.embeddings._encode
    monkeypatch.setattr(worker.embeddings, "_encode",
                        lambda texts, batch: encoded.append(len(texts)) or real_encode(texts, batch))

    worker.warm_sentences()
    assert encoded == []
    passage = worker.snapshot().passages[0]
    texts = sentences(passage.text)
    assert np.allclose(worker.embeddings.embed_sentences(texts), real_embeddings.embed_documents(texts), atol=1e-5)
    assert worker.ask("how big is a primary care network?").citations
    assert encoded == [1]  # the question itself, nothing else


def test_a_changed_passage_gets_new_sentence_vectors_and_the_rest_are_reused(fresh_fake_assistant, monkeypatch):
    fresh_fake_assistant.index(progress=False)
    digest = fresh_fake_assistant.settings.corpus_dir / "framework.md"
    digest.write_text(digest.read_text().replace("mid-September 2019", "the end of September 2019"))
    embedded: list[str] = []
    real = fresh_fake_assistant.embeddings.embed_sentences
    monkeypatch.setattr(fresh_fake_assistant.embeddings, "embed_sentences",
                        lambda texts, **kw: embedded.extend(texts) or real(texts, **kw))
    fresh_fake_assistant.index(progress=False)
    assert embedded == ["Every system sends NHS England a draft five-year system plan by the end of September 2019."]


def test_sentence_vectors_split_another_way_are_never_reused(fresh_fake_assistant, monkeypatch):
    """D1: a change to how sentences are split must re-embed them, not pair old rows with new sentences."""
    import indexer.passage as passage_module

    fresh_fake_assistant.index(progress=False)
    split_before = passage_module.sentences
    one_sentence = lambda text: [text.strip()]  # noqa: E731  (a different splitting rule)
    monkeypatch.setattr(passage_module, "sentences", one_sentence)
    monkeypatch.setattr("indexer.build.sentences", one_sentence)
    monkeypatch.setattr("assistant.engine.sentences", one_sentence)
    embedded: list[str] = []
    real = fresh_fake_assistant.embeddings.embed_sentences
    monkeypatch.setattr(fresh_fake_assistant.embeddings, "embed_sentences",
                        lambda texts, **kw: embedded.extend(texts) or real(texts, **kw))
    fresh_fake_assistant.index(rebuild=False, progress=False)
    stored = fresh_fake_assistant.store.sentence_vectors(fresh_fake_assistant.store.current_name())
    passages = {p.id: p for p in fresh_fake_assistant.snapshot().passages}
    multi = [p for p in passages.values() if len(split_before(p.text)) > 1]
    assert multi, "the test corpus needs a passage of several sentences"
    for passage in multi:
        assert len(stored[passage.id].rows) == 1
        assert passage.text.strip() in embedded


def test_loading_reads_only_the_generation_it_was_asked_for(fresh_fake_assistant, monkeypatch):
    """D2: a generation published while another is loading must not mix into it."""
    fresh_fake_assistant.index(progress=False)
    first = fresh_fake_assistant.store.current_name()
    monkeypatch.setattr(fresh_fake_assistant.store, "current", lambda: pytest.fail("_load re-read the pointer"))
    monkeypatch.setattr(fresh_fake_assistant.store, "_read_pointer", lambda: first)
    snapshot = fresh_fake_assistant.snapshot()
    assert snapshot.generation == first and snapshot.documents


def test_switching_to_bge_small_re_embeds_everything_and_the_old_index_is_refused_until_then(fresh_assistant):
    from assistant.engine import Assistant
    from indexer.embeddings import SentenceEmbeddings

    fresh_assistant.index(progress=False)
    bge = Assistant(fresh_assistant.settings, fresh_assistant.config, SentenceEmbeddings("bge-small"),
                    reranker=fresh_assistant.reranker)
    with pytest.raises(IndexMissing, match="built with all-MiniLM-L6-v2.*ltp index"):
        bge.ask("when is the draft system plan due?")
    summary = bge.index(progress=False)
    assert summary.embedded == summary.passages and summary.reused == 0
    assert "mid-September 2019" in bge.ask("when is the draft system plan due?").answer
