"""Mechanical rewordings of tune questions, and which refusal rule each family trips. A rule that refuses an
answerable question once "please" or "I work in Norfolk -" is put around it is keyed on the wording, not on what is
asked; one that answers a to-refuse question lowercased is keyed on capitals.

    .venv/bin/python -m bench.rewording_families [--data DIR] [--families lower,please] [--flips]

Reads bench/dev_questions.jsonl's tune split only, rewords each question every way in FAMILIES, and decides its
refusal the way bench.abstention does (one retrieval per rewording). Prints, per family, in-scope refused and
out-of-scope answered, with the rules that decided; --flips lists every wrong decision whose original was right.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from assistant.config import DEFAULT_CONFIG
from assistant.engine import Assistant
from assistant.evaluate import DEV_SET, Question, load_questions, select_split
from assistant.settings import Settings
from bench.abstention import refusal_rule, retrieve_all, short_rule


def _lead(question: str) -> str:
    """The question as the rest of a sentence: first letter lower-cased unless it is an acronym ("ICS", "NHS")."""
    first = question.split(" ", 1)[0]
    return question if first[1:2].isupper() or first == "I" else question[:1].lower() + question[1:]


def _bare(question: str) -> str:
    return question.rstrip(" ?")


FAMILIES: dict[str, Callable[[str], str]] = {
    "original": lambda q: q,
    "role": lambda q: f"As a physiotherapy manager, {_lead(q)}",
    "in 2019": lambda q: f"In 2019, {_lead(q)}",
    "currently": lambda q: f"Currently, {_lead(q)}",
    "our ICS": lambda q: f"In our ICS we keep asking this: {_lead(q)}",
    "town": lambda q: f"I work in Norfolk - {_lead(q)}",
    "lowercase": lambda q: q.lower(),
    "no question mark": _bare,
    "can you tell me": lambda q: f"Can you tell me {_lead(_bare(q))}?",
    "please": lambda q: f"{_bare(q)}, please?",
}
"""Each way a user might put the same question: context before it, case, punctuation, politeness."""


def reworded(questions: list[Question], family: str) -> list[Question]:
    return [replace(q, question=FAMILIES[family](q.question), id=f"{q.id}#{family}") for q in questions]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="an indexed data dir (default: the settings' data dir)")
    parser.add_argument("--families", default=",".join(FAMILIES), help="comma-separated family names")
    parser.add_argument("--every", type=int, default=1, help="reword every Nth tune question only (each family "
                        "takes a retrieval per question: all 368 take about 4 minutes on two busy cores)")
    parser.add_argument("--flips", action="store_true", help="list each rewording decided differently from its original")
    args = parser.parse_args()
    settings = Settings.from_env()
    if args.data:
        settings = settings.with_data_dir(args.data)
    assistant = Assistant(settings)
    tune = select_split(load_questions(DEV_SET), "tune")[::args.every]
    decide = {}
    for family in ["original"] + [f for f in args.families.split(",") if f != "original"]:
        found = retrieve_all(assistant, reworded(tune, family))
        rules = {f.question.id.split("#")[0]: refusal_rule(f, assistant, DEFAULT_CONFIG) for f in found}
        decide[family] = rules
        ins = [q for q in tune if q.answerable]
        out = [q for q in tune if not q.answerable]
        wrong_in = Counter(short_rule(rules[q.id])[:50] for q in ins if rules[q.id])
        wrong_out = Counter(q.kind for q in out if not rules[q.id])
        print(f"{family}: in-scope refused {sum(bool(rules[q.id]) for q in ins)}/{len(ins)}, "
              f"out-of-scope answered {sum(not rules[q.id] for q in out)}/{len(out)}", flush=True)
        for rule, n in wrong_in.most_common():
            print(f"    in-scope refused by {rule!r} x{n}")
        for kind, n in wrong_out.most_common():
            print(f"    out-of-scope answered, kind {kind} x{n}")
        if args.flips and family != "original":
            for f in found:
                q = f.question
                base = q.id.split("#")[0]
                if bool(rules[base]) == q.answerable and bool(decide["original"][base]) != q.answerable:
                    wrong = "in-scope refused" if rules[base] else "out-of-scope answered"
                    print(f"      {wrong}: {base} [{q.kind}] {q.question!r} -> {short_rule(rules[base])}")


if __name__ == "__main__":
    main()
