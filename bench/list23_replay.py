"""Replay list23 offline on `bench/list23_dump.py`'s pickles: the finder's answers given from the passages, and
`uncited_items.with_top_items` on the finished answers, under a grid of settings; paired against the recorded
answers (gained, lost, changed per batch) and chosen by leave-one-batch-out cross-validation with the objective
fixed beforehand (net gains less 0.1 per changed answer, as contains19, lists20, broad21 and broad22).

    LTP_DATA_DIR=var PYTHONPATH=. python -m bench.list23_replay '/tmp/l23_base_*.pkl' [--changed FILE]
"""

from __future__ import annotations

import argparse
import glob
import itertools
import pickle
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from assistant.answer_style import first_sentence, repeated_figures
from assistant.carried_on import STATEMENT, asks_for_several
from assistant.uncited_items import asks_for_list, with_top_items
from assistant.wording import normalise

PENALTY = 0.1


def rows(pattern: str) -> list[dict]:
    out = []
    for path in sorted(glob.glob(pattern)):
        with open(path, "rb") as handle:
            while True:
                try:
                    out.append(pickle.load(handle))
                except (EOFError, pickle.UnpicklingError):  # the end, or a run still writing
                    break
    return out


def holds(text: str, facts: list[str]) -> bool:
    body = normalise(text)
    return all(normalise(f) in body for f in facts)


def replayed(row: dict, setting: tuple, documents) -> str:
    """The answer text list23 gives under `setting` (finder, which, top, floor, longest)."""
    finder, which, top, floor, longest = setting
    call, answer = row["call"], row["final"]
    if call is None or answer.abstained:
        return answer.answer
    if call["route"] == "finder":
        if not finder or call["passages_answer"].abstained:
            return answer.answer
        answer = call["passages_answer"]
    asked = call["asked"] or call["query"]
    reaches = asks_for_list(asked) if which == "list" else \
        asks_for_several(asked, len(call["parts"]), False) if which == "several" else False
    if reaches and top:
        answer = with_top_items(answer, call["asked"] or call["query"], call["hits"], documents, top, floor, longest)
    return answer.answer


GRID = list(itertools.product((False, True), ("none", "list", "several"), (1, 2, 3), (0.3, 0.5, 0.7, 0.9),
                              (300, 400)))


def print_leave_one_batch_out(grid: list, per: dict, batches: list[str], score) -> None:
    """Each batch held out in turn: the setting that scores best on the others, and its gains, losses and changes
    on the held-out batch, summed (what the docs report as cross-validated)."""
    held = [0, 0, 0]
    chosen: dict[tuple, int] = defaultdict(int)
    for batch in batches:
        best = max(grid, key=lambda s: score(s, set(batches) - {batch}))
        chosen[best] += 1
        for i in range(3):
            held[i] += per[best].get(batch, [0, 0, 0])[i]
    print("folds chose:", dict(chosen))
    print(f"cross-validated: +{held[0]} -{held[1]} changed {held[2]} over {len(batches)} batches")


def main() -> None:
    from assistant.engine import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("pattern")
    parser.add_argument("--changed", type=Path, help="write the ids the chosen setting changes")
    args = parser.parse_args()
    documents = Assistant(Settings.from_env()).snapshot().documents
    data = [r for r in rows(args.pattern) if r.get("answerable", True)]
    grid = [s for s in GRID if s[1] != "none" or (s[2], s[3], s[4]) == (1, 0.3, 300)]
    per: dict[tuple, dict[str, list[int]]] = {}
    texts: dict[tuple, dict[str, str]] = {}
    for setting in grid:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        texts[setting] = {}
        for row in data:
            before = row["final"].answer
            after = replayed(row, setting, documents)
            texts[setting][row["id"]] = after
            if after == before:
                continue
            batch = str(row["batch"])
            was, now = holds(before, row["facts"]), holds(after, row["facts"])
            counts[batch][0] += now and not was
            counts[batch][1] += was and not now
            counts[batch][2] += 1
        per[setting] = counts
    batches = sorted({str(r["batch"]) for r in data})

    def score(setting: tuple, keep: set[str]) -> float:
        return sum(g - lost - PENALTY * c for b, (g, lost, c) in per[setting].items() if b in keep)

    for setting in sorted(grid, key=lambda s: -score(s, set(batches)))[:25]:
        g, lost, c = (sum(v[i] for v in per[setting].values()) for i in range(3))
        print(setting, f"+{g} -{lost} changed {c}")
    print_leave_one_batch_out(grid, per, batches, score)
    best = max(grid, key=lambda s: score(s, set(batches)))
    report(data, texts[best])
    if args.changed:
        ids = [r["id"] for r in data if texts[best][r["id"]] != r["final"].answer]
        args.changed.write_text("\n".join(ids) + "\n")


def report(data: list[dict], after: dict[str, str]) -> None:
    """The chosen setting against the recorded answers: paired fact first, answers repeating a figure, lengths and
    statements per answer by kind, gains per batch."""
    fact_first = [0, 0]  # lost, gained, among answers holding every fact after and before
    repeats = [0, 0]
    lengths: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    statements: dict[str, tuple[Counter, Counter]] = defaultdict(lambda: (Counter(), Counter()))
    gains: Counter = Counter()
    for row in data:
        before, now, facts = row["final"].answer, after[row["id"]], row["facts"]
        if row["final"].abstained:
            continue
        first = [any(holds(first_sentence(t), [f]) for f in facts) and holds(t, facts) for t in (before, now)]
        fact_first[0] += first[0] and not first[1]
        fact_first[1] += first[1] and not first[0]
        repeats[0] += bool(repeated_figures(before))
        repeats[1] += bool(repeated_figures(now))
        for n, text in enumerate((before, now)):
            lengths[row["kind"]][n].append(len(text))
            statements[row["kind"]][n][min(len(STATEMENT.findall(text)), 7)] += 1
        if holds(now, facts) and not holds(before, facts):
            gains[str(row["batch"])] += 1
    print(f"fact first (answers holding every fact): lost {fact_first[0]}, gained {fact_first[1]}")
    print(f"answers repeating a figure: {repeats[0]} -> {repeats[1]}")
    for kind, (was, now) in sorted(lengths.items()):
        print(f"{kind}: {len(was)} answered, median length {statistics.median(was)} -> {statistics.median(now)}")
        print(f"  statements (7 = 7+): {sorted(statements[kind][0].items())} -> {sorted(statements[kind][1].items())}")
    print("gains per batch:", dict(sorted(gains.items())))


if __name__ == "__main__":
    main()
