"""Today's cross-encoder pairs against pairs that read the passage's document title (`rerank_pairs="document"`),
optionally with re-chosen refusal thresholds, on the same question sets: hit@1, hit@5, answer contains the facts,
out-of-scope refused, in-scope refused, and which questions changed.

    PYTHONPATH=. OMP_NUM_THREADS=1 python -m bench.rerank_pairs_compare --sets tune,p7 \
        --config today --config "document:rerank_pairs=document" --config "doc-floor:rerank_pairs=document,floor_rerank=0.2"

Tune is the dev set's tune split only (holdout dropped before anything is read); a probe file's split "probe".
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.evaluate import AssistantSystem, evaluate, load_questions
from bench.selector_compare import SETS, parse_config

KEYS = ("hit@1", "hit@5", "answer_contains_fact", "abstention_recall", "in_scope_refused")


def main() -> None:
    from assistant.config import DEFAULT_CONFIG
    from assistant.engine import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", default="tune,p7,p9,p11,p13")
    parser.add_argument("--config", action="append", default=[])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    base = Assistant(Settings.from_env(), DEFAULT_CONFIG)
    results: dict = {}
    for set_name in args.sets.split(","):
        path, split = SETS[set_name]
        questions = [q for q in load_questions(path) if q.split == split]
        for text in args.config or ["today"]:
            name, config = parse_config(text, DEFAULT_CONFIG)
            report = evaluate(AssistantSystem(base.with_config(config)), questions)
            metrics = {k: report.metrics()[k] for k in KEYS}
            per_question = {r.question.id: [r.rank, r.answer_has_facts, r.abstained] for r in report.results}
            results[f"{set_name}/{name}"] = {"metrics": metrics, "questions": per_question}
            print(set_name, name, metrics, flush=True)
            if args.out:
                args.out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
