"""`ltp eval`: metrics computed from a question file, against the test corpus."""

from __future__ import annotations

import json
from dataclasses import replace

from click.testing import CliRunner

from assistant.cli import cli
from assistant.evaluate import AssistantSystem, Question, SystemAnswer, contains_facts, evaluate, load_questions

QUESTIONS = [
    {"id": "pcn", "question": "How many patients does a GP network look after?", "facts": ["30,000", "50,000"]},
    {"id": "draft", "question": "when are draft system plans due?", "facts": ["mid-September 2019"]},
    {"id": "final", "question": "and the final versions?", "facts": ["November 2019"],
     "history": [{"role": "user", "content": "when are draft system plans due?"}]},
    {"id": "cake", "question": "best recipe for lemon drizzle cake", "answerable": False},
]


def write(tmp_path, rows):
    path = tmp_path / "questions.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    return path


def test_metrics_on_a_small_question_set(indexed, tmp_path):
    report = evaluate(AssistantSystem(indexed), load_questions(write(tmp_path, QUESTIONS)))
    metrics = report.metrics()
    assert metrics["hit@5"] == 1.0 and metrics["answer_contains_fact"] == 1.0
    assert metrics["facts_covered@5"] == 1.0 and metrics["citations_cover_facts"] == 1.0
    assert metrics["abstention_recall"] == 1.0 and metrics["abstention_precision"] == 1.0
    assert metrics["latency_p95_ms"] >= metrics["latency_p50_ms"] > 0


class FactsInTwoPassages:
    """A system whose every passage and citation holds one of the question's two facts, none both."""

    def answer(self, question, history):
        return SystemAnswer("Networks cover 30,000 to 50,000 people [1][2].", False,
                            ("at least 30,000 people", "at most 50,000 people"), (1, 2))

    def ranked_texts(self, question, history, depth):
        return ["about networks", "at least 30,000 people", "about money", "at most 50,000 people"][:depth]


def test_facts_spread_over_passages_are_covered_but_not_hit():
    question = Question(id="pcn", question="how many people does a network cover?", facts=("30,000", "50,000"))
    metrics = evaluate(FactsInTwoPassages(), [question]).metrics()
    assert metrics["hit@5"] == 0.0 and metrics["facts_covered@5"] == 1.0
    assert metrics["citation_correct"] == 0.0 and metrics["citations_cover_facts"] == 1.0
    assert metrics["answer_contains_fact"] == 1.0


def test_facts_covered_only_deeper_than_five_passages_do_not_count():
    class Deep(FactsInTwoPassages):
        def ranked_texts(self, question, history, depth):
            return ["at least 30,000 people"] + ["about money"] * 5 + ["at most 50,000 people"]

    question = Question(id="pcn", question="how many people does a network cover?", facts=("30,000", "50,000"))
    assert evaluate(Deep(), [question]).metrics()["facts_covered@5"] == 0.0


def test_a_missed_fact_is_reported(indexed, tmp_path):
    rows = [{"id": "wrong", "question": "how big is a primary care network?", "facts": ["90,000"]}]
    report = evaluate(AssistantSystem(indexed), load_questions(write(tmp_path, rows)))
    assert report.metrics()["answer_contains_fact"] == 0.0
    assert report.to_dict()["misses"][0]["id"] == "wrong"


def test_fact_matching_ignores_dash_and_space_variants():
    assert contains_facts("covering 30,000–50,000\u00a0people", ("30,000-50,000 people",))


def test_eval_command_prints_metrics(indexed, tmp_path, monkeypatch):
    result = CliRunner().invoke(cli, ["eval", str(write(tmp_path, QUESTIONS)), "--json"], obj=indexed)
    assert result.exit_code == 0
    assert json.loads(result.output)["metrics"]["questions"] == 4


def test_bad_question_file_is_exit_2(tmp_path, indexed, monkeypatch):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n')
    assert CliRunner().invoke(cli, ["eval", str(bad)], obj=indexed).exit_code == 2


def test_questions_without_a_split_are_tune_and_reports_put_holdout_first(indexed, tmp_path):
    rows = [dict(QUESTIONS[0], split="holdout"), QUESTIONS[1], dict(QUESTIONS[3], split="holdout")]
    report = evaluate(AssistantSystem(indexed), load_questions(write(tmp_path, rows)))
    assert list(report.splits()) == ["holdout", "tune"]
    assert report.to_dict()["splits"]["holdout"]["questions"] == 2
    assert report.to_dict()["splits"]["tune"]["questions"] == 1
    assert report.describe().splitlines()[0].split() == ["holdout", "tune"]


def test_held_out_misses_are_never_listed(indexed, tmp_path):
    wrong = {"question": "how big is a primary care network?", "facts": ["90,000"]}
    rows = [dict(wrong, id="tune-miss"), dict(wrong, id="holdout-miss", split="holdout"),
            dict(wrong, id="unseen-miss", split="unseen")]
    report = evaluate(AssistantSystem(indexed), load_questions(write(tmp_path, rows)))
    assert [m["id"] for m in report.to_dict()["misses"]] == ["tune-miss"]
    assert "holdout-miss" not in report.describe() and "unseen-miss" not in report.describe()
    assert list(report.splits()) == ["holdout", "unseen", "tune"]


def test_every_citation_mark_of_the_answers_is_checked(indexed, tmp_path):
    metrics = evaluate(AssistantSystem(indexed), load_questions(write(tmp_path, QUESTIONS))).metrics()
    assert metrics["citation_marks_valid"] == 1.0
    assert metrics["in_scope_refused"] == 0.0


def test_eval_runs_one_split_when_asked(indexed, tmp_path, monkeypatch):
    rows = [dict(QUESTIONS[0], split="holdout"), QUESTIONS[1]]
    result = CliRunner().invoke(cli, ["eval", str(write(tmp_path, rows)), "--split", "holdout", "--json"], obj=indexed)
    assert result.exit_code == 0
    assert list(json.loads(result.output)["splits"]) == ["holdout"]


def test_an_unknown_split_is_exit_2(tmp_path, indexed, monkeypatch):
    path = write(tmp_path, [dict(QUESTIONS[0], split="train")])
    result = CliRunner().invoke(cli, ["eval", str(path)], obj=indexed)
    assert result.exit_code == 2 and "split" in result.output


def test_bench_reports_the_earlier_holdout_batches_and_each_unseen_probe_on_their_own():
    """Old runs stay comparable on the first three holdout batches, and each blind probe (its own writer, its own
    sample) gets its own table once there is more than one."""
    from bench.quality import EARLIER_HOLDOUT, GROUPS, held_out_groups, tables

    question = Question(id="pcn", question="how many people does a network cover?", facts=("30,000", "50,000"))
    questions = [replace(question, id="old", split="holdout"), replace(question, id="new", split="holdout", batch=4),
                 replace(question, id="u5", split="unseen", batch=5),
                 replace(question, id="u6a", split="unseen", batch=6),
                 replace(question, id="u6b", split="unseen", batch=6), replace(question, id="tune")]
    report = evaluate(FactsInTwoPassages(), questions)
    groups = held_out_groups(report)
    assert {name: [r.question.id for r in part.results] for name, part in groups.items()} == {
        EARLIER_HOLDOUT: ["old"], "unseen, batch 5": ["u5"], "unseen, batch 6": ["u6a", "u6b"]}
    names = ("LTP Assistant", "re-ranker off", "LangChain ensemble + re-rank", "LangChain quick-start")
    result = {"splits": {name: dict.fromkeys(names, part.metrics()) for name, part in report.splits().items()},
              GROUPS: {name: dict.fromkeys(names, part.metrics()) for name, part in groups.items()}}
    printed = tables(result)
    assert "holdout (2 questions)" in printed and f"{EARLIER_HOLDOUT} (1 questions)" in printed
    assert "unseen (3 questions)" in printed and "unseen, batch 6 (2 questions)" in printed
    assert printed.index("holdout (2") < printed.index("unseen (3") < printed.index("tune (1")
    assert "| fact_in_first_sentence |" in printed and "| one_fact_answer_chars_p50 |" in printed


def test_one_unseen_probe_is_not_reported_twice():
    from bench.quality import held_out_groups

    question = Question(id="pcn", question="how many people does a network cover?", facts=("30,000", "50,000"))
    report = evaluate(FactsInTwoPassages(), [replace(question, id="u5", split="unseen", batch=5)])
    assert list(held_out_groups(report)) == []


def test_a_question_keeps_the_batch_it_was_written_in(tmp_path):
    rows = [dict(QUESTIONS[0], batch=4), QUESTIONS[1]]
    assert [q.batch for q in load_questions(write(tmp_path, rows))] == [4, None]
