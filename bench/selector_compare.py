"""Arms of PipelineConfig against today's choice on the same question sets, side by side (written for round 12's
fitted sentence selector and `lead_passage_whole`, both removed in round 26): answer contains the facts, answered
questions whose first sentence holds a fact (a count), the one-fact median length, in-scope refused.

    PYTHONPATH=. OMP_NUM_THREADS=1 python -m bench.selector_compare --sets tune,p7,p9,p11 --out /tmp/compare.json \
        --config "clear0.3:lead_from_clear_winner=0.3"
    PYTHONPATH=. OMP_NUM_THREADS=1 python -m bench.selector_compare --sets p16 --configs today \
        --config "clear0.3:lead_from_clear_winner=0.3"      # any other arm: a config field set by name

Tune is the dev set's tune split only (holdout dropped before anything is read); a probe file's split "probe".
Retrieval ranks are not scored here (answer-stage arms do not change them), which halves the cost.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import fields, replace
from pathlib import Path

from assistant.answer_style import first_sentence
from assistant.evaluate import AssistantSystem, contains_facts, evaluate, load_questions
from assistant.settings import PROJECT_ROOT

SETS = {"tune": (PROJECT_ROOT / "bench" / "dev_questions.jsonl", "tune")} | {
    f"p{n}": (PROJECT_ROOT / "bench" / f"blind_probe_{n}.jsonl", "probe") for n in (7, 9, 11, 12, 13, 14, 15, 16)}
"""The tuning sets every side-by-side comparison reads (bench/rerank_pairs_compare.py too)."""


class Unranked(AssistantSystem):
    def ranked_texts(self, question, history, depth):
        return []


def parse_config(text: str, base):
    """"name" or "name:field=value,field=value" -> (name, config); values take the field's type."""
    name, _, overrides = text.partition(":")
    types = {f.name: type(getattr(base, f.name)) for f in fields(base)}
    changes = {}
    for item in filter(None, overrides.split(",")):
        key, _, value = item.partition("=")
        changes[key] = types[key](value) if types[key] is not bool else value == "True"
    return name, replace(base, **changes)


def configs(base):
    return {"today": base}


def scored(report) -> dict:
    metrics = report.metrics()
    answered = [r for r in report.results if r.question.answerable and not r.abstained]
    lead_fact = sum(1 for r in answered if any(contains_facts(first_sentence(r.answer), (f,)) for f in r.question.facts))
    return {"answer_contains_fact": metrics["answer_contains_fact"], "lead_holds_a_fact": lead_fact,
            "fact_in_first_sentence": metrics["fact_in_first_sentence"],
            "one_fact_answer_chars_p50": metrics["one_fact_answer_chars_p50"],
            "in_scope_refused": metrics["in_scope_refused"], "answered": len(answered)}


def main() -> None:
    from assistant.config import DEFAULT_CONFIG
    from assistant.engine import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", default="tune,p7,p9,p11")
    parser.add_argument("--configs", default="today")
    parser.add_argument("--config", action="append", default=[],
                        help='another arm, "name:field=value,...", e.g. "clear0.3:lead_from_clear_winner=0.3"')
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    base = Assistant(Settings.from_env(), DEFAULT_CONFIG)
    today = DEFAULT_CONFIG
    chosen = configs(today) | dict(parse_config(text, today) for text in args.config)
    names = [name for name in args.configs.split(",") if name] + [text.partition(":")[0] for text in args.config]
    results: dict = {}
    for set_name in args.sets.split(","):
        path, split = SETS[set_name]
        questions = [q for q in load_questions(path) if q.split == split and q.answerable]
        for name in names:
            system = Unranked(base.with_config(chosen[name]))
            report = evaluate(system, questions)
            results[f"{set_name}/{name}"] = {**scored(report), "answers": {r.question.id: r.answer for r in report.results}}
            print(set_name, name, scored(report), flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
