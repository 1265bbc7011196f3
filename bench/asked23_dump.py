"""Dump, per answerable one-fact tune or blind tuning probe question, what assistant/asked_sentence.py reads: the
statements the answer has before it (after clinical22), the candidate sentences with the passage each comes from and
their cross-encoder-weighted scores, and the answer; to class why a cited passage's sentence holding the fact was
left out and to replay asked23's settings offline (docs/history/round-23.md, "Answers stating what was asked, round 23").

    LTP_DATA_DIR=var PYTHONPATH=. python -m bench.asked23_dump --out /tmp/a23_0.jsonl --shard 0/2 [--set field=value]

Held-out splits (holdout, unseen) are dropped before anything is read. The stage runs as a recorder that returns
the statements unchanged (this script only, in its own process), so the answers are those of the --set arm.
"""

from __future__ import annotations

import argparse

import assistant.answer as answer_module
from assistant.answer_style import LIST_KINDS
from assistant.config import DEFAULT_CONFIG
from assistant.question_sets import tuning_questions
from bench.contains19_dump import dump
from bench.lists20_dump import add_dump_arguments, this_shard


def main() -> None:
    from assistant.engine import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser()
    add_dump_arguments(parser)
    args = parser.parse_args()
    config = DEFAULT_CONFIG.with_values([*args.set, "asked23=true"])
    capture: dict = {}

    def recorder(question, shown, candidates, ranked, *settings):
        capture.setdefault("stages", []).append({
            "asked": question, "shown": [[text, list(ranks)] for text, ranks in shown],
            "candidates": [list(c) for c in candidates],
            "ranked": None if ranked is None else [round(float(r), 4) for r in ranked]})
        return shown

    answer_module.with_asked = recorder
    assistant = Assistant(Settings.from_env(), config)
    questions = this_shard([q for q in tuning_questions() if q.answerable and q.kind not in LIST_KINDS], args)
    dump(assistant, questions, args.out, capture, every=100)


if __name__ == "__main__":
    main()
