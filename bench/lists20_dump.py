"""Dump, per answerable list, broad or two-part tune or blind tuning probe question, the route it took (summary
bullets, the extractive stages, the programme finder, a refusal), the passages searched (top 10), the answer and its
citations: to class why list answers leave items out (docs/history/round-20.md, "List, broad and two-part answers,
round 20 (lists20)").

    PYTHONPATH=. python -m bench.lists20_dump --out /tmp/dump.jsonl [--set lists20=true] [--shard 0/2] [--ids FILE]

Held-out splits (holdout, unseen) are dropped before anything is read. To see the route without hooks in the pipeline,
this script (only it, in its own process) wraps two methods for the run; each calls the original.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import assistant.question_route as route_module
from assistant.answer_style import LIST_KINDS
from assistant.config import DEFAULT_CONFIG
from assistant.question_sets import tuning_questions
from bench.contains19_dump import dump


def add_dump_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every tuning-question dump takes (lists20, broad22)."""
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--set", action="append", default=[], help="field=value over the defaults")
    parser.add_argument("--shard", default="0/1")
    parser.add_argument("--ids", type=Path, help="a file of question ids, one a line: only these are asked")
    parser.add_argument("--one-fact", action="store_true", help="the other answerable questions (not list kinds)")


def recording_answer(original, capture: dict):
    """`QuestionRoute._answer` wrapped to record the first search's top 10 passages and its query."""
    def answer(self, text, query, k, doc_id):
        routed = original(self, text, query, k, doc_id)
        capture.setdefault("hits", [h.passage.text for h in routed.hits[:10]])
        capture.setdefault("query", query)
        return routed
    return answer


def this_shard(questions: list, args: argparse.Namespace) -> list:
    """The questions --ids keeps, in a hashed order (so any prefix of the run spans the batches), this --shard's."""
    if args.ids:
        wanted = set(args.ids.read_text().split())
        questions = [q for q in questions if q.id in wanted]
    part, parts = (int(x) for x in args.shard.split("/"))
    return sorted(questions, key=lambda q: hashlib.sha1(q.id.encode()).hexdigest())[part::parts]


def dump_tuning_answers(assistant, args: argparse.Namespace, capture: dict, every: int) -> None:
    """Ask the answerable tuning questions --one-fact picks (one-fact kinds, or list kinds), this --shard's, and dump
    each answer with what `capture` recorded (the dumps of lists20, compact22 and short24 share this)."""
    questions = this_shard([q for q in tuning_questions() if q.answerable and (q.kind in LIST_KINDS) != args.one_fact],
                           args)
    dump(assistant, questions, args.out, capture, every=every)


def main() -> None:
    from assistant.engine import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser()
    add_dump_arguments(parser)
    args = parser.parse_args()
    config = DEFAULT_CONFIG.with_values(args.set)
    capture: dict = {}
    route_class = route_module.QuestionRoute
    original_answer, original_summary = route_class._answer, route_class._summary

    answer = recording_answer(original_answer, capture)

    def summary(self, question, query, searched, doc_id):
        result = original_summary(self, question, query, searched, doc_id)
        capture["summary"] = result is not None
        return result

    route_class._answer, route_class._summary = answer, summary
    assistant = Assistant(Settings.from_env(), config)
    dump_tuning_answers(assistant, args, capture, every=50)


if __name__ == "__main__":
    main()
