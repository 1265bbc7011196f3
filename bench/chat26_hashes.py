"""Round 26 (qa26): which tune and tuning-probe answers `chat26` changes.

`--static`: every tuning question whose text the small-talk check catches (the switch acts on the question's text
alone, before retrieval, so these are exactly the answers it can change). Otherwise: each answer of a sample is
asked with the switch off and on (one process, arms taking turns) and hashed; prints the ids whose hashes differ.
Reads only the tuning batches (`tuning_questions`): no held-out split. docs/history/round-26-qa26.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from dataclasses import replace

from assistant.config import DEFAULT_CONFIG
from assistant.engine import Assistant
from assistant.question_sets import tuning_questions
from assistant.settings import Settings
from assistant.small_talk import small_talk_answer


def answer_hash(assistant, question) -> str:
    answer = assistant.ask(question.question, list(question.history))
    return hashlib.sha256(json.dumps(answer.to_dict(), sort_keys=True).encode()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--static", action="store_true", help="every question the check catches (no asking)")
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=26)
    args = parser.parse_args()
    questions = tuning_questions()
    if args.static:
        caught = [(q.id, q.question) for q in questions if small_talk_answer(q.question) is not None]
        print(json.dumps({"questions": len(questions), "caught": caught}, ensure_ascii=False, indent=1))
        return
    sample = random.Random(args.seed).sample(questions, min(args.sample, len(questions)))
    off = Assistant(Settings.from_env())
    on = off.with_config(replace(DEFAULT_CONFIG, chat26=True))
    differ = []
    for number, question in enumerate(sample, start=1):
        if answer_hash(off, question) != answer_hash(on, question):
            differ.append(question.id)
            print("differs", question.id, flush=True)
        if number % 100 == 0:
            print(f"{number} asked, {len(differ)} differ", flush=True)
    print(json.dumps({"asked": len(sample), "differ": differ}))


if __name__ == "__main__":
    main()
