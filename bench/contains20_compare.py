"""Replay contains20 (assistant/runner_up.py) offline over a contains19_dump run of the defaults: per setting, the
answers that gain or lose every expected fact, the answers changed and the one-fact median length, with
leave-one-batch-out cross-validation of the settings (docs/history/round-20.md, "One-fact answers that hold their
facts, round 20 (contains20)").

    PYTHONPATH=. python -m bench.contains20_compare /tmp/base_*.jsonl [--changed-ids OUT]

Each answer is rebuilt from its statements and their citation marks, `with_runner_up` applied to them with the
dump's candidate sentences and cross-encoder-weighted scores: the same function the pipeline calls on the same inputs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import statistics
from collections import Counter
from pathlib import Path

from assistant.answer_style import LIST_KINDS
from assistant.evaluate import contains_facts
from assistant.runner_up import with_runner_up

STATEMENT = re.compile(r"(.+?)((?:\s*\[\d+\])+)(?=\s|$)", re.S)
GAPS = (0.3, 0.5, 1.0, 2.0)
MARGINS = (0.2, 0.5, float("inf"))
"""inf: no statement is ever replaced (no answer can lose a fact)."""
MAX_CHARS = (330, 340, 350)
"""At most 350: an answer joined no longer than the one-fact median (331 on the last pool) plus the 20 characters the
pool allows cannot lift that median by more (longer caps were measured too: docs/history/round-20.md)."""
MEDIAN_ROOM = 20
"""Characters the one-fact median may grow on the fitting batches (the pool's allowance)."""


def statements(row: dict) -> list[tuple[str, list[int]]] | None:
    """The answer's statements with the read-passage ranks they cite; None when a mark names no read passage."""
    passages, cited = row["passages"], row["cited"]
    shown = []
    for match in STATEMENT.finditer(row["answer"]):
        numbers = [int(n) for n in re.findall(r"\d+", match[2])]
        if any(n > len(cited) or cited[n - 1] not in passages for n in numbers):
            return None
        shown.append((match[1].strip(), [passages.index(cited[n - 1]) for n in numbers]))
    return shown


def rebuilt(shown: list[tuple[str, list[int]]], passages: list[str], cited: list[str]) -> str:
    """The answer text with marks numbered as the pipeline numbers them (first cited first)."""
    order: list[int] = [passages.index(c) for c in cited]
    out = []
    for text, ranks in shown:
        for rank in ranks:
            if rank not in order:
                order.append(rank)
        out.append(text + " " + "".join(f"[{order.index(rank) + 1}]" for rank in ranks))
    return " ".join(out)


def replayed(rows: list[dict], stage, eligible=lambda row: True) -> list[tuple]:
    """Per answered row: (batch, gained, lost, changed, length before, length after, one-fact kind, id), with
    `stage(row, statements)` applied to the recorded statements of each extractive answer `eligible` accepts (the
    statements as they were when the answer stages ran; the answer rebuilt with its citation markers)."""
    out = []
    for row in rows:
        before = after = row["answer"]
        shown = statements(row) if row.get("candidates") and row["answer"] == row.get("extractive_answer") \
            and eligible(row) else None
        if shown:
            new = stage(row, shown)
            if new != shown:
                after = rebuilt(new, row["passages"], row["cited"])
        facts = tuple(row["facts"])
        held, holds = contains_facts(before, facts), contains_facts(after, facts)
        out.append((row["batch"], holds and not held, held and not holds, after != before, len(before), len(after),
                    row["kind"] not in LIST_KINDS, row["id"]))
    return out


def outcomes(rows: list[dict], setting: tuple) -> list[tuple]:
    """Per answered row: (batch, gained, lost, changed, length before, length after, one-fact kind, id)."""
    gap, margin, max_chars = setting
    return replayed(rows, lambda row, shown: with_runner_up(shown, [tuple(c) for c in row["candidates"]], row["ranked"],
                                                            gap, margin, max_chars))


def summary(results: list[tuple], batches: set) -> tuple[int, int, int, float]:
    chosen = [r for r in results if r[0] in batches]
    one_fact = [r for r in chosen if r[6]]
    growth = statistics.median([r[5] for r in one_fact]) - statistics.median([r[4] for r in one_fact]) \
        if one_fact else 0.0
    return sum(r[1] for r in chosen), sum(r[2] for r in chosen), sum(r[3] for r in chosen), growth


def best_setting(table: dict, batches: set) -> tuple:
    """The setting with the most net gains less 0.1 per changed answer, gains at least twice the losses and the
    one-fact median grown at most MEDIAN_ROOM characters, on these batches."""
    def value(setting):
        gained, lost, changed, growth = summary(table[setting], batches)
        ok = gained >= 2 * lost and growth <= MEDIAN_ROOM
        return (ok, gained - lost - 0.1 * changed)
    return max(table, key=value)


WHERE = ("lead passage", "another cited passage", "uncited passage read", "spread over passages", "not read")


def where_missing(row: dict) -> str | None:
    """Where the facts the answer lacks are: in the passage it leads with, another cited one, a read passage it does
    not cite (the wrong passage led), only across passages, or in no passage read (retrieval); None when it holds
    them all."""
    facts = tuple(row["facts"])
    if contains_facts(row["answer"], facts):
        return None
    missing = tuple(f for f in facts if not contains_facts(row["answer"], (f,)))
    passages, cited = row.get("passages") or [], row["cited"]
    if cited and contains_facts(cited[0], missing):
        return WHERE[0]
    if any(contains_facts(text, missing) for text in cited[1:]):
        return WHERE[1]
    if any(contains_facts(text, missing) for text in passages):
        return WHERE[2]
    return WHERE[3] if contains_facts(" ".join([*cited, *passages]), missing) else WHERE[4]


def where_table(rows: list[dict], key: str) -> None:
    """Answers lacking a fact, by where the fact is, per batch or kind (refusals apart)."""
    table: dict = {}
    for row in rows:
        place = "refused" if row["abstained"] else where_missing(row)
        if place:
            table.setdefault(row[key], Counter())[place] += 1
    columns = [*WHERE, "refused"]
    print(f"{key} | " + " | ".join(columns))
    for group in sorted(table, key=lambda b: (-1 if b is None else b) if key == "batch" else b):
        print(f"{group} | " + " | ".join(str(table[group][c]) for c in columns))
    print("all | " + " | ".join(str(sum(t[c] for t in table.values())) for c in columns))


def cross_validated(table: dict, every: set, best=best_setting, summarise=summary) -> tuple[Counter, list, dict]:
    """Leave one batch out: each batch scored at the setting `best` picks on the others. Returns the picks, the
    pooled (gained, lost, changed) and each batch's."""
    picks: Counter = Counter()
    cv = [0, 0, 0]
    per_batch = {}
    for batch in sorted(every, key=lambda b: -1 if b is None else b):
        setting = best(table, every - {batch})
        picks[setting] += 1
        gained, lost, changed, _ = summarise(table[setting], {batch})
        cv = [cv[0] + gained, cv[1] + lost, cv[2] + changed]
        per_batch[batch] = (gained, lost, changed)
    print("leave-one-batch-out picks:", dict(picks))
    print(f"cross-validated: +{cv[0]} -{cv[1]}, {cv[2]} changed")
    return picks, cv, per_batch


def write_changed_ids(table: dict, path: Path | None) -> None:
    """The ids any setting changes, one a line (for re-asking them through the pipeline)."""
    if path:
        ids = {r[7] for results in table.values() for r in results if r[3]}
        path.write_text("".join(f"{i}\n" for i in sorted(ids, key=str)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dumps", nargs="+", type=Path)
    parser.add_argument("--changed-ids", type=Path, help="write the ids any setting changes, one a line")
    args = parser.parse_args()
    rows = [json.loads(line) for path in args.dumps for line in path.open()]
    for key in ("batch", "kind"):
        where_table([r for r in rows if r["facts"]], key)
    rows = [r for r in rows if r["facts"] and not r["abstained"]]
    table = {s: outcomes(rows, s) for s in itertools.product(GAPS, MARGINS, MAX_CHARS)}
    every = {r["batch"] for r in rows}
    print(f"{len(rows)} answered rows, {len(every)} batches")
    for setting, results in table.items():
        gained, lost, changed, growth = summary(results, every)
        print(f"gap {setting[0]:<4} margin {setting[1]:<4} max {setting[2]}: +{gained} -{lost}, {changed} changed, "
              f"one-fact median {growth:+.0f}")
    _, _, per_batch = cross_validated(table, every)
    print("per batch (gained, lost, changed):", per_batch)
    write_changed_ids(table, args.changed_ids)


if __name__ == "__main__":
    main()
