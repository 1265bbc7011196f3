"""Score assistant/shorter_clauses.py's shapes offline on a dump of default one-fact answers (bench/lists20_dump.py
--one-fact), one shape at a time and leave-one-set-out, paired against the dumped answers: facts and fact-first
sentences lost, one-fact median (docs/history/round-22.md, "Shorter one-fact answers, round 22 (short22)").

    LTP_DATA_DIR=var PYTHONPATH=. python -m bench.lists20_dump --one-fact --out /tmp/base_0.jsonl --shard 0/2  # and 1/2
    PYTHONPATH=. python -m bench.short22_replay '/tmp/base_*.jsonl' [--changed /tmp/changed.txt]

The dump holds the tune split and the blind tuning probes only (lists20_dump drops holdout and unseen). A statement is
the text before each run of citation markers; bulleted answers (summaries) are left as they are, as the pipeline does.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import statistics
from collections.abc import Callable

from assistant.answer_style import LIST_KINDS, first_sentence
from assistant.evaluate import contains_facts
from assistant.list_answers import WANTS_LIST
from assistant.shorter_clauses import SHAPES, shortened

STATEMENT = re.compile(r"(.*?)\s((?:\[\d{1,2}\])+)(?:\s+|$)", re.S)
Shorten = Callable[[str, list[str]], list[str]]


def statements(answer: str) -> list[tuple[str, str]] | None:
    """(text, markers) per statement, or None when the answer is not statements with markers (bullets, a refusal)."""
    out, position = [], 0
    for found in STATEMENT.finditer(answer):
        if found.start() != position:
            return None
        out.append((found.group(1), found.group(2)))
        position = found.end()
    return out if out and position == len(answer) and "\n" not in answer else None


def with_shapes(shapes: tuple[str, ...]) -> Shorten:
    return lambda question, texts: [shortened(question, t, shapes, later=n > 0) for n, t in enumerate(texts)]


def replayed(row: dict, shorten: Shorten) -> str:
    found = None if row["abstained"] or WANTS_LIST.search(row.get("query") or row["question"]) else \
        statements(row["answer"])
    if found is None:
        return row["answer"]
    texts = [t for t, _ in found]
    new = shorten(row["question"], texts)
    return row["answer"] if new == texts else " ".join(f"{t} {m}" for t, (_, m) in zip(new, found, strict=True))


def paired(rows: list[dict], shorten: Shorten) -> dict[str, dict]:
    """Per set: answered one-fact lengths before and after, answers changed, facts and fact-first sentences lost."""
    out: dict[str, dict] = {}
    for row in rows:
        line = out.setdefault(str(row["batch"] or "tune"), {"before": [], "after": [], "changed": [], "lost": [],
                                                             "first_lost": []})
        if row["abstained"]:
            continue
        after = replayed(row, shorten)
        line["before"].append(len(row["answer"]))
        line["after"].append(len(after))
        if after != row["answer"]:
            facts = tuple(row["facts"])
            had, has = contains_facts(row["answer"], facts), contains_facts(after, facts)
            line["changed"].append(row["id"])
            if had and not has:
                line["lost"].append(row["id"])
            if had and _first(row["answer"], facts) and not (has and _first(after, facts)):
                line["first_lost"].append(row["id"])
    return out


def _first(answer: str, facts: tuple[str, ...]) -> bool:
    return any(contains_facts(first_sentence(answer), (f,)) for f in facts)


def summed(lines: list[dict]) -> dict:
    total: dict[str, list] = {k: [] for k in ("before", "after", "changed", "lost", "first_lost")}
    for line in lines:
        for key in total:
            total[key] += line[key]
    return {"answered": len(total["before"]), "changed": len(total["changed"]), "facts_lost": len(total["lost"]),
            "first_lost": len(total["first_lost"]), "chars_cut": sum(total["before"]) - sum(total["after"]),
            "median": [statistics.median(total["before"] or [0]), statistics.median(total["after"] or [0])]}


def cross_validated(rows: list[dict]) -> dict:
    """Each set held out: keep the shapes that cut at least once and lost nothing on the other sets, then score the
    held-out set with them."""
    alone = {name: paired(rows, with_shapes((name,))) for name in SHAPES}
    sets = sorted({s for lines in alone.values() for s in lines})
    held, folds = [], {}
    for out in sets:
        kept = tuple(name for name, lines in alone.items()
                     if sum(len(v["changed"]) for s, v in lines.items() if s != out)
                     and not sum(len(v["lost"]) + len(v["first_lost"]) for s, v in lines.items() if s != out))
        folds[", ".join(kept)] = folds.get(", ".join(kept), 0) + 1
        held.append(paired([r for r in rows if str(r["batch"] or "tune") == out], with_shapes(kept))[out])
    return {"alone": {n: summed(list(lines.values())) for n, lines in alone.items()}, "folds": folds,
            "held_out": summed(held)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dump", help="a glob of lists20_dump --one-fact files")
    parser.add_argument("--changed", help="write the ids the default shapes change here (to re-ask them)")
    args = parser.parse_args()
    rows = [json.loads(line) for path in sorted(glob.glob(args.dump)) for line in open(path)
            if line.strip()]
    rows = [r for r in rows if r["kind"] not in LIST_KINDS]
    print(json.dumps(cross_validated(rows), indent=1))
    lines = paired(rows, lambda q, texts: [shortened(q, t, later=n > 0) for n, t in enumerate(texts)])
    print("default shapes, in-sample", json.dumps(summed(list(lines.values()))))
    if args.changed:
        with open(args.changed, "w") as out:
            out.write("\n".join(i for line in lines.values() for i in line["changed"]) + "\n")


if __name__ == "__main__":
    main()
