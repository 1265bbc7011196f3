"""Where the answer drops a fact its own citations hold: per TUNE (or probe) question, the answer, the cited
passages and the expected facts, with the eval metrics for the same run.

    PYTHONPATH=. python -m bench.answer_gaps bench/dev_questions.jsonl --out /tmp/gaps.json
    PYTHONPATH=. python -m bench.answer_gaps bench/paraphrase_probe.jsonl --out /tmp/probe.json

Holdout questions are dropped before anything else is read (docs: choose rules on tune only). A probe file's
questions (split "probe") are rewordings of tune questions, scored the same way.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from assistant.evaluate import AssistantSystem, Question, contains_facts, evaluate, load_questions


def tune_or_probe(path: Path) -> list[Question]:
    """The file's tune and probe questions; held-out splits are dropped before anything is printed."""
    return [q for q in load_questions(path) if q.split in ("tune", "probe")]


class Recording(AssistantSystem):
    """The assistant, keeping each answer's cited passages for the listing."""

    def __init__(self, assistant):
        super().__init__(assistant)
        self.cited: dict[str, tuple[str, ...]] = {}

    def answer(self, question, history):
        answer = super().answer(question, history)
        self.cited[question] = answer.cited_texts
        return answer


def gap(result, cited: tuple[str, ...]) -> dict:
    facts = result.question.facts
    return {
        "id": result.question.id, "kind": result.question.kind, "batch": result.question.batch,
        "question": result.question.question, "facts": list(facts), "answer": result.answer,
        "contains": result.answer_has_facts, "cover": result.citations_cover_facts,
        "top_holds": bool(cited) and contains_facts(cited[0], facts),
        "missing": [f for f in facts if not contains_facts(result.answer, (f,))],
        "cited": list(cited),
    }


def main() -> None:
    from assistant.engine import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    questions = tune_or_probe(args.path)
    system = Recording(Assistant(Settings.from_env()))
    report = evaluate(system, questions)
    batch4 = replace(report, results=[r for r in report.results if r.question.batch == 4])
    rows = [gap(r, system.cited.get(r.question.question, ())) for r in report.results
            if r.question.answerable and not r.abstained]
    args.out.write_text(json.dumps({"metrics": report.metrics(), "batch4": batch4.metrics(), "rows": rows}, indent=1))
    keys = ("answer_contains_fact", "citations_cover_facts", "citation_correct", "fact_in_first_sentence",
            "answers_repeating_a_figure", "one_fact_answer_chars_p50", "one_fact_answer_chars_p90",
            "in_scope_refused", "abstention_recall")
    for name, metrics in (("all", report.metrics()), ("batch4", batch4.metrics())):
        print(name, {k: metrics[k] for k in keys})


if __name__ == "__main__":
    main()
