"""The full pipeline on each tuning batch with the query adapter fitted WITHOUT that batch (leave-sets-out), beside the
identity: `ltp eval`'s measures per batch and pooled (hit@1, hit@5, answer contains, out-of-scope refused, in-scope
refused). The fold adapters come from `bench/train_query_adapter.py cv --write-folds DIR` (DIR/without-SET.npz).

    PYTHONPATH=. OMP_NUM_THREADS=1 python -m bench.query_adapter_eval --arm identity --out /tmp/identity.json
    PYTHONPATH=. OMP_NUM_THREADS=1 python -m bench.query_adapter_eval --arm ranking --folds var/adapter-cv \
        --out /tmp/ranking.json
    python -m bench.query_adapter_eval --compare /tmp/identity.json /tmp/ranking.json

Tune is the dev set's tune split only (holdout is dropped before anything is read).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from assistant.evaluate import AssistantSystem, evaluate, load_questions
from assistant.settings import PROJECT_ROOT

BATCHES = ("tune", "p7", "p9", "p11", "p12", "p13", "p14", "p15", "p16", "p17", "p18", "p20", "p21")
MEASURES = ("hit@1", "hit@5", "answer_contains_fact", "abstention_recall", "in_scope_refused")


def batch_questions(name: str) -> list:
    """One tuning batch: the dev set's tune split, or blind probe N ("pN")."""
    if name == "tune":
        return [q for q in load_questions(PROJECT_ROOT / "bench" / "dev_questions.jsonl") if q.split == "tune"]
    return [q for q in load_questions(PROJECT_ROOT / "bench" / f"blind_probe_{name[1:]}.jsonl") if q.split == "probe"]


def run(arm: str, folds: Path | None, batches: list[str], out: Path) -> None:
    from assistant.config import DEFAULT_CONFIG
    from assistant.engine import Assistant
    from assistant.settings import Settings

    base = Assistant(Settings.from_env(), DEFAULT_CONFIG)
    results = json.loads(out.read_text()) if out.exists() else {}
    for name in batches:
        if name in results:
            continue  # resumable: a batch already scored is kept
        config = DEFAULT_CONFIG if arm == "identity" else replace(
            DEFAULT_CONFIG, query_adapter=arm, query_adapter_path=str(folds / f"without-{name}.npz") if folds else "")
        report = evaluate(AssistantSystem(base.with_config(config)), batch_questions(name))
        results[name] = {"metrics": {m: report.metrics()[m] for m in MEASURES},
                         "questions": {r.question.id: _row(r) for r in report.results}}
        out.write_text(json.dumps(results, indent=1))
        print(name, results[name]["metrics"], flush=True)


def _row(result) -> dict:
    return {"answerable": result.question.answerable, "rank": result.rank, "answer": result.answer_has_facts,
            "abstained": result.abstained}


def pooled(rows: list[dict]) -> dict:
    """`ltp eval`'s measures over rows from several batches."""
    answerable = [r for r in rows if r["answerable"]]
    refuse = [r for r in rows if not r["answerable"]]

    def rate(items, test):
        return round(sum(1 for r in items if test(r)) / len(items), 3) if items else None

    return {"hit@1": rate(answerable, lambda r: r["rank"] == 1),
            "hit@5": rate(answerable, lambda r: r["rank"] is not None and r["rank"] <= 5),
            "answer_contains_fact": rate(answerable, lambda r: r["answer"]),
            "abstention_recall": rate(refuse, lambda r: r["abstained"]),
            "in_scope_refused": rate(answerable, lambda r: r["abstained"]),
            "answerable": len(answerable), "to_refuse": len(refuse)}


def compare(paths: list[Path]) -> None:
    """A markdown table: each batch's measures per arm, then pooled over the batches every arm scored."""
    arms = [json.loads(p.read_text()) for p in paths]
    shared = [b for b in BATCHES if all(b in a for a in arms)]
    print("| batch | arm | " + " | ".join(MEASURES) + " |")
    print("|---|---|" + "---|" * len(MEASURES))
    for name in [*shared, "pooled"]:
        for path, arm in zip(paths, arms, strict=True):
            rows = [row for b in shared for row in arm[b]["questions"].values()] if name == "pooled" else \
                list(arm[name]["questions"].values())
            values = pooled(rows)
            print(f"| {name} | {path.stem} | " + " | ".join(str(values[m]) for m in MEASURES) + " |")
    if len(arms) == 2:
        changed = {m: 0 for m in ("answer gained", "answer lost", "newly refused", "no longer refused")}
        for b in shared:
            for qid, before in arms[0][b]["questions"].items():
                after = arms[1][b]["questions"][qid]
                changed["answer gained"] += before["answerable"] and not before["answer"] and after["answer"]
                changed["answer lost"] += before["answerable"] and before["answer"] and not after["answer"]
                changed["newly refused"] += not before["abstained"] and after["abstained"]
                changed["no longer refused"] += before["abstained"] and not after["abstained"]
        print(changed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--arm", choices=("identity", "ranking", "all"), default="identity")
    parser.add_argument("--folds", type=Path, help="the fold adapters' folder (none: the shipped adapter)")
    parser.add_argument("--sets", default=",".join(BATCHES))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--compare", type=Path, nargs="+")
    args = parser.parse_args()
    if args.compare:
        compare(args.compare)
        return
    if args.out is None:
        parser.error("--out is needed to run an arm")
    run(args.arm, args.folds, [s for s in args.sets.split(",") if s], args.out)


if __name__ == "__main__":
    main()
