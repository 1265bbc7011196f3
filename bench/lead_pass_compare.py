"""The lead from the cross-encoder's clear first passage (`lead_from_clear_winner`) against today's lead, on the same
question sets side by side: answer contains the facts, answered questions whose first sentence holds a fact (a
count), the one-fact median length, in-scope refused (bench/selector_compare.py's measures).

    PYTHONPATH=. OMP_NUM_THREADS=1 python -m bench.lead_pass_compare --sets tune,p7 --margins 0,0.2,0.3 --out X.json

Tune is the dev set's tune split only; a probe file's split "probe". Answerable questions only: the rule chooses
among an answer's sentences and never decides whether to answer.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from assistant.evaluate import evaluate, load_questions
from assistant.settings import PROJECT_ROOT
from bench.selector_compare import SETS, Unranked, scored

SETS = {**SETS, "p16": (PROJECT_ROOT / "bench" / "blind_probe_16.jsonl", "probe")}


def main() -> None:
    from assistant.config import DEFAULT_CONFIG
    from assistant.engine import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", default="tune,p7,p9,p11")
    parser.add_argument("--margins", default="0,0.3")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    base = Assistant(Settings.from_env(), DEFAULT_CONFIG)
    results: dict = {}
    for set_name in args.sets.split(","):
        path, split = SETS[set_name]
        questions = [q for q in load_questions(path) if q.split == split and q.answerable]
        for margin in (float(m) for m in args.margins.split(",")):
            system = Unranked(base.with_config(replace(DEFAULT_CONFIG, lead_from_clear_winner=margin)))
            report = evaluate(system, questions)
            results[f"{set_name}/{margin}"] = {**scored(report), "answers": {r.question.id: r.answer for r in report.results}}
            print(set_name, margin, scored(report), flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
