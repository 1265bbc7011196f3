"""Answer quality on the dev question set: LTP Assistant against the LangChain quick-start baseline.

    .venv/bin/python -m bench.quality [--questions bench/dev_questions.jsonl]

Builds both indexes from the bundled corpus in a temporary folder, scores both with the same code
(`assistant.evaluate`), prints a Markdown table and writes bench/results/quality.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
from pathlib import Path

from assistant.engine import Assistant
from assistant.evaluate import DEV_SET, AssistantSystem, evaluate, load_questions
from assistant.settings import Settings
from bench.baseline import LangChainBaseline, corpus_documents

RESULTS = Path(__file__).parent / "results"
ROWS = ["hit@1", "hit@5", "mrr", "answer_contains_fact", "citation_correct", "abstention_precision",
        "abstention_recall"]
"""Latency is left to bench.speed, which measures both systems under the same cache conditions; here the two
share one embedding model, whose query cache would flatter whichever runs second."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", default=str(DEV_SET))
    args = parser.parse_args()
    questions = load_questions(args.questions)
    with tempfile.TemporaryDirectory(prefix="ltp-bench-") as data:
        base = Settings.from_env()
        assistant = Assistant(Settings(data_dir=Path(data), corpus_dir=base.corpus_dir))
        assistant.index(progress=False)
        ours = evaluate(AssistantSystem(assistant), questions)
        sources = [s for s in assistant.sources()]
        baseline = LangChainBaseline(corpus_documents(sources, base.corpus_dir), assistant.embeddings)
        theirs = evaluate(baseline, questions)
    result = {
        "questions": len(questions),
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "ltp_assistant": ours.metrics(),
        "baseline": theirs.metrics(),
        "baseline_chunks": baseline.chunks,
        "misses": ours.to_dict()["misses"],
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "quality.json").write_text(json.dumps(result, indent=2))
    print(table(result))


def table(result: dict) -> str:
    lines = ["| metric | LTP Assistant | LangChain quick-start | difference |", "|---|---|---|---|"]
    for row in ROWS:
        ours, theirs = result["ltp_assistant"][row], result["baseline"][row]
        diff = f"{ours - theirs:+.3f}" if isinstance(ours, (int, float)) and isinstance(theirs, (int, float)) else "–"
        lines.append(f"| {row} | {ours} | {theirs} | {diff} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
