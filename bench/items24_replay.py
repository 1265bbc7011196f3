"""Replay items24 offline on `bench/list23_dump.py`'s pickles (main's defaults, list, two-part and follow-up tuning
questions): `uncited_items.with_top_items` (which questions, top passages, cross-encoder floor, longest, words shared
with the question) and `uncited_parts.with_part_facts` on the finished answers, under a
grid; paired against the recorded answers and chosen by leave-one-batch-out cross-validation with the objective
fixed beforehand (net gains less 0.1 per changed answer, as list23). The programme finder's answers are left alone.

    LTP_DATA_DIR=var PYTHONPATH=. python -m bench.items24_replay '/tmp/i24/base_*.pkl' [--changed FILE]
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
from collections import defaultdict
from pathlib import Path

from assistant.carried_on import asks_for_several
from assistant.uncited_items import asks_for_list, with_top_items
from assistant.uncited_parts import with_part_facts
from bench.list23_replay import holds, print_leave_one_batch_out, report, rows

PENALTY = 0.1
LIST_GRID = [("none", 1, 0.3, 400, 1)] + list(itertools.product(
    ("list", "several"), (1, 2, 3, 4, 5), (0.0, 0.3, 0.9, 0.99, 0.993, 0.995, 0.996, 0.997), (400,), (1, 2)))
PART_GRID = [(0, 0.3, 300, 1)] + list(itertools.product((3, 5), (0.0, 0.3, 0.9, 0.99), (300,), (1, 2)))


def reaches(which: str, call: dict) -> bool:
    asked = call["asked"] or call["query"]
    return asks_for_list(asked) if which == "list" else \
        asks_for_several(asked, len(call["parts"]), False) if which == "several" else False


def listed(row: dict, setting: tuple, documents):
    """The Answer items24's list rule gives under `setting` (which, top, floor, longest, shared)."""
    which, top, floor, longest, shared = setting
    call, answer = row["call"], row["final"]
    if call is None or answer.abstained or call["route"] != "passages" or not reaches(which, call):
        return answer
    return with_top_items(answer, call["asked"] or call["query"], call["hits"], documents, top, floor, longest,
                          shared)


def parted(row: dict, answer, setting: tuple, documents):
    """`answer` with the two-part rule under `setting` (top, floor, longest, shared; top 0: off)."""
    top, floor, longest, shared = setting
    call = row["call"]
    if not top or call is None or answer.abstained or call["route"] != "passages":
        return answer
    return with_part_facts(answer, call["parts"], call["hits"], documents, top, floor, longest, shared)


def main() -> None:
    from assistant.engine import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("pattern")
    parser.add_argument("--changed", type=Path, help="write the ids the chosen setting changes")
    parser.add_argument("--all", action="store_true", help="print every setting of one rule alone")
    parser.add_argument("--show", type=int, default=0, help="print this many changed answers of the chosen setting")
    args = parser.parse_args()
    documents = Assistant(Settings.from_env()).snapshot().documents
    data = [r for r in rows(args.pattern) if r.get("answerable", True)]
    by_id = {r["id"]: r for r in data}
    several = [("several", *s[1:]) for s in LIST_GRID if s[0] == "list"]
    grown = {s: {r["id"]: a for r in data if (a := listed(r, s, documents)) is not r["final"]} for s in several}
    listed_by = {s: {} if s[0] == "none" else {i: a for i, a in grown["several", *s[1:]].items()
                                                if s[0] == "several" or reaches("list", by_id[i]["call"])}
                 for s in LIST_GRID}
    parted_base = {ps: {r["id"]: t for r in data if (t := parted(r, r["final"], ps, documents).answer)
                        != r["final"].answer} for ps in PART_GRID}
    cache: dict[tuple, str] = {}
    per: dict[tuple, dict[str, list[int]]] = {}
    texts: dict[tuple, dict[str, str]] = {}
    for ls, ps in itertools.product(LIST_GRID, PART_GRID):
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        texts[ls, ps] = {}
        for i in set(listed_by[ls]) | set(parted_base[ps]):
            row = by_id[i]
            if i in listed_by[ls]:
                answer = listed_by[ls][i]
                key = (i, answer.answer, ps)
                if key not in cache:
                    cache[key] = parted(row, answer, ps, documents).answer
                after = cache[key]
            else:
                after = parted_base[ps][i]
            before = row["final"].answer
            texts[ls, ps][i] = after
            if after == before:
                continue
            was, now = holds(before, row["facts"]), holds(after, row["facts"])
            counts[str(row["batch"])][0] += now and not was
            counts[str(row["batch"])][1] += was and not now
            counts[str(row["batch"])][2] += 1
        per[ls, ps] = counts
    grid = list(per)
    batches = sorted({str(r["batch"]) for r in data})

    def score(setting: tuple, keep: set[str]) -> float:
        return sum(g - lost - PENALTY * c for b, (g, lost, c) in per[setting].items() if b in keep)

    def totals(setting: tuple) -> str:
        g, lost, c = (sum(v[i] for v in per[setting].values()) for i in range(3))
        return f"+{g} -{lost} changed {c}"

    for setting in sorted(grid, key=lambda s: -score(s, set(batches)))[:30]:
        print(setting, totals(setting))
    if args.all:
        for setting in sorted((s for s in grid if s[1][0] == 0 or s[0][0] == "none"), key=lambda s: -score(s, set(batches))):
            print("alone:", setting, totals(setting))
    for name, keep in (("list rule alone", lambda s: s[1][0] == 0), ("two-part rule alone", lambda s: s[0][0] == "none")):
        best = max((s for s in grid if keep(s)), key=lambda s: score(s, set(batches)))
        print(f"best in-sample, {name}:", best, totals(best))
    print_leave_one_batch_out(grid, per, batches, score)
    best = max(grid, key=lambda s: score(s, set(batches)))
    print("chosen on all batches:", best, totals(best))
    texts[best] = {r["id"]: texts[best].get(r["id"], r["final"].answer) for r in data}
    report(data, texts[best])
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in data:
        before, after = row["final"].answer, texts[best][row["id"]]
        if before != after:
            kinds[row["kind"]][0] += holds(after, row["facts"]) and not holds(before, row["facts"])
            kinds[row["kind"]][1] += holds(before, row["facts"]) and not holds(after, row["facts"])
            kinds[row["kind"]][2] += 1
    print("by kind (gained, lost, changed):", dict(kinds))
    added = [len(texts[best][r["id"]]) - len(r["final"].answer) for r in data
             if texts[best][r["id"]] != r["final"].answer]
    if added:
        print("characters added: median", statistics.median(added), "max", max(added))
    shown = 0
    for row in data:
        if shown < args.show and texts[best][row["id"]] != row["final"].answer:
            shown += 1
            flag = "+" if holds(texts[best][row["id"]], row["facts"]) and not holds(row["final"].answer,
                                                                                  row["facts"]) else " "
            print(f"\n{flag} {row['id']} [{row['kind']}] {row['question']}\n  facts: {row['facts']}\n  "
                  f"before: {row['final'].answer}\n  after: {texts[best][row['id']]}")
    if args.changed:
        ids = [r["id"] for r in data if texts[best][r["id"]] != r["final"].answer]
        args.changed.write_text("\n".join(ids) + "\n")
        args.changed.with_suffix(".json").write_text(json.dumps({i: texts[best][i] for i in ids}))


if __name__ == "__main__":
    main()
