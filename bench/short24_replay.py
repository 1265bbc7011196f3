"""Score short24 (assistant/unasked_added.py) offline on a bench/short24_dump.py dump of one-fact tuning answers:
paired per question against the dumped defaults (answers holding every fact gained / lost, fact first gained / lost,
one-fact median and p90), each setting in sample and leave-one-set-out (docs/history/round-24.md, "Shorter answers, fact
first, round 24 (short24)").

    PYTHONPATH=. python -m bench.short24_replay '/tmp/s_*.jsonl' ['/tmp/t_*.jsonl' ...] [--changed /tmp/changed.jsonl]

The dump holds tune and the blind tuning probes only. A statement is the text before each run of citation markers
(bench/short22_replay.py); the dump's `added` flags say, by position, which ones a completing stage added.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import statistics
from collections.abc import Callable
from typing import Any

from assistant.answer_style import LIST_KINDS
from assistant.evaluate import contains_facts
from assistant.list_answers import WANTS_LIST
from assistant.subquestions import split_question
from assistant.unasked_added import KINDS, kept, kept_kinds, names_asked
from bench.short22_replay import _first, statements

MARKER = re.compile(r"\[(\d{1,2})\]")
SETTINGS = {" ".join(name for name, on in (("amounts", a), ("dates", d), ("unasked", u), ("lead", lead),
                                           ("first", first)) if on) or "none": (kept_kinds(a, d, u), lead, first)
            for a in (True, False) for d in (True, False) for u in (True, False) for lead in (False, True)
            for first in (False, True)}
"""The asked kinds an added statement is kept for and whether a restated lead goes, by name; a fold may also keep
the switch off."""


def loaded(patterns: list[str]) -> list[dict]:
    """The dumped one-fact rows, one per question: a row recording what the answer stage read (`parts`, `query`,
    `asked`) over one that does not (a first dump's); of those, only questions without a history are kept, their
    parts split as the route splits a question that is not a follow-up."""
    rows: dict[str, dict] = {}
    for pattern in patterns:
        for path in sorted(glob.glob(pattern)):
            for line in open(path):
                row = json.loads(line) if line.strip() else None
                if row is None or row["kind"] in LIST_KINDS or ("parts" not in row and row["history"]):
                    continue
                if "parts" not in row:
                    row = {**row, "parts": len(split_question(row["question"]))}
                if row["id"] not in rows or "query" in row:
                    rows[row["id"]] = row
    return list(rows.values())


def replayed(row: dict, setting: tuple[frozenset[str], bool, bool]) -> str:
    """The row's answer with short24 on (the dumped answer when nothing was added, it is not statements, or the
    answer stage read a list or two-part question: the pipeline's own gate)."""
    found = None if row["abstained"] else statements(row["answer"])
    added = row.get("added")
    if not found or not added or len(added) != len(found) or row.get("parts", 0) > 1 or \
            WANTS_LIST.search(row.get("query") or row["question"]):
        return row["answer"]
    positions = kept(row.get("asked") or row["question"], [text for text, _ in found], added, *setting)
    if positions == list(range(len(found))):
        return row["answer"]
    return with_statements(found, positions)


def with_statements(found: list[tuple[str, str]], positions: list[int]) -> str:
    """The answer of `found`'s statements (text, markers) at `positions`, its citations numbered again in order of
    first use, as the pipeline numbers them."""
    numbers: dict[str, int] = {}
    for p in positions:
        for n in MARKER.findall(found[p][1]):
            numbers.setdefault(n, len(numbers) + 1)
    return " ".join(f"{found[p][0]} " + MARKER.sub(lambda m: f"[{numbers[m[1]]}]", found[p][1]) for p in positions)


def _p90(values: list[int]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else float(values[0] if values else 0)


def scored(rows: list[dict], setting: Any, replay: Callable[[dict, Any], str] | None = None) -> dict:
    """Paired against the dumped answers (setting None: the switch off); `replay` gives a row's answer with the
    setting on (short24's `replayed` unless another switch's replay is given)."""
    replay = replay or replayed
    before, after = [], []
    out: dict[str, list[str]] = {k: [] for k in ("changed", "gained", "lost", "first_gained", "first_lost")}
    for row in rows:
        if row["abstained"]:
            continue
        a = row["answer"]
        b = a if setting is None else replay(row, setting)
        before.append(len(a))
        after.append(len(b))
        if a == b:
            continue
        facts = tuple(row["facts"])
        had, has = contains_facts(a, facts), contains_facts(b, facts)
        first_a, first_b = had and _first(a, facts), has and _first(b, facts)
        out["changed"].append(row["id"])
        for key, hit in (("gained", has and not had), ("lost", had and not has),
                         ("first_gained", first_b and not first_a), ("first_lost", first_a and not first_b)):
            if hit:
                out[key].append(row["id"])
    return {**out, "before": before, "after": after}


def summary(result: dict) -> dict:
    before, after = result["before"], result["after"]
    return {"answered": len(before), "changed": len(result["changed"]),
            "facts": f"+{len(result['gained'])} -{len(result['lost'])}",
            "fact_first": f"+{len(result['first_gained'])} -{len(result['first_lost'])}",
            "chars_cut": sum(before) - sum(after),
            "median": [statistics.median(before or [0]), statistics.median(after or [0])],
            "p90": [round(_p90(before)), round(_p90(after))], "lost": result["lost"],
            "first_lost": result["first_lost"]}


LOSS_RATE = 3 / 1200
"""A setting may lose at most this share of the answered one-fact answers' facts on the sets a fold fits on: the
lead's rule allows at most 3 losses on a pool of 1,200 (`--strict`: none). A switch that only takes statements out
gains no fact, so the rule's other clause (gains >= losses) allows no loss on the pool at all."""


def cross_validated(rows: list[dict], loss_rate: float = LOSS_RATE, settings: dict[str, Any] | None = None,
                    replay: Callable[[dict, Any], str] | None = None) -> dict:
    """Each set held out: of the settings losing at most `LOSS_RATE` of the answers' facts and no more fact-first
    answers than they gain on the other sets, the one that cut most characters there, then gained most fact-first
    answers net (else the switch off), scored on the held-out set. `settings` and `replay`: another switch's
    settings by name and its replay (short24's by default)."""
    settings = SETTINGS if settings is None else settings
    sets = sorted({str(r["batch"] or "tune") for r in rows})
    by_set = {s: [r for r in rows if str(r["batch"] or "tune") == s] for s in sets}
    alone = {name: {s: scored(by_set[s], value, replay) for s in sets} for name, value in settings.items()}
    held: dict[str, list] = {k: [] for k in ("changed", "gained", "lost", "first_gained", "first_lost", "before",
                                             "after")}
    folds: dict[str, int] = {}
    for hold in sets:
        best, best_cut = "off", (0, 0)
        for name, per_set in alone.items():
            others = [v for s, v in per_set.items() if s != hold]
            answered = sum(len(v["before"]) for v in others)
            lost = sum(len(v["lost"]) for v in others)
            first = sum(len(v["first_gained"]) - len(v["first_lost"]) for v in others)
            cut = sum(sum(v["before"]) - sum(v["after"]) for v in others)
            if lost <= loss_rate * answered and first >= 0 and (cut, first) > best_cut:
                best, best_cut = name, (cut, first)
        folds[best] = folds.get(best, 0) + 1
        result = scored(by_set[hold], settings.get(best), replay)
        for key in held:
            held[key] += result[key]
    return {"folds": folds, "held_out": summary(held)}


def where_characters(rows: list[dict]) -> dict:
    """Where one-fact answers' characters are (answers of statements with markers): the lead, statements chosen
    after it, statements a stage added, citation markers and spaces; and, for answers holding every fact with none
    in the lead, whether the lead names a question word or states an asked kind of fact."""
    parts = {"answers": 0, "lead": 0, "chosen after": 0, "added": 0, "markers and spaces": 0, "with added": 0,
             "fact after the lead": 0, "its lead names a question word": 0, "its lead states an asked kind": 0,
             "its fact in an added statement": 0}
    for row in rows:
        found = None if row["abstained"] else statements(row["answer"])
        added = row.get("added") or [False] * len(found or [])
        if not found or len(added) != len(found):
            continue
        texts = [text for text, _ in found]
        parts["answers"] += 1
        parts["lead"] += len(texts[0])
        parts["chosen after"] += sum(len(t) for t, a in zip(texts[1:], added[1:], strict=True) if not a)
        parts["added"] += sum(len(t) for t, a in zip(texts[1:], added[1:], strict=True) if a)
        parts["markers and spaces"] += len(row["answer"]) - sum(len(t) for t in texts)
        parts["with added"] += any(added[1:])
        facts = tuple(row["facts"])
        if contains_facts(row["answer"], facts) and not _first(row["answer"], facts):
            question = row.get("asked") or row["question"]
            parts["fact after the lead"] += 1
            parts["its lead names a question word"] += names_asked(question, texts[0], [], frozenset())
            parts["its lead states an asked kind"] += names_asked(question, texts[0], [], KINDS - {"unasked"}) and \
                not names_asked(question, texts[0], [], frozenset())
            parts["its fact in an added statement"] += any(
                a and any(contains_facts(t, (f,)) for f in facts) for t, a in zip(texts, added, strict=True))
    return parts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dump", nargs="+", help="globs of short24_dump files")
    parser.add_argument("--changed", help="write here the ids short24 (keep kinds) changes, with the replayed answer")
    args = parser.parse_args()
    rows = loaded(args.dump)
    print("where the characters are", json.dumps(where_characters(rows)))
    for name, value in SETTINGS.items():
        print(name, "in sample", json.dumps(summary(scored(rows, value))))
    print("leave-one-set-out", json.dumps(cross_validated(rows)))
    print("leave-one-set-out, no loss allowed", json.dumps(cross_validated(rows, 0.0)))
    if args.changed:
        with open(args.changed, "w") as out:
            for row in rows:
                if not row["abstained"] and replayed(row, (KINDS, False, False)) != row["answer"]:
                    out.write(json.dumps({"id": row["id"], "answer": replayed(row, (KINDS, False, False))}) + "\n")


if __name__ == "__main__":
    main()
