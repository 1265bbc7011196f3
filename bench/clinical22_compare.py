"""Replay clinical22 (assistant/figure_commitment.py) offline over contains19_dump runs of the defaults: where the
facts clinical-policy answers lack are (the lead passage, another cited one, a read one not cited, the 5th passage,
none of the 5 hits the answer stages receive), what they are (a figure, a date, a name, words), and per setting the answers that
gain or lose every expected fact, with leave-one-batch-out cross-validation (docs/history/round-22.md, "Clinical-policy
answers, round 22 (clinical22)").

    PYTHONPATH=. python -m bench.clinical22_compare /tmp/base_*.jsonl [--changed-ids OUT]

The dumps hold the clinical-policy questions of every tuning batch and every other answerable question of whole
pools (batches 62-73); the one-fact median is measured on those whole pools only. Each answer is rebuilt from its
statements (contains20_compare.statements) and `with_figure` applied: the function the pipeline calls.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import statistics
from collections import Counter
from pathlib import Path

from assistant.evaluate import contains_facts
from assistant.figure_commitment import with_figure
from bench.contains20_compare import MEDIAN_ROOM, cross_validated, replayed, write_changed_ids

GAPS = (0.5, 1.0, 1.5, 2.0, 3.0)
LONGEST = (300, 400)
MIN_CHARS = (0, 300, 350, 400)
MAX_CHARS = (600, 700, 800, 1000)
WHOLE_POOLS = 62
"""Batches from here on were dumped whole (every answerable kind): the one-fact median is read on them."""
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"


def fact_kind(fact: str) -> str:
    if re.search(rf"\b(19|20)\d\d\b|/\d\d\b|{MONTHS}", fact, re.I):
        return "date"
    if re.search(r"\d|%|£|\b(one|two|three|four|five|six|seven|eight|nine|ten|half|third|quarter)\b", fact, re.I):
        return "figure"
    return "name" if re.search(r"[A-Z]", fact[1:]) else "words"


def where(row: dict) -> str | None:
    """Where the facts the answer lacks are; None when it holds them all."""
    if row["abstained"]:
        return "refused"
    facts = tuple(row["facts"])
    if contains_facts(row["answer"], facts):
        return None
    missing = tuple(f for f in facts if not contains_facts(row["answer"], (f,)))
    cited, read, retrieved = row["cited"], row.get("passages") or [], row.get("retrieved") or []
    if cited and contains_facts(cited[0], missing):
        return "lead passage"
    if any(contains_facts(text, missing) for text in cited[1:]):
        return "another cited"
    if any(contains_facts(text, missing) for text in read):
        return "read, not cited"
    if any(contains_facts(text, missing) for text in retrieved[len(read):5]):
        return "5th passage"
    return "not in the 5 hits"


def group(batch: int | None) -> str:
    for low, high in ((7, 18), (20, 29), (30, 39), (40, 49), (50, 55), (56, 61), (62, 67), (68, 73)):
        if batch is not None and low <= batch <= high:
            return f"{low}-{high}"
    return "tune"


def where_tables(rows: list[dict]) -> None:
    places = ("held", "lead passage", "another cited", "read, not cited", "5th passage", "not in the 5 hits",
              "refused")
    table: dict = {}
    kinds: dict = {}
    for row in rows:
        place = where(row) or "held"
        table.setdefault(group(row["batch"]), Counter())[place] += 1
        if place not in ("held", "refused"):
            missing = [f for f in row["facts"] if not contains_facts(row["answer"], (f,))]
            statements = len(re.findall(r"\](?!\[)", row["answer"]))
            shape = "2+ statements" if statements > 1 else "1 statement"
            kinds.setdefault(place, Counter()).update([fact_kind(missing[0]), shape])
    print("batches | " + " | ".join(places))
    for name in sorted(table, key=lambda g: (g != "tune", int(g.split("-")[0]) if g != "tune" else 0)):
        print(f"{name} | " + " | ".join(str(table[name][p]) for p in places))
    print("all | " + " | ".join(str(sum(t[p] for t in table.values())) for p in places))
    for place, counts in kinds.items():
        print(place, dict(counts))


def outcomes(rows: list[dict], setting: tuple) -> list[tuple]:
    gap, longest, min_chars, max_chars = setting
    return replayed(rows, lambda row, shown: with_figure(row["question"], shown, [tuple(c) for c in row["candidates"]],
                                                         row["ranked"], gap, longest, min_chars, max_chars),
                    eligible=lambda row: row.get("parts", 0) < 2)


def summary(results: list[tuple], batches: set) -> tuple[int, int, int, float]:
    """Gains, losses, changes on these batches; the one-fact median's growth on the whole pools among them."""
    chosen = [r for r in results if r[0] in batches]
    one_fact = [r for r in chosen if r[6] and (r[0] or 0) >= WHOLE_POOLS]
    growth = statistics.median([r[5] for r in one_fact]) - statistics.median([r[4] for r in one_fact]) \
        if one_fact else 0.0
    return sum(r[1] for r in chosen), sum(r[2] for r in chosen), sum(r[3] for r in chosen), growth


def best_setting(table: dict, batches: set) -> tuple:
    def value(setting):
        gained, lost, changed, growth = summary(table[setting], batches)
        return (gained >= 2 * lost and growth <= MEDIAN_ROOM, gained - lost - 0.1 * changed)
    return max(table, key=value)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dumps", nargs="+", type=Path)
    parser.add_argument("--changed-ids", type=Path)
    args = parser.parse_args()
    rows = [json.loads(line) for path in args.dumps for line in path.open()]
    rows = [r for r in rows if r["facts"]]
    where_tables([r for r in rows if r["kind"] == "clinical-policy"])
    rows = [r for r in rows if not r["abstained"]]
    table = {s: outcomes(rows, s) for s in itertools.product(GAPS, LONGEST, MIN_CHARS, MAX_CHARS)}
    every = {r["batch"] for r in rows}
    print(f"{len(rows)} answered rows, {len(every)} batches")
    for setting, results in table.items():
        gained, lost, changed, growth = summary(results, every)
        print(f"{setting}: +{gained} -{lost}, {changed} changed, one-fact median (batches 62-73) {growth:+.0f}")
    picks, _, _ = cross_validated(table, every, best_setting, summary)
    pick = picks.most_common(1)[0][0]
    print("gains at", pick, [r[7] for r in table[pick] if r[1]], "losses", [r[7] for r in table[pick] if r[2]])
    write_changed_ids(table, args.changed_ids)


if __name__ == "__main__":
    main()
