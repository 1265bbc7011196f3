"""Score compact22 (assistant/compact_added.py) offline on a bench/compact22_dump.py dump of one-fact tuning answers
asked with clinical22 on: paired per question against the defaults, (a) compact22 alone (clinical22's sentence taken
out again) and (b) compact22 with clinical22; which stages' sentences to cut chosen leave-one-set-out (docs/history/round-22.md,
"Compact added sentences, round 22 (compact22)").

    PYTHONPATH=. python -m bench.compact22_replay '/tmp/c_*.jsonl'

The dump holds tune and the blind tuning probes only. An added sentence is found in the answer as lead21 left it.
"""

from __future__ import annotations

import argparse
import glob
import json
import statistics

from assistant.answer_style import LIST_KINDS
from assistant.compact_added import compacted
from assistant.evaluate import contains_facts
from assistant.shorter_sentences import shortened
from bench.short22_replay import _first, statements

STAGES = ("contains20", "clinical21", "clinical22", "clinical22 figures only")
"""The stages whose sentences may be cut; "clinical22 figures only": clinical22's, a new name not keeping a clause."""


def arms(row: dict, stages: tuple[str, ...]) -> dict[str, str] | None:
    """The row's answer under: defaults, clinical22, compact22 alone, compact22 with clinical22 (None: not statements
    with markers, or no added sentence found)."""
    found = None if row["abstained"] else statements(row["answer"])
    if found is None:
        return None
    texts = [t for t, _ in found]
    where: dict[int, str] = {}
    for added in row.get("added", []):
        final = shortened(row["question"], added["text"])
        for i, text in enumerate(texts):
            if i and text in (final, added["text"]) and i not in where:
                where[i] = added["stage"]
                break

    def joined(keep: list[int], cut: set[int]) -> str:
        shown = [texts[i] for i in keep]
        out = [compacted(row["question"], texts[i], [t for j, t in enumerate(shown) if keep[j] != i],
                         names=i not in figures)
               if i in cut else texts[i] for i in keep]
        return " ".join(f"{t} {found[i][1]}" for t, i in zip(out, keep, strict=True))
    everything = list(range(len(texts)))
    default = [i for i in everything if where.get(i) != "clinical22"]
    cut = {i for i, stage in where.items() if stage in stages or f"{stage} figures only" in stages}
    figures = {i for i, stage in where.items() if f"{stage} figures only" in stages}
    return {"defaults": joined(default, set()), "clinical22": joined(everything, set()),
            "compact22": joined(default, cut), "compact22+clinical22": joined(everything, cut)}


def scored(rows: list[dict], stages: tuple[str, ...], base: str, arm: str) -> dict:
    before, after, changed, lost, gained, first_lost, first_gained = [], [], 0, [], [], [], []
    for row in rows:
        answers = arms(row, stages)
        if answers is None:
            continue
        a, b, facts = answers[base], answers[arm], tuple(row["facts"])
        before.append(len(a))
        after.append(len(b))
        if a == b:
            continue
        changed += 1
        had, has = contains_facts(a, facts), contains_facts(b, facts)
        (lost if had and not has else gained if has and not had else []).append(row["id"])
        f1, f2 = _first(a, facts), _first(b, facts)
        (first_lost if f1 and not f2 else first_gained if f2 and not f1 else []).append(row["id"])
    return {"answered": len(before), "changed": changed, "facts": [len(gained), len(lost)],
            "fact_first": [len(first_gained), len(first_lost)], "chars_saved": sum(before) - sum(after),
            "median": [statistics.median(before or [0]), statistics.median(after or [0])], "lost": lost,
            "first_lost": first_lost}


def cross_validated(rows: list[dict]) -> dict:
    """Each set held out: cut the sentences of the stages whose cut changed an answer and lost no fact or fact-first
    sentence on the other sets (against the same arm without the cut)."""
    sets = sorted({str(r["batch"] or "tune") for r in rows})
    by_set = {s: [r for r in rows if str(r["batch"] or "tune") == s] for s in sets}
    out = {}
    for base, arm in (("defaults", "compact22"), ("clinical22", "compact22+clinical22")):
        alone = {stage: {s: scored(by_set[s], (stage,), base, arm) for s in sets} for stage in STAGES}
        held, folds = [], {}
        for hold in sets:
            kept = tuple(stage for stage in STAGES
                         if sum(v["changed"] for s, v in alone[stage].items() if s != hold)
                         and not sum(v["facts"][1] + v["fact_first"][1] for s, v in alone[stage].items() if s != hold))
            folds[" ".join(kept)] = folds.get(" ".join(kept), 0) + 1
            held.append((by_set[hold], kept))
        held_rows = [r for part, kept in held for r in part]
        results = [scored(part, kept, base, arm) for part, kept in held]
        out[arm] = {"folds": folds, "held_out": {
            "changed": sum(r["changed"] for r in results),
            "facts": [sum(r["facts"][0] for r in results), sum(r["facts"][1] for r in results)],
            "fact_first": [sum(r["fact_first"][0] for r in results), sum(r["fact_first"][1] for r in results)],
            "chars_saved": sum(r["chars_saved"] for r in results), "rows": len(held_rows)},
            "per_stage_in_sample": {stage: scored(rows, (stage,), base, arm) for stage in STAGES}}
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dump", help="a glob of compact22_dump files")
    parser.add_argument("--changed", help="write here the ids whose answer compact22 changes (with clinical22 on), "
                        "with the replayed answer, to re-ask them")
    args = parser.parse_args()
    rows = [json.loads(line) for path in sorted(glob.glob(args.dump)) for line in open(path) if line.strip()]
    rows = [r for r in rows if r["kind"] not in LIST_KINDS]
    print(json.dumps(cross_validated(rows), indent=1))
    for base, arm in (("defaults", "clinical22"), ("defaults", "compact22"), ("defaults", "compact22+clinical22"),
                      ("clinical22", "compact22+clinical22")):
        print(base, "->", arm, json.dumps(scored(rows, STAGES, base, arm)))
    if args.changed:
        with open(args.changed, "w") as out:
            for row in rows:
                answers = arms(row, STAGES)
                if answers and answers["clinical22"] != answers["compact22+clinical22"]:
                    out.write(json.dumps({"id": row["id"], "answer": answers["compact22+clinical22"]}) + "\n")


if __name__ == "__main__":
    main()
