"""followup23's settings chosen leave-one-batch-out over bench.followup23_replay's output (docs/history/round-23.md,
"Follow-up sentence choice, round 23 (followup23)"):

    .venv/bin/python -m bench.followup23_cv OUT.json [OUT.json ...] [--classes]

Per arm, paired against the base: answers newly holding every fact (gains), no longer holding them (losses), and
answers changed. Each held-out set (dev, dev-4, each probe batch) gets the arm maximising gains - losses - 0.1 x
changed on the other sets (ties to the fewest changes); the held-out figures are summed. `--classes` lists the
folded follow-ups whose fact sat in a top-5 sentence but not in the base's answer, with the follow-up's asked kind.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from assistant.asked_for import asked_kinds

OTHERS = re.compile(r"\b(?:others?|rest|remaining|second|third|next|else|too|also)\b", re.I)


def paired(rows: dict, arm: str) -> tuple[int, int, int, int, int]:
    """(gains, losses, changed, fact first gained, fact first lost) of `arm` against the base over `rows`."""
    gains = losses = changed = first_gained = first_lost = 0
    for row in rows.values():
        other = row.get("arms", {}).get(arm)
        if other is None:
            continue
        base = row["base"]
        changed += other["answer"] != base["answer"]
        gains += other["has"] and not base["has"]
        losses += base["has"] and not other["has"]
        first_gained += other["first"] and not base["first"]
        first_lost += base["first"] and not other["first"]
    return gains, losses, changed, first_gained, first_lost


def objective(figures: tuple[int, ...]) -> float:
    return figures[0] - figures[1] - 0.1 * figures[2]


def batch(key: str) -> str:
    return key.split("/")[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--classes", action="store_true")
    args = parser.parse_args()
    rows: dict = {}
    for path in args.files:  # runs over the same base with other arms: their arms are merged
        for key, row in json.loads(path.read_text()).items():
            if key in rows and row["base"]["answer"] != rows[key]["base"]["answer"]:  # batch-order float drift
                print(f"{path}: {key}'s base answer differs from an earlier file's: its arms are left out")
                continue
            rows.setdefault(key, row).setdefault("arms", {}).update(row.get("arms", {}))
    arms = sorted({a for row in rows.values() for a in row.get("arms", {})})
    print(f"{len(rows)} questions with a history, {sum(r['folded'] for r in rows.values())} read as folded")
    for arm in arms:
        print(f"{arm:>18} in sample: gains {{}} losses {{}} changed {{}} first +{{}} -{{}}".format(*paired(rows, arm)))
    sets = sorted({batch(k) for k in rows})
    held = [0, 0, 0, 0, 0]
    chosen: Counter = Counter()
    for name in sets:
        fit = {k: r for k, r in rows.items() if batch(k) != name}
        test = {k: r for k, r in rows.items() if batch(k) == name}
        best = max(arms, key=lambda a: (objective(paired(fit, a)), -paired(fit, a)[2]))
        chosen[best] += 1
        held = [h + f for h, f in zip(held, paired(test, best), strict=True)]
    print(f"leave-one-set-out over {len(sets)} sets: chosen {dict(chosen)}")
    print("held out: gains {} losses {} changed {} first +{} -{}".format(*held))
    if args.classes:
        kinds: Counter = Counter()
        for key, row in rows.items():
            if row["folded"] and row["answerable"] and not row["base"]["abstained"] and not row["base"]["has"] \
                    and row.get("fact_sentences"):
                asked = sorted(asked_kinds(row["question"])) or (["others"] if OTHERS.search(row["question"]) else [])
                kinds[" ".join(asked) or "-"] += 1
                print(f"\n{key} [{' '.join(asked)}] {row['question']}  facts={row['facts']}\n  EARLIER: {row['earlier']}"
                      f"\n  ANSWER: {row['base']['answer'][:300]}\n  FACT: {row['fact_sentences'][0]}")
        print(kinds)


if __name__ == "__main__":
    main()
