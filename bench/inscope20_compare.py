"""Wrong refusals and the follow-up search's risk, measured paired (docs/history/round-20.md, "Answerable questions wrongly
refused, round 20 (inscope20)"):

    .venv/bin/python -m bench.inscope20_compare ask OUT.json [--part 0/2]        # every tuning question, defaults
    .venv/bin/python -m bench.inscope20_compare arm OUT.json BASE.json NAME:field=value,...   # BASE's refused only
    .venv/bin/python -m bench.inscope20_compare stress OUT.json - NAME[:field=value,...] [--only-guarded]

`ask` records, per tuning question (assistant.question_sets.tuning_questions: no held-out split is read), whether it
was refused, whether the answer holds its facts, and the refusal's first words (which rule said no). `arm` re-asks
only the questions BASE refused, with a switch on: the switches measured here act only on a refusal, so every other
answer is BASE's. `stress` asks each out-of-scope question after a random answerable question of its own batch (seed 19,
as round 19 did), the way a user changing the subject would; `--only-guarded` asks only those the topic-change guard
lets be searched again (assistant/topic_change.py), the only ones inscope20's second search can change; `--only-folded`
asks only those folded in with the question before (conversation.is_follow_up), the only ones inscope21's overruling
reads differently in a conversation than alone.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from assistant.config import DEFAULT_CONFIG
from assistant.conversation import is_follow_up
from assistant.engine import Assistant
from assistant.evaluate import contains_facts
from assistant.question_sets import tuning_batches
from assistant.settings import Settings
from assistant.topic_change import reads_as_continuation


def record(assistant: Assistant, question, history: list | None = None) -> dict:
    turns = history if history is not None else list(question.history)
    answer = assistant.ask(question.question, turns or None)
    return {"answerable": question.answerable, "abstained": answer.abstained, "kind": question.kind,
            "has": not answer.abstained and bool(question.facts) and contains_facts(answer.answer, question.facts),
            "conversation": bool(turns), "head": answer.answer[:90] if answer.abstained else ""}


def questions_by_id() -> dict[str, tuple[str, object]]:
    return {f"{name}/{q.id}": (name, q) for name, qs in tuning_batches() for q in qs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("ask", "arm", "stress"))
    parser.add_argument("out", type=Path)
    parser.add_argument("base", nargs="?", type=Path)
    parser.add_argument("arm", nargs="?", default="defaults")
    parser.add_argument("--part", default="0/1", help="i/n: every n-th question from the i-th")
    parser.add_argument("--only-guarded", action="store_true",
                        help="stress: only the questions the topic-change guard lets be searched again")
    parser.add_argument("--only-folded", action="store_true",
                        help="stress: only the questions folded in with the question before (conversation.is_follow_up), "
                             "the only ones whose own search inscope21's learned reading sees with another question in it")
    parser.add_argument("--from-batch", default="", help="ask: only the blind probes from this batch on (e.g. b42)")
    parser.add_argument("--answerable", choices=("yes", "no", "both"), default="both", help="ask: which questions")
    parser.add_argument("--kinds", default="", help="ask: only questions of these kinds (comma-separated)")
    args = parser.parse_args()
    part, parts = (int(x) for x in args.part.split("/"))
    everything = questions_by_id()
    config = DEFAULT_CONFIG.with_values([c for c in args.arm.partition(":")[2].split(",") if c])
    assistant = Assistant(Settings.from_env()).with_config(config)
    base = json.loads(args.base.read_text()) if args.base and args.base.name != "-" else {}
    out: dict[str, dict] = {}
    if args.mode == "ask":
        kinds = set(args.kinds.split(",")) - {""}
        first = int(args.from_batch.lstrip("b") or 0)
        keys = [k for k, (name, q) in everything.items() if (not kinds or q.kind in kinds)
                and (not first or name.startswith("b") and int(name[1:]) >= first)
                and args.answerable in ("both", "yes" if q.answerable else "no")]
    elif args.mode == "arm":
        keys = [k for k, r in base.items() if r["abstained"]]
    else:
        keys = [k for k, (_, q) in everything.items() if not q.answerable and not q.history]
    rng = random.Random(19)
    answerable = {}
    for name, q in everything.values():
        if q.answerable and not q.history:
            answerable.setdefault(name, []).append(q.question)
    before = {k: rng.choice(answerable[everything[k][0]]) for k in keys}  # drawn for all, so parts agree
    if args.mode == "stress" and args.only_guarded:  # any other question is never searched again
        keys = [k for k in keys if reads_as_continuation(everything[k][1].question)
                and not is_follow_up(everything[k][1].question)]
    if args.mode == "stress" and args.only_folded:
        keys = [k for k in keys if is_follow_up(everything[k][1].question)]
    for n, key in enumerate(keys):
        if n % parts != part:
            continue
        q = everything[key][1]
        history = [{"role": "user", "content": before[key]}] if args.mode == "stress" else None
        out[key] = record(assistant, q, history)
        if args.mode == "stress":
            out[key]["before"] = before[key]
        if len(out) % 50 == 0:
            args.out.write_text(json.dumps(out))
    args.out.write_text(json.dumps(out))


if __name__ == "__main__":
    main()
