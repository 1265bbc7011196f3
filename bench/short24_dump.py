"""Dump one-fact tuning answers with which of their statements a completing stage added (contains20, clinical21,
clinical22), to replay short24's reordering offline (bench/short24_replay.py; docs/history/round-24.md, "Shorter
answers, fact first, round 24 (short24)").

    LTP_DATA_DIR=var PYTHONPATH=. python -m bench.short24_dump --one-fact --out /tmp/s_0.jsonl --shard 0/2

Holdout and unseen are dropped before anything is read (tuning_questions). This script (only it, in its own process)
wraps `compacted_statements` as `assistant.answer` imported it: its `flags` say, by position, which statements a stage
added (None: the lead or a chosen statement); the wrapper calls the original.
"""

from __future__ import annotations

import argparse

import assistant.answer as answer_module
import assistant.question_route as route_module
from assistant.config import DEFAULT_CONFIG
from bench.lists20_dump import add_dump_arguments, dump_tuning_answers


def recording(original, capture: dict):
    """`compacted_statements` wrapped to record the question it reads (a follow-up's own words), the statements it
    returns and which were added (by position)."""
    def wrapped(question, shown, flags):
        out = original(question, shown, flags)
        capture["asked"] = question
        capture["statements"] = [text for text, _ in out]
        capture["added"] = [flag is not None for flag in flags]
        return out
    return wrapped


def recording_parts(original, capture: dict):
    """`extractive_answer` wrapped to record how many parts the question was split into and what it reads as asked."""
    def wrapped(*args, **kwargs):
        capture["parts"] = len(kwargs.get("parts") or ())
        capture["query"] = kwargs.get("asked") or args[1]  # what the answer stage reads as asked
        return original(*args, **kwargs)
    return wrapped


def main() -> None:
    from assistant.engine import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser()
    add_dump_arguments(parser)
    args = parser.parse_args()
    capture: dict = {}
    answer_module.compacted_statements = recording(answer_module.compacted_statements, capture)
    route_module.extractive_answer = recording_parts(route_module.extractive_answer, capture)
    assistant = Assistant(Settings.from_env(), DEFAULT_CONFIG.with_values(args.set))
    dump_tuning_answers(assistant, args, capture, every=100)


if __name__ == "__main__":
    main()
