"""Paired counts for `contains19` from `bench.contains19_dump --also contains19=true` runs: answers gaining and losing
every expected fact, per batch, and a leave-one-batch-out choice among the rule's variants (docs/history/round-19.md,
"Answers that hold their passages' facts, round 19 (contains19)").

    PYTHONPATH=. python -m bench.contains19_compare /tmp/pair_*.jsonl

The shipped rule's counts come from the pipeline's own second answer ("also_answer"). The variants (the longest
sentence added, and whether the top passage may give it besides the cited ones) are replayed offline from the
sentences each row recorded, as `part_answers` would add them to the default answer: close to, not exactly, the
pipeline's answers.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import Counter
from itertools import product
from pathlib import Path

import assistant.part_figures as part_figures
from assistant.answer_style import LIST_KINDS
from assistant.evaluate import contains_facts
from assistant.follow_ups import follow_up_words
from assistant.glossary import expand_acronyms
from assistant.subquestions import split_question
from indexer.passage import sentences

VARIANTS = list(product((200, 250, 300, 400), (True, False)))
"""(longest sentence added, the top passage may give it) pairs the leave-one-batch-out choice picks from."""


def replayed(row: dict, max_chars: int, top: bool) -> str:
    """The default answer with the sentences the variant would add."""
    if not row.get("candidates"):
        return row["answer"]
    query = row.get("query") or row["question"]
    if row.get("history"):  # a follow-up's own words say what is asked (question_route)
        query = follow_up_words(expand_acronyms(row["question"]), query) or query
    parts = split_question(query)
    shown = sentences(re.sub(r"\s*\[\d+\]", "", row["answer"]))
    cited = {rank for rank, text in enumerate(row["passages"]) if text in row["cited"]} if "passages" in row else \
        {rank for rank, text in row["candidates"] if any(text.strip() in c for c in row["cited"])}  # older dumps
    candidates = [(rank, text) for rank, text in row["candidates"]]
    original = part_figures.MAX_ADDED_CHARS
    part_figures.MAX_ADDED_CHARS = max_chars  # this process only: the replay's variant
    try:
        added = part_figures.part_answers(parts if len(parts) > 1 else [query], shown, candidates, row["ranked"],
                                          cited | ({0} if top else set()))
    finally:
        part_figures.MAX_ADDED_CHARS = original
    return " ".join([row["answer"], *(candidates[i][1] for i in added)])


def shipped(row: dict) -> str:
    """The answer with the switch on, as the pipeline gave it (the default where the switch changed nothing)."""
    return row["answer"] if row.get("also_answer", row.get("extractive_answer")) == row.get("extractive_answer") \
        else row["also_answer"]


def paired(rows: list[dict], answer) -> tuple[int, int, int]:
    """(gained, lost, changed) against each row's default answer."""
    gained = lost = changed = 0
    for row in rows:
        new = answer(row)
        if new == row["answer"]:
            continue
        changed += 1
        facts = tuple(row["facts"])
        before, after = contains_facts(row["answer"], facts), contains_facts(new, facts)
        gained += after and not before
        lost += before and not after
    return gained, lost, changed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dumps", nargs="+", type=Path)
    parser.add_argument("--changed", type=Path, help="write the ids any variant or the pipeline changes here")
    args = parser.parse_args()
    rows = list({r["id"]: r for path in args.dumps for r in map(json.loads, path.read_text().splitlines())}.values())
    rows = [r for r in rows if r["facts"] and not r["abstained"]]
    batch = {r["id"]: r["batch"] if r["split"] == "probe" else "tune" for r in rows}
    print(f"{len(rows)} answered answerable questions")
    print("shipped, in the pipeline: +{} -{}, {} changed".format(*paired(rows, shipped)))
    lengths = [(len(r["answer"]), len(shipped(r))) for r in rows if r["kind"] not in LIST_KINDS]
    print(f"one-fact median chars (these rows): {statistics.median(a for a, _ in lengths)} -> "
          f"{statistics.median(b for _, b in lengths)}")
    by_batch = {b: [r for r in rows if batch[r["id"]] == b] for b in dict.fromkeys(batch.values())}
    table = {(b, v): paired(rs, lambda r, v=v: replayed(r, *v)) for b, rs in by_batch.items() for v in VARIANTS}
    for v in VARIANTS:
        g = sum(table[b, v][0] for b in by_batch)
        lo = sum(table[b, v][1] for b in by_batch)
        c = sum(table[b, v][2] for b in by_batch)
        print(f"replay max_chars={v[0]} top={v[1]}: +{g} -{lo}, {c} changed")
    total, choices = Counter(), Counter()
    for held in by_batch:
        def fit(v, held=held):
            g, lo, c = (sum(table[b, v][i] for b in by_batch if b != held) for i in range(3))
            return g - lo - 0.1 * c
        best = max(VARIANTS, key=fit)
        choices[best] += 1
        g, lo, c = table[held, best]
        total.update({"gained": g, "lost": lo, "changed": c})
    print(f"leave-one-batch-out ({len(by_batch)} folds): +{total['gained']} -{total['lost']}, "
          f"{total['changed']} changed; chosen {dict(choices)}")
    if args.changed:
        args.changed.write_text("".join(f"{r['id']}\n" for r in rows if shipped(r) != r["answer"] or any(
            replayed(r, *v) != r["answer"] for v in VARIANTS)))
    print("per batch (shipped, in the pipeline): batch answered changed gained lost")
    for b, rs in by_batch.items():
        g, lo, c = paired(rs, shipped)
        if c:
            print(f"  {b} {len(rs)} {c} {g} {lo}")


if __name__ == "__main__":
    main()
