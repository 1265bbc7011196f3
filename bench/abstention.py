"""Calibrate the two abstention rules on the dev set: the similarity floor and the unknown-name gate.

    .venv/bin/python -m bench.abstention

Indexes the bundled corpus in a temporary folder, answers the dev set under each pair of settings and prints
the Markdown table of docs/benchmarks.md ("Abstention"). Takes a few minutes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import assistant.answer as answer
import assistant.scope as scope
from assistant.engine import Assistant
from assistant.evaluate import DEV_SET, AssistantSystem, evaluate, load_questions
from assistant.settings import Settings

FLOORS = (0.33, 0.35, 0.37, 0.40, 0.43)
GATES = (0.0, 0.5, 0.6, 0.7)
"""0.0 switches the name check off (unknown years still count)."""


def main() -> None:
    questions = load_questions(DEV_SET)
    with tempfile.TemporaryDirectory(prefix="ltp-abstention-") as data:
        assistant = Assistant(Settings(data_dir=Path(data), corpus_dir=Settings.from_env().corpus_dir))
        assistant.index(progress=False)
        assistant.warm()
        assistant.warm_sentences()
        system = AssistantSystem(assistant)
        print("| similarity floor | name gate | answered in-scope questions | abstention precision | "
              "abstention recall | answer-contains-fact |")
        print("|---|---|---|---|---|---|")
        for floor in FLOORS:
            for gate in GATES:
                answer.ABSTAIN_SIMILARITY, scope.NAME_GATE_SIMILARITY = floor, gate
                report = evaluate(system, questions)
                metrics = report.metrics()
                answerable = [r for r in report.results if r.question.answerable]
                answered = sum(1 for r in answerable if not r.abstained) / len(answerable)
                print(f"| {floor} | {gate or 'years only'} | {answered:.3f} | {metrics['abstention_precision']} | "
                      f"{metrics['abstention_recall']} | {metrics['answer_contains_fact']} |", flush=True)


if __name__ == "__main__":
    main()
