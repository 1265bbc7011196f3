"""Replay broad22 (assistant/summary_uncited.py) offline over a `bench.broad22_dump --record` dump, for each of its
settings, and choose them by leave-one-batch-out cross-validation: per setting, the answers that gain or lose every
fact, how many change, their length and bullet counts (docs/history/round-22.md, "Broad and list answers, round 22
(broad22)").

    PYTHONPATH=. python -m bench.broad22_replay '/tmp/rec_*.jsonl' [--changed OUT]

The dump's answers are the defaults'; a setting adds the recorded bullets it allows (each carried on by its
passage's next sentence as lists20 carries any bullet on) (the question's top `top`
passages none cites, scored at least `rerank` by the cross-encoder, while the summary has fewer than `most` bullets),
each with the sentence the recorded `headline` weight chose. Only tuning splits are in the dump.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
from collections import Counter
from pathlib import Path

from assistant.answer_style import LIST_KINDS, repeated_figures
from assistant.carried_on import _next_sentence
from assistant.config import DEFAULT_CONFIG
from assistant.evaluate import contains_facts
from assistant.summary import states_fact
from assistant.wording import normalise
from bench.broad21_replay import answered_rows, leave_one_batch_out, score

SECTION_SOURCE = "These points are from"
"""How a section summary's closing line opens (`summary.summary_answer`)."""

TOPS = (1, 2, 3, 5)
RERANKS = (0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7)
MOST = (6, 7)
HEADLINES = ("0.0", "0.5", "1.0")
NEEDS_FACT = (False, True)
"""Whether an added bullet must state a figure, an amount or a year (`summary.states_fact`)."""
SECTIONS_ONLY = (False, True)
"""Whether only a section summary (bullets from the section the topic has, not the question's passages) gains."""
LISTS = ("extras",)
"""The recorded bullets (round 22's "list_extras", with `broad22_lists`, went with the switch in round 26)."""
PENALTY = 0.1
"""Objective per fold: net gains less this much per changed answer (as contains19, lists20 and broad21)."""


def added(row: dict, top: int, rerank: float, most: int, headline: str, lists: str, fact: bool,
          sections: bool) -> list[str]:
    """The sentences the setting adds to the row's summary."""
    if not row.get(lists) or (sections and SECTION_SOURCE not in row["answer"]):
        return []
    allowed = [e for e in row[lists][headline] if e[0] < top and e[1] is not None and e[1] >= rerank and
               (states_fact(e[2]) or not fact)]
    shown, said = [], normalise(row["answer"])
    for _, _, sentence, passage in allowed[:max(0, most - row["points"])]:
        # lists20's carrying on (on by default) runs on the finished summary: an added bullet takes its passage's
        # next sentence as any bullet does.
        said += " " + normalise(sentence)
        following = _next_sentence(normalise(sentence), passage, said, DEFAULT_CONFIG.lists20_longest)
        said += " " + normalise(following or "")
        shown.append(f"{sentence} {following}" if following else sentence)
    return shown


def replay(rows: list[dict], variant: tuple) -> dict[str, tuple]:
    """Per answer the setting changes: (held every fact before, after, length before, after, batch, kind, bullets
    before, after, repeats a figure after)."""
    changed = {}
    for row in rows:
        extra = added(row, *variant)
        if not extra:
            continue
        after = row["answer"] + "".join(f"\n- {s} [9]" for s in extra)
        facts = tuple(row["facts"])
        changed[row["id"]] = (contains_facts(row["answer"], facts), contains_facts(after, facts), len(row["answer"]),
                              len(after), str(row["batch"]), row["kind"], row["points"], row["points"] + len(extra),
                              bool(repeated_figures(after)))
    return changed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dumps")
    parser.add_argument("--changed", type=Path, help="write the chosen setting's changed ids here, one a line")
    args = parser.parse_args()
    rows = answered_rows(args.dumps)
    variants = list(itertools.product(TOPS, RERANKS, MOST, HEADLINES, LISTS, NEEDS_FACT, SECTIONS_ONLY))
    results = {v: replay(rows, v) for v in variants}
    batches = sorted({str(r["batch"]) for r in rows})
    _, picks, per_batch = leave_one_batch_out(results, variants, batches, PENALTY)
    print("cross-validated gains per batch:", {b: n for b, n in per_batch.items() if n})
    chosen = picks.most_common(1)[0][0]
    report(rows, results[chosen])
    if args.changed:
        args.changed.write_text("\n".join(results[chosen]) + "\n")


def report(rows: list[dict], changed: dict[str, tuple]) -> None:
    """The chosen setting's gains by kind, list-kind lengths and bullet counts before and after, figure repeats."""
    for kinds, name in ((LIST_KINDS, "list kinds"), (None, "other kinds")):
        part = {k: v for k, v in changed.items() if (v[5] in LIST_KINDS) == (kinds is not None)}
        print(name, "gained, lost, changed:", score(part, {v[4] for v in part.values()}))
    listed = [r for r in rows if r["kind"] in LIST_KINDS]
    before = [len(r["answer"]) for r in listed]
    after = [changed[r["id"]][3] if r["id"] in changed else len(r["answer"]) for r in listed]
    print("list-kind answers", len(listed), "median length", statistics.median(before), "->", statistics.median(after))
    bulleted = [r for r in listed if r.get("summary") and r.get("points")]
    print("bullets before", sorted(Counter(r["points"] for r in bulleted).items()))
    print("bullets after", sorted(Counter(changed[r["id"]][7] if r["id"] in changed else r["points"]
                                          for r in bulleted).items()))
    repeats_before = sum(bool(repeated_figures(r["answer"])) for r in rows)
    repeats_after = repeats_before + sum(v[8] and not repeated_figures(r["answer"]) for r in rows
                                         for v in [changed.get(r["id"])] if v)
    print("answers repeating a figure", repeats_before, "->", repeats_after, "of", len(rows))


if __name__ == "__main__":
    main()
