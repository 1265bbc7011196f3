"""Follow-up questions classed and compared paired (docs/history/round-22.md, "Follow-up questions, round 22 (followup22)"):

    .venv/bin/python -m bench.followup22_compare ask OUT.json [NAME:field=value,...] [--changed] [--part 0/2]
    .venv/bin/python -m bench.followup22_compare diff BEFORE.json AFTER.json

`ask` records, per tuning follow-up (assistant.question_sets.tuning_batches: no held-out split is read), how it was
searched for (folded with the question before by conversation.is_follow_up, reading as a continuation by
topic_change.reads_as_continuation, or on its own words), whether it was refused and by what (the refusal's first
words), whether the answer holds every fact, and the rank of the first passage holding them in the top 10 the answer
read. `--changed` asks only the follow-ups followup22 can change (a continuation the defaults do not fold). `diff`
counts the paired gains and losses. The stress test is `bench.inscope20_compare stress OUT.json - NAME:followup22=true
--only-guarded`: the out-of-scope questions the reading passes are the only ones the switch searches differently.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.config import DEFAULT_CONFIG
from assistant.conversation import is_follow_up
from assistant.engine import Assistant
from assistant.evaluate import contains_facts
from assistant.question_sets import tuning_batches
from assistant.settings import Settings
from assistant.topic_change import reads_as_continuation


def searched(question: str) -> str:
    if is_follow_up(question):
        return "folded"
    return "continuation" if reads_as_continuation(question) else "own words"


def record(assistant: Assistant, question) -> dict:
    history = list(question.history)
    answer = assistant.ask(question.question, history)
    texts = [h.passage.search_text for h in assistant.retrieve(question.question, history, k=10)]
    rank = next((i for i, text in enumerate(texts, start=1) if contains_facts(text, question.facts)), None)
    return {"searched": searched(question.question), "abstained": answer.abstained,
            "has": not answer.abstained and contains_facts(answer.answer, question.facts), "rank": rank,
            "head": answer.answer[:90] if answer.abstained else "", "chars": len(answer.answer)}


def outcome(row: dict) -> str:
    if row["abstained"]:
        return "refused"
    if row["has"]:
        return "holds every fact"
    return "fact read, not answered" if row["rank"] and row["rank"] <= 5 else "fact not in the top 5"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("ask", "diff"))
    parser.add_argument("out", type=Path)
    parser.add_argument("arm", nargs="?", default="defaults")
    parser.add_argument("--changed", action="store_true", help="ask: only the follow-ups followup22 can change")
    parser.add_argument("--part", default="0/1", help="i/n: every n-th question from the i-th")
    args = parser.parse_args()
    if args.mode == "diff":
        before, after = json.loads(args.out.read_text()), json.loads(Path(args.arm).read_text())
        pairs = [(outcome(before[k]), outcome(after[k])) for k in before if k in after]
        for change in sorted({p for p in pairs if p[0] != p[1]}):
            print(f"{change[0]} -> {change[1]}: {pairs.count(change)}")
        print(f"paired: {len(pairs)}, unchanged outcome: {sum(1 for a, b in pairs if a == b)}")
        return
    part, parts = (int(x) for x in args.part.split("/"))
    config = DEFAULT_CONFIG.with_values([c for c in args.arm.partition(":")[2].split(",") if c])
    assistant = Assistant(Settings.from_env()).with_config(config)
    questions = [(f"{name}/{q.id}", q) for name, qs in tuning_batches() for q in qs
                 if q.kind == "follow-up" and q.history and (not args.changed or searched(q.question) == "continuation")]
    out = {key: record(assistant, q) for n, (key, q) in enumerate(questions) if n % parts == part}
    args.out.write_text(json.dumps(out))


if __name__ == "__main__":
    main()
