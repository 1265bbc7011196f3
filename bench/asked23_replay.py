"""Replay assistant/asked_sentence.py offline on bench/asked23_dump.py's dumps, paired against the dumped answers,
per tuning set and leave-one-set-out over a grid of settings (objective fixed before: facts gained less facts lost
less 0.1 per changed answer): docs/history/round-23.md, "Answers stating what was asked, round 23 (asked23)".

    PYTHONPATH=. python -m bench.asked23_replay '/tmp/a23/base_*.jsonl' [--show]

The statements after the stage are shortened as the pipeline does next (lead21); an answer's new length is its dumped
length plus what the stage changed. Answers the replay changes should be checked once through the pipeline.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import statistics

from assistant.answer_style import first_sentence
from assistant.asked_sentence import with_asked
from assistant.evaluate import contains_facts, normalise
from assistant.runner_up import answer_chars
from assistant.shorter_sentences import shortened

GRID = {"gap": (1.0,), "longest": (300,), "max_chars": (350, 450, 600),
        "margin": (float("inf"), 0.0, -0.2)}


def final(question: str, shown: list) -> list:
    """The statements as lead21 leaves them."""
    return [[shortened(question, text), ranks] for text, ranks in shown]


def stage(row: dict) -> dict | None:
    """The recorded stage whose statements the answer shows (a route may answer more than once)."""
    body = normalise(row["answer"])
    for found in reversed(row.get("stages") or []):
        if found["shown"] and all(normalise(t)[:40] in body for t, _ in final(found["asked"], found["shown"])):
            return found
    return None


def replay(row: dict, settings: dict) -> tuple[str, int] | None:
    """(the new statements' text, the new answer's length), or None when the stage changes nothing."""
    found = stage(row)
    if found is None or row["abstained"]:
        return None
    shown = [(t, r) for t, r in found["shown"]]
    after = with_asked(found["asked"], shown, [tuple(c) for c in found["candidates"]], found["ranked"],
                       settings["gap"], settings["longest"], settings["max_chars"],
                       lambda text: shortened(found["asked"], text), settings["margin"])
    if after == shown:
        return None
    before_f, after_f = final(found["asked"], shown), final(found["asked"], after)
    length = len(row["answer"]) + answer_chars([tuple(s) for s in after_f]) - answer_chars([tuple(s) for s in before_f])
    return " ".join(t for t, _ in after_f), length


def paired(rows: list[dict], settings: dict) -> dict:
    out = {"gain": [], "loss": [], "changed": [], "first_lost": [], "before": [], "after": []}
    for row in rows:
        if row["abstained"] or not row["facts"]:
            continue
        new = replay(row, settings)
        out["before"].append(len(row["answer"]))
        out["after"].append(new[1] if new else len(row["answer"]))
        if new is None:
            continue
        out["changed"].append(row["id"])
        had, has = contains_facts(row["answer"], tuple(row["facts"])), contains_facts(new[0], tuple(row["facts"]))
        if has and not had:
            out["gain"].append(row["id"])
        if had and not has:
            out["loss"].append(row["id"])
        first_before = any(contains_facts(first_sentence(row["answer"]), (f,)) for f in row["facts"])
        first_after = any(contains_facts(first_sentence(new[0]), (f,)) for f in row["facts"])
        if first_before and not first_after:
            out["first_lost"].append(row["id"])
    return out


MAX_MEDIAN_GROWTH = 5
"""A setting is eligible in a fold only when the one-fact median of the uniform sample (the dumps named base_*, every
one-fact answerable question in a hashed order) of the fitting sets grows by at most this many characters: half what
the lead's rule allows, for the sample's noise."""


def sample_lengths(rows: list[dict], settings: dict) -> list[tuple[str, int, int]]:
    """(set, length before, length after) per answered one-fact question of the sample."""
    out = []
    for row in rows:
        if row["abstained"] or not row["facts"]:
            continue
        new = replay(row, settings)
        out.append((str(row["batch"] or "tune"), len(row["answer"]), new[1] if new else len(row["answer"])))
    return out


def median_growth(lengths: list[tuple[str, int, int]], held: str) -> float:
    """How much the one-fact median of the sample grows, the `held` set left out."""
    fit = [(before, after) for name, before, after in lengths if name != held]
    return statistics.median(a for _, a in fit) - statistics.median(b for b, _ in fit) if fit else 0.0


def objective(result: dict) -> float:
    return len(result["gain"]) - len(result["loss"]) - 0.1 * len(result["changed"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dumps")
    parser.add_argument("--show", action="store_true", help="print the changed answers of the default settings")
    args = parser.parse_args()
    rows = [json.loads(line) | {"sample": "/base_" in name} for name in sorted(glob.glob(args.dumps))
            for line in open(name)]
    sets = sorted({str(r["batch"] or "tune") for r in rows})
    grid = [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]
    per = {json.dumps(s): {name: paired([r for r in rows if str(r["batch"] or "tune") == name], s) for name in sets}
           for s in grid}
    for s in grid:
        total = {k: sum(len(per[json.dumps(s)][n][k]) for n in sets) for k in ("gain", "loss", "changed")}
        print(json.dumps(s), total)
    cv = {"gain": 0, "loss": 0, "changed": 0, "first_lost": 0}
    chosen = []
    sample = [r for r in rows if r.get("sample")]
    lengths = {json.dumps(s): sample_lengths(sample, s) for s in grid}
    for held in sets:
        eligible = [s for s in grid if median_growth(lengths[json.dumps(s)], held) <= MAX_MEDIAN_GROWTH] or grid[:1]
        best = max(eligible, key=lambda s: sum(objective(per[json.dumps(s)][n]) for n in sets if n != held))
        chosen.append(json.dumps(best))
        for key in cv:
            cv[key] += len(per[json.dumps(best)][held][key])
    print("cross-validated (leave-one-set-out):", cv)
    if sample:
        for s in [grid[0], *[json.loads(c) for c in set(chosen)]]:
            result = paired(sample, s)
            print("uniform sample", json.dumps(s), "one-fact median", statistics.median(result["before"]), "->",
                  statistics.median(result["after"]), "changed", len(result["changed"]), "of", len(result["before"]))
    print("settings chosen per fold:", {c: chosen.count(c) for c in set(chosen)})


if __name__ == "__main__":
    main()
