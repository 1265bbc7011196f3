"""Which refusal rule refuses each tuning question (docs/history/round-26-inscope26.md): asks tuning questions with
one arm of PipelineConfig and writes, one JSON line each, whether it was refused, the refusal's reason (the rule
speaks through it), and whether an answer holds the facts. Tuning sets only (`tuning_batches`): no held-out split.

    python -m bench.inscope26_census OUT.jsonl --sets b120,b121,dev [--arm field=value,...] [--only IDS.txt]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.config import DEFAULT_CONFIG
from assistant.engine import Assistant
from assistant.evaluate import contains_facts
from assistant.question_sets import tuning_batches
from assistant.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--sets", default="", help="comma-separated set names of tuning_batches (dev, dev-4, bNN)")
    parser.add_argument("--arm", default="")
    parser.add_argument("--only", type=Path, help="a file of question ids to ask, one a line")
    parser.add_argument("--data-dir", default="var")
    args = parser.parse_args(argv)
    wanted = set(args.sets.split(",")) if args.sets else None
    only = set(args.only.read_text().split()) if args.only else None
    config = DEFAULT_CONFIG.with_values([c for c in args.arm.split(",") if c])
    assistant = Assistant(Settings.from_env().with_data_dir(args.data_dir), config)
    with args.out.open("a") as out:
        for name, questions in tuning_batches():
            if wanted is not None and name not in wanted:
                continue
            for q in questions:
                if only is not None and q.id not in only:
                    continue
                answer = assistant.ask(q.question, list(q.history))
                has = not answer.abstained and contains_facts(answer.answer, q.facts)
                out.write(json.dumps({"set": name, "id": q.id, "answerable": q.answerable, "kind": q.kind,
                                      "abstained": answer.abstained, "has": has,
                                      "reason": answer.answer[:400] if answer.abstained else ""}) + "\n")
                out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
