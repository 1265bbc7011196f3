"""Round 19's personal clinical signposting (PipelineConfig.clinical19) against main's defaults over the tuning
questions, with leave-one-batch-out figures: patterns only (seconds), since signposting comes before any passage.

    .venv/bin/python -m bench.clinical19_compare [--flags RESULTS.json ...] [--list]

Per batch: personal clinical questions (kind "clinical", not answerable) newly signposted, answerable ones newly
signposted (each one newly refused), other out-of-scope ones newly signposted. Leave-one-batch-out: a held-out batch
is read only with the readings (`safety_own_care19.READINGS`, and the earlier asks read sentence by sentence) and
health words (`HEALTH_WORDS`) that read a defaults' miss in some other tuning batch, i.e. that could have been written
without seeing it. With `--flags` (bench.pool_score results with a "defaults" arm) a gain is split by whether the
defaults answered it (the refusals the lead's rule counts) or refused it without signposting.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from assistant import safety_own_care as own
from assistant import safety_own_care19 as own19
from assistant.config import DEFAULT_CONFIG
from assistant.question_sets import Question, tuning_questions

ON = replace(DEFAULT_CONFIG, clinical19=True)
GROUPS: dict[str, tuple[re.Pattern[str], ...]] = {**{n: (p,) for n, p in own19.READINGS.items()},
                                                  "earlier asks, sentence by sentence": own19.EARLIER_ASKS}


def _personal(q: Question) -> bool:
    return q.kind == "clinical" and not q.answerable


def _batch(q: Question) -> str:
    return f"p{q.batch}" if q.batch else "tune"


def _what_reads(misses: list[Question]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The batches of the defaults' misses each reading group (alone) and each health word reads."""
    by_group = {name: {_batch(q) for q in misses if own19.own_care19(q.question, asks)} for name, asks in GROUPS.items()}
    by_word = {word: {_batch(q) for q in misses if re.search(rf"\b(?:{word})\b", q.question, re.I)
                      and own19.own_care19(q.question)} for word in own19.HEALTH_WORDS}
    return by_group, by_word


def _table(title: str, questions: list[Question], before: dict[str, bool], reads: Callable[[Question], bool],
           answered: dict[str, bool], listing: bool) -> None:
    per: dict[str, Counter] = {}
    for q in questions:
        c = per.setdefault(_batch(q), Counter())
        c["personal"] += _personal(q)
        c["answerable"] += q.answerable
        if before[q.id] or not reads(q):
            continue
        kind = "gain" if _personal(q) else "LOST" if q.answerable else "other"
        c[kind] += 1
        if kind == "gain" and q.id in answered:
            c["was answered" if answered[q.id] else "was refused"] += 1
        if listing:
            print(f"  {kind}: {q.id} {q.question!r}")
    print(f"\n{title}\n\n| batch | personal clinical | newly signposted | of them answered by the defaults | "
          "answerable | newly refused | other out of scope newly signposted |\n|---|---|---|---|---|---|---|")
    total: Counter = Counter()
    for name, c in sorted(per.items()):
        total.update(c)
        if c["gain"] or c["LOST"] or c["other"] or name in ("p40", "p41"):
            print(f"| {name} | {c['personal']} | {c['gain']} | {c['was answered']} | {c['answerable']} | {c['LOST']} | "
                  f"{c['other']} |")
    print(f"| all | {total['personal']} | {total['gain']} | {total['was answered']} | {total['answerable']} | "
          f"{total['LOST']} | {total['other']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flags", type=Path, action="append", default=[], help="bench.pool_score results (defaults arm)")
    parser.add_argument("--list", action="store_true", help="print each changed question")
    args = parser.parse_args()
    answered: dict[str, bool] = {}
    for path in args.flags:
        answered.update({i: not f["abstained"] for i, f in json.loads(path.read_text())["defaults"]["flags"].items()})
    questions = tuning_questions()
    before = {q.id: own.signposting_answer(q.question, DEFAULT_CONFIG) is not None for q in questions}
    by_group, by_word = _what_reads([q for q in questions if _personal(q) and not before[q.id]])
    print("| reading | reads defaults' misses in |\n|---|---|")
    for name, batches in by_group.items():
        print(f"| {name} | {', '.join(sorted(batches)) or '-'} |")

    def held_out(q: Question) -> bool:
        batch = _batch(q)
        asks = [p for name, group in GROUPS.items() if by_group[name] - {batch} for p in group]
        words = [w for w in own19.HEALTH_WORDS if not by_word[w] or by_word[w] - {batch}]
        return own.own_care18(q.question) or own19.own_care19(q.question, asks, own19.health_words(words))

    _table("In sample (every reading):", questions, before,
           lambda q: own19.signposting_answer(q.question, ON) is not None, answered, args.list)
    _table("Leave-one-batch-out (a batch read only with readings and words that other batches' misses led to):",
           questions, before, held_out, answered, args.list)


if __name__ == "__main__":
    main()
