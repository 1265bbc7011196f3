"""Retrieve every labelled question of some question files once and keep what the refusal rules read (question,
search query, passages, similarity, cross-encoder scores), so refusal rules and fitted gates can be compared
offline on all of them in seconds:

    .venv/bin/python -m bench.refusal_dump bench/dev_questions.jsonl:tune bench/blind_probe_7.jsonl:probe ... --out X.pkl

Each argument is PATH:SPLIT. Held-out splits are refused (their questions are never read).
"""

from __future__ import annotations

import argparse
import pickle
from dataclasses import dataclass
from pathlib import Path

from assistant import safety
from assistant.conversation import clean_question, parse_history
from assistant.engine import Assistant
from assistant.evaluate import HELD_OUT, load_questions, select_split
from assistant.outline_answers import outline_answer
from assistant.scope import best_rerank
from assistant.settings import Settings
from bench.abstention import Retrieved, retrieve_all


@dataclass(frozen=True)
class Dumped:
    """One question as the refusal rules see it, with the file it came from and each passage's scores."""

    source: str
    item: Retrieved
    hits: tuple[tuple[str, float, float | None], ...] = ()
    """(doc_id, similarity, cross-encoder score) of each passage read, best first."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    assistant = Assistant(Settings.from_env())
    snapshot = assistant.snapshot()
    dumped = []
    for spec in args.files:
        path, split = spec.rsplit(":", 1)
        if split in HELD_OUT:
            raise SystemExit(f"{spec}: held-out splits are not read")
        questions = select_split(load_questions(Path(path)), split)
        for q in questions:
            text = clean_question(q.question)
            early = retrieve_all(assistant, [q])[0] if safety.signposting_answer(text) is not None or \
                outline_answer(text, snapshot.sections, snapshot.passages, snapshot.documents, None) else None
            if early is not None:
                dumped.append(Dumped(Path(path).stem, early))
                continue
            query = assistant._query(text, parse_history(list(q.history)))
            found = snapshot.retriever.search_question(query, k=5)
            item = Retrieved(q, text, None, query, tuple(h.passage.search_text for h in found),
                             max(h.similarity for h in found), best_rerank(found))
            dumped.append(Dumped(Path(path).stem, item,
                                 tuple((h.passage.doc_id, h.similarity, h.rerank_score) for h in found)))
        print(f"{spec}: {len(questions)} questions", flush=True)
    args.out.write_bytes(pickle.dumps(dumped))


if __name__ == "__main__":
    main()
