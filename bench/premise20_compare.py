"""Round 20's premise and exact-count checks (PipelineConfig.premise20) against main's defaults over the tuning
questions they could read (bench/premise20_cache.py), per batch: out-of-scope questions newly refused, answerable
ones newly refused, and the out-of-scope questions of each kind still answered.

    .venv/bin/python -m bench.premise20_cache /tmp/p20_0.pkl --shard 0/2   # and 1/2: one retrieval per question
    .venv/bin/python -m bench.premise20_compare /tmp/p20_0.pkl /tmp/p20_1.pkl

A decision is made as `Assistant.ask` makes it (bench.refuse17_compare.decision). Every tuning question either check
could fire on is in the cache, so the counts of newly refused questions are those of all tuning questions.
"""

from __future__ import annotations

import argparse
import pickle
from collections import Counter
from dataclasses import replace
from pathlib import Path

from assistant.config import DEFAULT_CONFIG
from assistant.engine import Assistant
from assistant.settings import Settings
from bench.refuse17_compare import decision


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("caches", type=Path, nargs="+")
    args = parser.parse_args()
    assistant = Assistant(Settings.from_env())
    on = replace(DEFAULT_CONFIG, premise20=True)
    rows = [row for cache in args.caches for row in pickle.loads(cache.read_bytes())]
    per_batch: dict[str, Counter] = {}
    still: Counter = Counter()
    for name, item, learned in rows:
        q = item.question
        before, after = decision(item, learned, assistant, DEFAULT_CONFIG), decision(item, learned, assistant, on)
        batch = per_batch.setdefault(f"p{q.batch}" if q.batch else name.removesuffix(".jsonl"), Counter())
        if bool(after) != bool(before):
            change = "gain" if not q.answerable and after else "LOST" if q.answerable and after else "other"
            batch[change] += 1
            print(f"{change}: {q.id} [{q.kind}] {q.question!r} -> {(after or '')[:90]}")
        if not q.answerable and not after:
            still[q.kind] += 1
    print("\n| batch | out of scope newly refused | answerable newly refused |\n|---|---|---|")
    total: Counter = Counter()
    for batch, c in sorted(per_batch.items()):
        total.update(c)
        if c["gain"] or c["LOST"]:
            print(f"| {batch} | {c['gain']} | {c['LOST']} |")
    print(f"| **all** | {total['gain']} | {total['LOST']} |")
    print("\nOut of scope still answered, by kind:", dict(still.most_common()))


if __name__ == "__main__":
    main()
