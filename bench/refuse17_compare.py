"""Round 17's refusals (PipelineConfig.refuse17) against main's defaults over the tuning questions, per batch, from
the retrieval kept by bench/refusal_cache.py: out-of-scope questions newly refused, answerable ones newly refused, and
already-refused personal clinical questions now signposted.

    .venv/bin/python -m bench.refusal_cache /tmp/cache.pkl      # one retrieval per question (~15 min)
    .venv/bin/python -m bench.refuse17_compare /tmp/cache.pkl   # seconds

A decision is made as `Assistant.ask` makes it: signposting first, then an outline answer, the scope rules and the
similarity floor (bench.abstention.refusal_rule), then the learned signal's verdict kept in the cache.
"""

from __future__ import annotations

import argparse
import pickle
from collections import Counter
from dataclasses import replace
from pathlib import Path

from assistant import safety_own_care
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.engine import Assistant
from assistant.outline_answers import outline_answer
from assistant.settings import Settings
from bench.abstention import Retrieved, refusal_rule


def decision(item: Retrieved, learned: bool, assistant: Assistant, config: PipelineConfig) -> str | None:
    """"safety", a refusal's reason, "learned", or None for an answer."""
    if safety_own_care.signposting_answer(item.text, config) is not None:
        return "safety"
    snapshot = assistant.snapshot()
    if outline_answer(item.text, snapshot.sections, snapshot.passages, snapshot.documents, None):
        return None
    return refusal_rule(item, assistant, config) or ("learned" if learned else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", type=Path)
    args = parser.parse_args()
    assistant = Assistant(Settings.from_env())
    on = replace(DEFAULT_CONFIG, refuse17=True)
    rows = pickle.loads(args.cache.read_bytes())
    per_batch: dict[str, Counter] = {}
    for name, item, learned in rows:
        q = item.question
        before, after = decision(item, learned, assistant, DEFAULT_CONFIG), decision(item, learned, assistant, on)
        batch = per_batch.setdefault(f"p{q.batch}" if q.batch else name.removesuffix(".jsonl"), Counter())
        batch["answerable" if q.answerable else "out"] += 1
        if not q.answerable:
            batch["refused before"] += bool(before)
            batch["refused after"] += bool(after)
        if bool(after) != bool(before):
            change = "gain" if not q.answerable and after else "LOST" if q.answerable and after else "other"
            batch[change] += 1
            print(f"{change}: {q.id} [{q.kind}] {q.question!r} -> {(after or '')[:60]}")
        elif before and before != "safety" and after == "safety":
            batch["now signposted"] += 1
    print("\n| batch | out of scope | refused before -> after | answerable | newly refused | clinical now signposted |")
    print("|---|---|---|---|---|---|")
    total: Counter = Counter()
    for batch, c in per_batch.items():
        total.update(c)
        print(f"| {batch} | {c['out']} | {c['refused before']} -> {c['refused after']} | {c['answerable']} | {c['LOST']} | "
              f"{c['now signposted']} |")
    print(f"| **all** | {total['out']} | {total['refused before']} -> {total['refused after']} | {total['answerable']} | "
          f"{total['LOST']} | {total['now signposted']} |")


if __name__ == "__main__":
    main()
