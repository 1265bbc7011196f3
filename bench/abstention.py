"""Calibrate the two abstention rules on the tune split: the similarity floor and the unknown-name gate.

    .venv/bin/python -m bench.abstention

Indexes the bundled corpus in a temporary folder, answers the tune questions under each pair of settings (each a
new PipelineConfig) and prints the Markdown table of docs/benchmarks.md ("Abstention"). Takes a few minutes.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from assistant.engine import Assistant
from assistant.evaluate import DEV_SET, AssistantSystem, evaluate, load_questions, select_split
from assistant.settings import Settings

FLOORS = (0.33, 0.35, 0.37, 0.40, 0.43)
GATES = (0.0, 0.5, 0.6, 0.7)
"""0.0 switches the name check off (unknown years still count)."""


def main() -> None:
    questions = select_split(load_questions(DEV_SET), "tune")
    with tempfile.TemporaryDirectory(prefix="ltp-abstention-") as data:
        assistant = Assistant(Settings(data_dir=Path(data), corpus_dir=Settings.from_env().corpus_dir))
        assistant.index(progress=False)
        assistant.warm()
        assistant.warm_sentences()
        print("| similarity floor | name gate | answered in-scope questions | abstention precision | "
              "abstention recall | answer-contains-fact |")
        print("|---|---|---|---|---|---|")
        for floor in FLOORS:
            for gate in GATES:
                config = replace(assistant.config, abstain_similarity=floor, name_gate_similarity=gate)
                report = evaluate(AssistantSystem(assistant.with_config(config)), questions)
                metrics = report.metrics()
                answerable = [r for r in report.results if r.question.answerable]
                answered = sum(1 for r in answerable if not r.abstained) / len(answerable)
                print(f"| {floor} | {gate or 'years only'} | {answered:.3f} | {metrics['abstention_precision']} | "
                      f"{metrics['abstention_recall']} | {metrics['answer_contains_fact']} |", flush=True)


if __name__ == "__main__":
    main()
