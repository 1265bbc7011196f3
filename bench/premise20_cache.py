"""Round 20's premise check needs the retrieval of only the questions it could read: every false-premise, near-miss
and later-document question of the tuning data, and every answerable one worded like them ("why", "when", "how
much", a change verb). Kept as bench/refusal_cache.py keeps all of them, in shards.

    .venv/bin/python -m bench.premise20_cache OUT.pkl --shard 0/2
"""

from __future__ import annotations

import argparse
import pickle
import re
from pathlib import Path

from assistant.engine import Assistant
from assistant.settings import Settings
from bench.refusal_cache import retrieved, tuning_questions

KINDS = ("false-premise", "near-miss", "later-document")
SHAPE = re.compile(r"\b(why|when|what year|what date|how much|how many|who|reason|scrap|abolish|cut|replac|ban|end|"
                   r"drop|remov|withdr|axe|ditch|reduc|stop)\w*\b", re.I)
"""The wordings the premise check reads: a question without one of them is never refused by it."""


def selected() -> list:
    """(file name, Question) for the tuning questions the check could read."""
    return [(name, q) for name, q in tuning_questions() if q.kind in KINDS or SHAPE.search(q.question)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--shard", default="0/1")
    args = parser.parse_args()
    part, parts = (int(n) for n in args.shard.split("/"))
    rows = retrieved(Assistant(Settings.from_env()), selected()[part::parts])
    args.out.write_bytes(pickle.dumps(rows))

if __name__ == "__main__":
    main()
