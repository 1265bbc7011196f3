"""Replay broad21's carrying on (assistant/carried_on.py) offline over a `bench.lists20_dump` dump of main's default
answers, for each variant of the rule, and choose one by leave-one-batch-out cross-validation: per variant, the
answers that gain or lose every fact and how many change (docs/history/round-21.md, "Broad, list and two-part
answers, round 21 (broad21)").

    PYTHONPATH=. python -m bench.broad21_replay '/tmp/base_*.jsonl' [--changed OUT]

The default answers already carry lists20's sentences, so a variant's rule run again over them adds only what the
variant adds. The programme finder's lists are left alone, as in the pipeline. Tuning splits only (the dump holds no
others).
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import re
from collections import Counter
from pathlib import Path

import assistant.carried_on as carried
from assistant.cited_answer import Answer, Citation
from assistant.evaluate import contains_facts
from assistant.one_fact import is_one_fact
from assistant.subquestions import split_question
from assistant.summary import is_broad

NAMED = {"none": lambda s: False, "and": lambda s: bool(re.search(r",[^,]+\band\b", s)),
         "two commas": lambda s: s.count(",") >= 2, "two commas, broad only": lambda s: s.count(",") >= 2}
"""What counts as a next sentence naming items, beside a figure, a date or a list of three commas (the last: only
for a question worded broadly, `summary.is_broad` or `carried_on.asks_broadly`)."""
PENALTY = 0.1
"""Objective per fold: net gains less this much per changed answer (as contains19 and lists20)."""


SET_WORDING = re.compile(
    r"\bwhat (?:extra |other |new |main |key |else )?(?:[\w'’-]+ )?(?:roles|staff|reasons|milestones|commitments|"
    r"services|steps|actions|areas|things|ways|ambitions|benefits|risks|concerns|worries|jobs|professions|teams)\b|"
    r"\bwhat else\b|\bwho is (?:actually )?in\b", re.I)
"""A variant's set wording beyond `list_answers.asks_for_items` ("what extra staff roles can PCNs hire"), not after
one figure or date; not shipped (no gain on the tuning batches)."""
GATES = {"lists20": 0, "broad wording": 1, "broad or set wording": 2}
"""Which questions' answers may carry on: lists20's; also `asks_broadly`'s; also SET_WORDING's."""


def replay(rows: list[dict], gate: str, named: str, longest: int) -> dict[str, tuple]:
    """Per answer the variant changes: (held every fact before, after, length before, after, batch, kind)."""
    carried.names_items = NAMED[named]  # type: ignore[assignment]  # this script's own process only
    changed = {}
    for row in rows:
        query = row.get("query") or row["question"]
        several = carried.asks_for_several(query, len(split_question(query)), is_broad(row["question"]))
        if GATES[gate] >= 1:
            several = several or carried.asks_broadly(row["question"]) or carried.asks_broadly(query)
        if GATES[gate] == 2:
            several = several or (bool(SET_WORDING.search(query)) and not is_one_fact(query))
        if not several or "programme finder" in row["answer"]:
            continue
        citations = [Citation(n + 1, "", "", "", "", None, None, None, None, "", text, 0.0)
                     for n, text in enumerate(row["cited"])]
        before = Answer(row["question"], row["answer"], False, citations)
        broadly = is_broad(row["question"]) or carried.asks_broadly(row["question"]) or carried.asks_broadly(query)
        after = carried.carried_on(before, longest, named != "none" and (broadly or not named.endswith("only")))
        if after.answer != before.answer:
            facts = tuple(row["facts"])
            changed[row["id"]] = (contains_facts(before.answer, facts), contains_facts(after.answer, facts),
                                  len(before.answer), len(after.answer), str(row["batch"]), row["kind"])
    return changed


def score(changed: dict[str, tuple], batches: set[str]) -> tuple[int, int, int]:
    rows = [v for v in changed.values() if v[4] in batches]
    return sum(v[1] and not v[0] for v in rows), sum(v[0] and not v[1] for v in rows), len(rows)


def answered_rows(pattern: str) -> list[dict]:
    """The dumps' rows (files matching `pattern`) the pipeline answered."""
    rows = [json.loads(line) for name in sorted(glob.glob(pattern)) for line in open(name)]
    return [r for r in rows if not r["abstained"]]


def leave_one_batch_out(results: dict, variants: list, batches: list[str], penalty: float = PENALTY):
    """Each variant's totals, then each batch scored at the variant the others pick (gains - losses - penalty x
    changed). Returns the pooled counts, the picks and each held-out batch's gains."""
    for variant in variants:
        print(variant, "gained, lost, changed:", score(results[variant], set(batches)))
    total: Counter = Counter()
    picks: Counter = Counter()
    per_batch: Counter = Counter()
    for held_out in batches:
        train = set(batches) - {held_out}
        best = max(variants, key=lambda v: (lambda g, lo, c: g - lo - penalty * c)(*score(results[v], train)))
        picks[best] += 1
        gained, lost, changed = score(results[best], {held_out})
        total.update(gained=gained, lost=lost, changed=changed)
        per_batch[held_out] = gained
    print("leave-one-batch-out:", dict(total), "chosen:", dict(picks))
    return total, picks, per_batch


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dumps")
    parser.add_argument("--changed", type=Path, help="write the chosen variant's changed ids here, one a line")
    args = parser.parse_args()
    rows = answered_rows(args.dumps)
    variants = list(itertools.product(GATES, NAMED, (300, 450)))
    results = {v: replay(rows, *v) for v in variants}
    batches = sorted({str(r["batch"]) for r in rows})
    _, picks, _ = leave_one_batch_out(results, variants, batches)
    chosen = picks.most_common(1)[0][0]
    per_batch = Counter(v[4] for v in results[chosen].values() if v[1] and not v[0])
    print("gains per batch:", dict(sorted(per_batch.items())))
    if args.changed:
        args.changed.write_text("\n".join(results[chosen]) + "\n")


if __name__ == "__main__":
    main()
