"""Score PipelineConfig switches on a fresh blind pool, once each, and compare them question by question: how the
lead decides a round's switches (docs/history/round-17.md, "Round 17's fresh pool and its rules").

    .venv/bin/python -m bench.pool_score OUT.json POOL.jsonl [POOL.jsonl ...] --arm defaults \
        --arm refuse17:refuse17=true [--data-dir var]
    .venv/bin/python -m bench.pool_score OUT.json --diff defaults refuse17

Each arm is `name[:field=value,...]` over the defaults. OUT.json keeps, per arm, `ltp eval`'s metrics and per question
only flags (answered, refused, holds the facts, fact first, length, safety): no question text and no answer, so a pool
can be scored without anyone reading it. `--diff` prints the paired counts the rules are written in: facts gained and
lost, answerable questions newly refused, out-of-scope questions newly refused or let through, fact first gained and
lost.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from assistant.answer_display import opens_first_source
from assistant.answer_style import LIST_KINDS, first_sentence, repeated_figures
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.engine import Assistant
from assistant.evaluate import AssistantSystem, SystemAnswer, contains_facts, evaluate, load_questions
from assistant.settings import Settings

SHOWN = ("hit@5", "answer_contains_fact", "abstention_recall", "in_scope_refused", "fact_in_first_sentence",
         "one_fact_answer_chars_p50", "answers_repeating_a_figure")


class RecordingSystem(AssistantSystem):
    """The assistant as `evaluate` sees it, keeping each answer's safety kind (signposting) as well."""

    def __init__(self, assistant):
        super().__init__(assistant)
        self.safety: dict[str, str | None] = {}

    def answer(self, question: str, history: list) -> SystemAnswer:
        answer = self.assistant.ask(question, history)
        self.safety[question] = answer.safety
        return SystemAnswer(answer.answer, answer.abstained, tuple(c.text for c in answer.citations),
                            tuple(c.n for c in answer.citations),
                            (answer.citations[0].text,) if opens_first_source(answer) else ())


def arm_config(spec: str) -> tuple[str, PipelineConfig]:
    """"name:field=value,..." -> (name, the defaults with those values: `PipelineConfig.with_values`)."""
    name, _, changes = spec.partition(":")
    return name, DEFAULT_CONFIG.with_values([c for c in changes.split(",") if c])


def score(assistant: Assistant, questions: list, spec: str) -> dict:
    name, config = arm_config(spec)
    system = RecordingSystem(assistant.with_config(config))
    report = evaluate(system, questions)
    flags = {}
    for r in report.results:
        q = r.question
        first = (not r.abstained and r.answer_has_facts and bool(q.facts)
                 and any(contains_facts(first_sentence(r.answer), (f,)) for f in q.facts))
        flags[q.id] = {"answerable": q.answerable, "kind": q.kind, "abstained": r.abstained, "has": r.answer_has_facts,
                       "first": first, "len": len(r.answer), "one_fact": q.kind not in LIST_KINDS,
                       "repeat": not r.abstained and bool(repeated_figures(r.answer)),
                       "safety": system.safety.get(q.question),
                       "digest": hashlib.sha256(r.answer.encode()).hexdigest()[:16]}
    return {"name": name, "spec": spec, "metrics": report.metrics(), "flags": flags}


def paired(before: dict, after: dict) -> str:
    a, b = before["flags"], after["flags"]
    ids = [i for i in a if i in b]
    answerable = [i for i in ids if a[i]["answerable"]]
    out = [i for i in ids if not a[i]["answerable"]]

    def count(items, test):
        return sum(1 for i in items if test(a[i], b[i]))

    lines = [
        f"A={len(answerable)} R={len(out)}; answers changed {count(ids, lambda x, y: x['digest'] != y['digest'])}",
        f"facts +{count(answerable, lambda x, y: y['has'] and not x['has'])}"
        f" / -{count(answerable, lambda x, y: x['has'] and not y['has'])}",
        f"answerable newly refused {count(answerable, lambda x, y: y['abstained'] and not x['abstained'])},"
        f" no longer {count(answerable, lambda x, y: x['abstained'] and not y['abstained'])}",
        f"out-of-scope newly refused {count(out, lambda x, y: y['abstained'] and not x['abstained'])},"
        f" let through {count(out, lambda x, y: x['abstained'] and not y['abstained'])}",
        f"fact first +{count(answerable, lambda x, y: y['first'] and not x['first'])}"
        f" / -{count(answerable, lambda x, y: x['first'] and not y['first'])}",
    ]
    lines += [f"  {k}: {before['metrics'][k]} -> {after['metrics'][k]}" for k in SHOWN]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="results file (arms already in it are kept)")
    parser.add_argument("pools", nargs="*", type=Path, help="the pool's question files")
    parser.add_argument("--arm", action="append", default=[], help="name[:field=value,...]; repeat")
    parser.add_argument("--diff", nargs=2, metavar=("BEFORE", "AFTER"), help="paired counts of two scored arms")
    parser.add_argument("--data-dir", type=Path, help="an indexed data dir (default: the settings' data dir)")
    args = parser.parse_args()
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    if args.diff:
        print(paired(results[args.diff[0]], results[args.diff[1]]))
        return
    settings = Settings.from_env()
    if args.data_dir:
        settings = settings.with_data_dir(args.data_dir)
    questions = [q for path in args.pools for q in load_questions(path)]
    assistant = Assistant(settings)
    for spec in args.arm:
        arm = score(assistant, questions, spec)
        results[arm["name"]] = arm
        args.out.write_text(json.dumps(results))
        print(arm["name"], json.dumps({k: arm["metrics"][k] for k in SHOWN}), flush=True)


if __name__ == "__main__":
    main()
