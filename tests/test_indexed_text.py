"""What a passage is embedded and BM25-indexed with: its document's short title, then its section title and text,
so a question that names the document it asks about finds that document's passage first."""

from __future__ import annotations

import indexer.build
from assistant.retrieve import LexicalIndex
from indexer.passage import EMBEDDING_TEXT, Passage, indexed_text

DIGITAL = "Every system will have a digital maturity plan and shared care records by 2024."


def passage(id: str, doc_id: str) -> Passage:
    return Passage(id=id, doc_id=doc_id, section_id=f"{doc_id}:digital", section_path=("Digital",), text=DIGITAL)


def test_the_indexed_text_opens_with_the_documents_short_title():
    plan = passage("ltp:digital", "ltp")
    assert indexed_text(plan, "Long Term Plan") == f"Long Term Plan: Digital. {DIGITAL}"
    assert indexed_text(plan) == plan.search_text


def test_a_question_naming_a_document_finds_its_passage_before_the_same_words_elsewhere():
    plan, framework = passage("a:digital", "ltp"), passage("b:digital", "framework")
    labels = {"ltp": "Long Term Plan", "framework": "Implementation Framework"}
    question = "what does the implementation framework say about digital maturity?"
    assert [i for i, _ in LexicalIndex([plan, framework]).search(question, 2)][0] == "a:digital"  # a tie, by id
    assert [i for i, _ in LexicalIndex([plan, framework], labels).search(question, 2)][0] == "b:digital"


def test_an_index_embedded_in_an_older_form_is_re_embedded_by_ltp_index(fresh_fake_assistant, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(indexer.build, "indexed_text", lambda p, label="": p.search_text)  # the form before titles
        patch.setattr(indexer.build, "EMBEDDING_TEXT", 1)
        fresh_fake_assistant.index(progress=False)
    assert fresh_fake_assistant.snapshot().info["embedding_text"] == 1
    summary = fresh_fake_assistant.index(progress=False)
    assert not summary.unchanged and summary.embedded == summary.passages > 0
    assert fresh_fake_assistant.snapshot().info["embedding_text"] == EMBEDDING_TEXT
