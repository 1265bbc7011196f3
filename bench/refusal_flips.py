"""Which questions of a probe file the refusal rules get wrong, one line each with the rule that decided it: an
in-scope question refused, or an out-of-scope one answered. For rewording probes (bench/rewording_probe.jsonl):

    .venv/bin/python -m bench.refusal_flips bench/rewording_probe.jsonl [more files] [--data DIR] [--split SPLIT]

Reads each file's tune split (or --split: "probe" for bench/refusal_probe_8.jsonl's tuned half; a held-out split
such as "probe-sealed" prints only its counts, never which questions it misses) and decides refusals the way
bench.abstention does (retrieval once, then the scope rules and the similarity floor), so it takes one retrieval pass
per question, not a full answer.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.config import DEFAULT_CONFIG
from assistant.engine import Assistant
from assistant.evaluate import HELD_OUT, SPLITS, load_questions, select_split
from assistant.settings import Settings
from bench.abstention import refusal_rule, retrieve_all, short_rule


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--data", type=Path, help="an indexed data dir (default: the settings' data dir)")
    parser.add_argument("--split", choices=SPLITS, default="tune", help="which split of each file (default tune)")
    args = parser.parse_args()
    settings = Settings.from_env()
    if args.data:
        settings = settings.with_data_dir(args.data)
    assistant = Assistant(settings)
    for path in args.files:
        found = retrieve_all(assistant, select_split(load_questions(path), args.split))
        refused = {f.question.id: refusal_rule(f, assistant, DEFAULT_CONFIG) for f in found}
        for f in found:
            rule = refused[f.question.id]
            if bool(rule) == f.question.answerable and args.split not in HELD_OUT:
                wrong = "in-scope refused" if rule else "out-of-scope answered"
                print(f"  {wrong}: {f.question.id} [{f.question.kind}] {f.question.question!r} -> {short_rule(rule)}")
        out = [f for f in found if not f.question.answerable]
        ins = [f for f in found if f.question.answerable]
        print(f"{path}: out-of-scope refused {sum(bool(refused[f.question.id]) for f in out)}/{len(out)}, "
              f"in-scope refused {sum(bool(refused[f.question.id]) for f in ins)}/{len(ins)}\n")


if __name__ == "__main__":
    main()
