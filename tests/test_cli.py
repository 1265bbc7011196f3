"""`ltp` through click's CliRunner, as a user or a script would call it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.cli import cli


@pytest.fixture
def run(indexed, monkeypatch):
    monkeypatch.setenv("LTP_DATA_DIR", str(indexed.settings.data_dir))
    monkeypatch.setenv("LTP_CORPUS_DIR", str(indexed.settings.corpus_dir))
    runner = CliRunner()
    return lambda *args, input=None: runner.invoke(cli, list(args), input=input, obj=indexed)


def test_ask_prints_answer_and_references(run):
    result = run("ask", "how many people does a primary care network cover?")
    assert result.exit_code == 0
    assert "30,000 to 50,000" in result.output
    assert "[1] The NHS Long Term Plan (test edition), para 1.2, p. 5" in result.output


def test_ask_json_is_the_answer_contract(run):
    result = run("ask", "--json", "-k", "3", "how big is a PCN?")
    data = json.loads(result.output)
    assert data["citations"][0]["para"] == "1.2"


def test_batch_keeps_ids_and_order_and_reports_bad_lines(run):
    lines = [
        {"id": "b", "question": "when are final system plans due?"},
        {"id": 1, "question": "how big is a primary care network?"},
        {"id": "empty", "question": " "},
        {"id": "f", "question": "and the final versions?",
         "history": [{"role": "user", "content": "when are draft system plans due?"}]},
    ]
    stdin = "\n".join(json.dumps(line) for line in lines) + "\nnot json\n"
    result = run("ask", "--json", "--batch", "-", input=stdin)
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o.get("id") for o in out] == ["b", 1, "empty", "f", None]
    assert "empty" in out[2]["error"] and "not a JSON object" in out[4]["error"]
    assert "November 2019" in out[3]["answer"]


def test_ask_without_question_is_a_usage_error(run):
    result = run("ask")
    assert result.exit_code == 2
    assert "give a question" in result.output


def test_unknown_document_is_exit_2_listing_known_ones(run):
    result = run("ask", "--doc", "nope", "anything about PCNs")
    assert result.exit_code == 2
    assert "framework" in result.output and "plan" in result.output


def test_corpus_list_shows_the_manifest(run):
    result = run("corpus", "list", "--json")
    assert [row["id"] for row in json.loads(result.output)] == ["plan", "framework"]


def test_index_reports_a_summary(run):
    result = run("index", "--no-progress")
    assert result.exit_code == 0
    assert "2 documents" in result.output and "passages" in result.output


def test_sections_lists_the_outline_with_ids_and_pages(run):
    result = run("sections", "--json", "--doc", "plan")
    sections = json.loads(result.output)
    by_id = {s["id"]: s for s in sections}
    assert by_id["plan/chapter-1"]["title"] == "Chapter 1: A new service model for the 21st century"
    pcn = by_id["plan/chapter-1/primary-care-networks-of"]
    assert pcn["path"].startswith("Chapter 1") and pcn["page"] == 5 and pcn["passages"] >= 1
    assert by_id["plan/chapter-1"]["passages"] > pcn["passages"]


def test_sections_of_unknown_document_is_exit_2(run):
    assert run("sections", "--doc", "nope").exit_code == 2


def test_batch_survives_invalid_utf8_deep_nesting_and_lone_surrogates(tmp_path, indexed, monkeypatch):
    monkeypatch.setenv("LTP_DATA_DIR", str(indexed.settings.data_dir))
    monkeypatch.setenv("LTP_CORPUS_DIR", str(indexed.settings.corpus_dir))
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(b'{"id": "a\\ud800", "question": "how big should a PCN be?"}\n'
                      + b'{"id": "deep", "question": ' + b"[" * 3000 + b"]" * 3000 + b"}\n"
                      + b'{"id": "bytes", "question": "caf\xe9 \xff"}\n'
                      + b'{"id": "last", "question": "when are final system plans due?"}\n')
    result = CliRunner().invoke(cli, ["ask", "--json", "--batch", str(batch)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert out[0]["id"] == "a\ufffd" and out[0]["citations"]
    assert out[1] == {"id": None, "line": 2, "error": out[1]["error"]} and "nested too deeply" in out[1]["error"]
    assert out[2]["line"] == 3 and "UTF-8" in out[2]["error"]
    assert out[3]["id"] == "last" and "November 2019" in out[3]["answer"]


def test_added_document_url_must_be_a_web_address(tmp_path, monkeypatch):
    monkeypatch.setenv("LTP_DATA_DIR", str(tmp_path / "var"))
    plan = tmp_path / "plan.md"
    plan.write_text("# Plan\n\nText.\n")
    result = CliRunner().invoke(cli, ["index", "--add", str(plan), "--title", "Plan", "--url", "javascript:alert(1)"])
    assert result.exit_code == 2 and "https://" in result.output
    assert not (tmp_path / "var" / "documents").exists()


def test_interrupted_add_leaves_nothing_registered(tmp_path, corpus_dir, monkeypatch):
    from assistant.engine import Assistant

    monkeypatch.setenv("LTP_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("LTP_CORPUS_DIR", str(corpus_dir))

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(Assistant, "index", interrupted)  # Ctrl-C while indexing
    plan = tmp_path / "plan.md"
    plan.write_text("# Plan\n\nOur plan text.\n")
    result = CliRunner().invoke(cli, ["index", "--add", str(plan), "--title", "Our plan"])
    assert result.exit_code != 0
    assert list((tmp_path / "var" / "documents").glob("*")) == []


def test_output_to_a_missing_folder_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.setenv("LTP_DATA_DIR", str(tmp_path / "var"))
    result = CliRunner().invoke(cli, ["feedback", "export", "-o", str(tmp_path / "no" / "such" / "feedback.csv")])
    assert result.exit_code == 2 and "could not write" in result.output and "Traceback" not in result.output
