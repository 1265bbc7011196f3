"""Replay clinical21 (assistant/commitment.py) offline over contains19_dump runs of the defaults: where the facts
clinical-policy answers lack are, and per setting the answers that gain or lose every expected fact, the answers
changed and the one-fact median length, with leave-one-batch-out cross-validation of the settings (docs/history/round-21.md,
"Clinical-policy answers, round 21 (clinical21)").

    PYTHONPATH=. python -m bench.clinical21_compare /tmp/base_*.jsonl [--changed-ids OUT]

Each answer is rebuilt from its statements (contains20_compare.statements) and `with_commitment` applied to them with
the dump's candidate sentences and cross-encoder-weighted scores: the function the pipeline calls on the same inputs.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from pathlib import Path

from assistant.commitment import with_commitment
from assistant.continuation import NAME, STATES_FIGURE
from assistant.evaluate import contains_facts
from assistant.part_figures import content_stems
from bench.contains20_compare import cross_validated, replayed, summary, where_missing, write_changed_ids
from indexer.passage import sentences

GAPS = (0.5, 1.0, 1.5, 2.5)
LONGEST = (300, 400)
MAX_CHARS = (350, 400, 450)
NEW_SHARE = (0.05, 0.1, 0.15, 0.2, 0.3)


def outcomes(rows: list[dict], setting: tuple) -> list[tuple]:
    """Per answered row: (batch, gained, lost, changed, length before, length after, one-fact kind, id)."""
    gap, longest, max_chars, new_share = setting
    return replayed(
        rows, lambda row, shown: with_commitment(row["question"], shown, [tuple(c) for c in row["candidates"]],
                                                 row["ranked"], gap, longest, max_chars, new_share),
        eligible=lambda row: not row["answer"].startswith("- ") and row.get("parts", 0) < 2)


def lead_sentence_table(rows: list[dict]) -> None:
    """For answers whose lead passage holds the missing facts: the holding sentence's position, whether it states a
    figure or date, a name, and a word of the question."""
    found: Counter = Counter()
    for row in rows:
        if row["abstained"] or where_missing(row) != "lead passage":
            continue
        missing = tuple(f for f in row["facts"] if not contains_facts(row["answer"], (f,)))
        holders = [(i, s) for i, s in enumerate(sentences(row["cited"][0])) if contains_facts(s, missing)]
        if not holders:
            found["spread over sentences"] += 1
            continue
        i, s = holders[0]
        found[f"position {min(i, 3)}{'+' if i >= 3 else ''}"] += 1
        found["figure or date" if STATES_FIGURE.search(s) else "no figure or date"] += 1
        found["a name" if NAME.search(s) else "no name"] += 1
        found["names the topic" if content_stems(row["question"]) & content_stems(s) else "no question word"] += 1
    print("lead passage holders:", dict(found))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dumps", nargs="+", type=Path)
    parser.add_argument("--changed-ids", type=Path)
    parser.add_argument("--setting", help="gap,longest,max_chars,new_share: list this setting's changed answers")
    args = parser.parse_args()
    rows = [json.loads(line) for path in args.dumps for line in path.open()]
    rows = [r for r in rows if r["facts"]]
    lead_sentence_table([r for r in rows if r["kind"] == "clinical-policy"])
    rows = [r for r in rows if not r["abstained"]]
    table = {s: outcomes(rows, s) for s in itertools.product(GAPS, LONGEST, MAX_CHARS, NEW_SHARE)}
    every = {r["batch"] for r in rows}
    print(f"{len(rows)} answered rows, {len(every)} batches")
    for setting, results in table.items():
        gained, lost, changed, growth = summary(results, every)
        print(f"{setting}: +{gained} -{lost}, {changed} changed, one-fact median {growth:+.0f}")
    cross_validated(table, every)
    write_changed_ids(table, args.changed_ids)


if __name__ == "__main__":
    main()
