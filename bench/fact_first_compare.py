"""Answer-stage arms against the recorded defaults, question by question (bench/answer_replay.py records them):
answers holding every fact, answers whose first sentence holds a fact (the `fact_in_first_sentence` metric's
numerator), the one-fact median length, and the paired gains and losses of each, per set and in total."""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

from assistant.answer_style import LIST_KINDS, first_sentence
from assistant.evaluate import contains_facts


def judged(question, answer: str, abstained: bool) -> dict:
    """What the style and fact metrics read of one answer."""
    has = not abstained and contains_facts(answer, question.facts)
    first = has and any(contains_facts(first_sentence(answer), (f,)) for f in question.facts)
    one_fact = not abstained and question.kind not in LIST_KINDS
    return {"has": has, "first": first, "one_fact": one_fact, "chars": len(answer), "abstained": abstained}


def summary(rows: list[tuple[dict, dict]]) -> dict:
    """Rates of the arm and paired counts against the defaults over (default, arm) judgements."""
    def rate(items, key):
        return round(sum(1 for i in items if i[key]) / len(items), 4) if items else None

    base = [b for b, _ in rows]
    arm = [a for _, a in rows]
    with_fact_base, with_fact_arm = [b for b in base if b["has"]], [a for a in arm if a["has"]]
    lengths = [[j["chars"] for j in side if j["one_fact"]] for side in (base, arm)]
    return {
        "questions": len(rows),
        "has": (sum(b["has"] for b in base), sum(a["has"] for a in arm)),
        "has_gain": sum(a["has"] and not b["has"] for b, a in rows),
        "has_loss": sum(b["has"] and not a["has"] for b, a in rows),
        "first": (rate(with_fact_base, "first"), rate(with_fact_arm, "first")),
        "first_n": (sum(b["first"] for b in base), sum(a["first"] for a in arm)),
        "first_gain": sum(a["first"] and not b["first"] for b, a in rows),
        "first_loss": sum(b["first"] and not a["first"] for b, a in rows),
        "one_fact_p50": tuple(statistics.median(x) if x else None for x in lengths),
        "refused": (sum(b["abstained"] for b in base), sum(a["abstained"] for a in arm)),
        "changed": sum(b["chars"] != a["chars"] or b["first"] != a["first"] for b, a in rows),
    }


def compare(path: Path, arms: list[str], out: Path | None = None) -> dict:
    from assistant.config import DEFAULT_CONFIG
    from bench.answer_replay import replayed
    from bench.selector_compare import parse_config

    results: dict = {}
    for text in arms:
        name, config = parse_config(text, DEFAULT_CONFIG)
        per_set: dict[str, list] = {}
        answers = {}
        for row, answer, abstained in replayed(path, config):
            q = row["question"]
            base = judged(q, row["answer"], row["abstained"])
            arm = judged(q, answer, abstained)
            per_set.setdefault(row["set"], []).append((base, arm))
            if answer != row["answer"]:
                answers[q.id] = {"set": row["set"], "question": q.question, "facts": q.facts, "kind": q.kind,
                                 "before": row["answer"], "after": answer, "base": base, "arm": arm}
        table = {s: summary(r) for s, r in per_set.items()}
        table["total"] = summary([pair for r in per_set.values() for pair in r])
        results[name] = {"sets": table, "changed": answers}
        for set_name, line in table.items():
            print(name, set_name, json.dumps(line), flush=True)
    if out:
        out.write_text(json.dumps(results, indent=1, default=str))
    return results


def cross_validated(results: dict) -> dict:
    """Leave-one-set-out: for each set, the arm with the most net fact-first gains on every other set (ties to the
    arm listed later, the more cautious margin when arms are listed by rising margin) is scored on that set; the
    held-out sets' paired counts, summed. `results`: compare()'s, arms sharing the same sets."""
    arms = list(results)
    sets = [s for s in results[arms[0]]["sets"] if s != "total"]

    def net(arm: str, names: list[str]) -> int:
        table = results[arm]["sets"]
        return sum(table[n]["first_gain"] - table[n]["first_loss"] for n in names)

    held: dict = {"chosen": {}}
    keys = ("first_gain", "first_loss", "has_gain", "has_loss")
    totals = dict.fromkeys(keys, 0)
    for name in sets:
        others = [s for s in sets if s != name]
        best = max(range(len(arms)), key=lambda i: (net(arms[i], others), i))
        held["chosen"][name] = arms[best]
        for key in keys:
            totals[key] += results[arms[best]]["sets"][name][key]
    return {**held, **totals}


def points_first(answer: str) -> str:
    """A recorded summary as `summary_points_first` writes it (assistant/summary.py; checked against real asks): no
    "In brief, ..." line, and the section, if one was named, after the bullets. Summaries are not replayed."""
    lead, _, rest = answer.partition("\n")
    if lead == "In brief, the documents make these points:":
        return rest
    named = re.fullmatch(r"In brief, (.*) makes these points:", lead)
    return f"{rest}\nThese points are from {named.group(1)}." if named else answer


def summary_arm(path: Path) -> dict:
    """`summary_points_first` against the recorded answers, per set and in total (compare()'s summary rows)."""
    from bench.answer_replay import recorded_rows

    per_set: dict[str, list] = {}
    for row in recorded_rows(path):
        q = row["question"]
        pair = (judged(q, row["answer"], row["abstained"]), judged(q, points_first(row["answer"]), row["abstained"]))
        per_set.setdefault(row["set"], []).append(pair)
    table = {s: summary(r) for s, r in per_set.items()}
    table["total"] = summary([pair for r in per_set.values() for pair in r])
    return table
