"""Which tuning questions' facts are in no top-5 passage, and why (round 21): for each answerable question of tune
and every blind tuning batch, the rank `ltp eval` scores (hit@5) and, for a miss, the gold passages' rank after the
whole search at depth 60 (6-20: an order problem; deeper or absent: recall), or whether no single passage holds
every fact (split across passages, or a labelled fact no passage holds as written).

    .venv/bin/python -m bench.retrieve21_misses OUT.jsonl [--set NAME=VALUE ...] [--only b50,b51]

Holdout and unseen questions are never read (`question_sets.tuning_batches`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.config import DEFAULT_CONFIG
from assistant.conversation import clean_question, parse_history
from assistant.engine import Assistant
from assistant.evaluate import contains_facts, covers_facts
from assistant.question_sets import tuning_batches
from assistant.settings import Settings


def row(assistant: Assistant, name: str, q, deep: bool) -> dict:
    hits = assistant.retrieve(q.question, list(q.history), k=10)
    rank = next((n for n, h in enumerate(hits, 1) if contains_facts(h.passage.search_text, q.facts)), None)
    out: dict = {"set": name, "id": q.id, "kind": q.kind, "rank": rank}
    if rank is not None and rank <= 5 or not deep:
        return out
    snapshot = assistant.snapshot()
    gold = {p.id for p in snapshot.passages if contains_facts(p.search_text, q.facts)}
    out["gold"] = sorted(gold)
    if not gold:
        texts = [p.search_text for p in snapshot.passages]
        out["cause"] = "split" if covers_facts(texts, q.facts) else "no passage"
        return out
    query = assistant._query(clean_question(q.question), parse_history(list(q.history)))
    retriever = snapshot.retriever
    wide = retriever.search(query, k=60, rerank_depth=0)
    out["query"] = query
    out["first_stage"] = next((n for n, h in enumerate(wide, 1) if h.passage.id in gold), None)
    out["top5"] = [h.passage.id for h in hits[:5]]
    fs = out["first_stage"]
    out["cause"] = "order 6-20" if fs and fs <= 20 else "recall 21-60" if fs else "recall >60"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--only", default="", help="comma-separated set names (dev, dev-4, b7, ...)")
    parser.add_argument("--shallow", action="store_true", help="ranks only, no diagnosis of misses")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(1)
    assistant = Assistant(Settings.from_env(), DEFAULT_CONFIG.with_values(args.set))
    only = set(filter(None, args.only.split(",")))
    rows = []
    with args.out.open("w") as out:  # one line a question, written as it goes: a long run can be read part-way
        for name, questions in tuning_batches():
            if only and name not in only:
                continue
            for q in questions:
                if q.answerable and q.facts:
                    rows.append(row(assistant, name, q, not args.shallow))
                    out.write(json.dumps(rows[-1]) + "\n")
                    out.flush()
    hit5 = sum(1 for r in rows if r["rank"] and r["rank"] <= 5)
    print(f"{len(rows)} answerable, hit@5 {hit5} ({hit5 / max(len(rows), 1):.3f})")


if __name__ == "__main__":
    main()
