"""Write assistant/data/users_words.txt: the words askers of answerable tuning questions use that the documents never
do ("kids", "husband", "HSJ"), which assistant/near_miss.py does not take for a thing the documents lack. Only the
tuning sets (assistant.question_sets.tuning_batches) are read.

    .venv/bin/python -m bench.nearmiss26_words [--data-dir var]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from assistant.engine import Assistant
from assistant.near_miss import is_known
from assistant.premise import STOP_WORDS
from assistant.question_sets import tuning_batches
from assistant.settings import Settings

OUT = Path(__file__).resolve().parent.parent / "assistant" / "data" / "users_words.txt"
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an indexed data dir (default: the settings' data dir)")
    args = parser.parse_args()
    settings = Settings.from_env()
    if args.data_dir:
        settings = settings.with_data_dir(args.data_dir)
    known = Assistant(settings).snapshot().vocabulary
    words = {word.lower() for _, questions in tuning_batches() for q in questions if q.answerable
             for word in _WORD.findall(q.question)
             if len(word) >= 3 and word.lower() not in STOP_WORDS and not is_known(word, known)}
    OUT.write_text("# written by bench/nearmiss26_words.py: users' words for what the documents cover\n"
                   + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
