"""Dump one-fact tuning answers with what contains20, clinical21 and clinical22 each added (the raw sentence and the
other statements beside it), to replay compact22's cut offline (bench/compact22_replay.py; docs/history/round-22.md,
"Compact added sentences, round 22 (compact22)").

    LTP_DATA_DIR=var PYTHONPATH=. python -m bench.compact22_dump --one-fact --set clinical22=true --out /tmp/c_0.jsonl --shard 0/2

Holdout and unseen are dropped before anything is read (tuning_questions). This script (only it, in its own process)
wraps the three stage functions as `assistant.answer` imported them; each calls the original.
"""

from __future__ import annotations

import argparse

import assistant.answer as answer_module
from assistant.config import DEFAULT_CONFIG
from bench.lists20_dump import add_dump_arguments, dump_tuning_answers


def recording(stage: str, original, capture: dict):
    """A stage function wrapped to record the statement it adds (its text and the other statements' texts)."""
    def wrapped(*args, **kwargs):
        shown = next(a for a in args if isinstance(a, list))
        out = original(*args, **kwargs)
        before = {text for text, _ in shown}
        for text, _ in out:
            if text not in before:
                capture.setdefault("added", []).append(
                    {"stage": stage, "text": text, "others": [t for t, _ in out if t != text]})
        return out
    return wrapped


def main() -> None:
    from assistant.engine import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser()
    add_dump_arguments(parser)
    args = parser.parse_args()
    capture: dict = {}
    for stage, name in (("contains20", "with_runner_up"), ("clinical21", "with_commitment"),
                        ("clinical22", "with_figure")):
        setattr(answer_module, name, recording(stage, getattr(answer_module, name), capture))
    assistant = Assistant(Settings.from_env(), DEFAULT_CONFIG.with_values(args.set))
    dump_tuning_answers(assistant, args, capture, every=50)


if __name__ == "__main__":
    main()
