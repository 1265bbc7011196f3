"""Score lead25 (assistant/restated_statements.py) offline on bench/short24_dump.py dumps of one-fact tuning answers:
paired per question against the dumped defaults (answers holding every fact gained / lost, fact first gained / lost,
one-fact median and p90), each share in sample and leave-one-set-out (docs/history/round-25-lead25.md).

    PYTHONPATH=. python -m bench.lead25_replay '/tmp/s_*.jsonl' ['/tmp/t_*.jsonl' ...] [--changed /tmp/changed.jsonl]

The dumps hold tune and the blind tuning probes only. A statement is the text before each run of citation markers
(bench/short22_replay.py); the switch's gate is the pipeline's (not a list or two-part answer as the answer stage
reads it), and the citations left are numbered again in order of first use, as the pipeline numbers them.
"""

from __future__ import annotations

import argparse
import json

from assistant.list_answers import WANTS_LIST
from assistant.restated_statements import kept_positions
from bench.short22_replay import statements
from bench.short24_replay import cross_validated, loaded, scored, summary, with_statements

SHARES = {f"words {share} pairs {pairs}": (share, pairs) for share in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
          for pairs in (0.3, 0.4, 0.5, 0.6, 0.7, 1.0)}
"""The shares of a statement's words and of its pairs of adjacent words the others may lack, by name; a fold may also
keep the switch off."""


def replayed(row: dict, setting: tuple[float, float]) -> str:
    """The row's answer with lead25 on at `setting` (the shares of words and of word pairs; the dumped answer when
    it is not statements or the answer stage read a list or two-part question)."""
    found = None if row["abstained"] else statements(row["answer"])
    if not found or row.get("parts", 0) > 1 or WANTS_LIST.search(row.get("query") or row["question"]):
        return row["answer"]
    positions = kept_positions([text for text, _ in found], *setting)
    if positions == list(range(len(found))):
        return row["answer"]
    return with_statements(found, positions)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dump", nargs="+", help="globs of short24_dump files")
    parser.add_argument("--changed", help="write here the ids the chosen share changes, with the replayed answer")
    parser.add_argument("--share", type=float, nargs=2, default=(0.4, 0.5), help="the shares --changed replays")
    args = parser.parse_args()
    rows = loaded(args.dump)
    for name, share in SHARES.items():
        print(name, "in sample", json.dumps(summary(scored(rows, share, replayed))))
    print("leave-one-set-out, no loss allowed", json.dumps(cross_validated(rows, 0.0, SHARES, replayed)))
    print("leave-one-set-out, 3 in 1,200 allowed", json.dumps(cross_validated(rows, settings=SHARES, replay=replayed)))
    if args.changed:
        with open(args.changed, "w") as out:
            for row in rows:
                after = replayed(row, tuple(args.share))
                if after != row["answer"]:
                    out.write(json.dumps({"id": row["id"], "question": row["question"], "history": row["history"],
                                          "answer": after}) + "\n")


if __name__ == "__main__":
    main()
