"""The repeated-run check of steady24: run it several times (fresh processes, side by side, on a busy machine) over
the same question files and compare the digests it prints. The defaults' dense candidates come from Chroma's HNSW
index, which each process that opens the index rebuilds in part with two threads; steady24's from an exact search.

    .venv/bin/python -m bench.steady_dense bench/blind_probe_98.jsonl bench/blind_probe_99.jsonl --data-dir var

Prints, for this process: a digest of every question's top-`candidates` dense list (ids and similarities) each
way, and how many questions' HNSW lists hold other passages than the exact search's. Reads no answers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from assistant.conversation import clean_question, parse_history
from assistant.engine import Assistant
from assistant.evaluate import load_questions
from assistant.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    settings = Settings.from_env()
    if args.data_dir:
        settings = settings.with_data_dir(args.data_dir)
    assistant = Assistant(settings)
    retriever = assistant.snapshot().retriever
    exact, depth = retriever._exact_dense(), assistant.config.candidates
    approximate, exactly, differ = [], [], 0
    for q in [q for path in args.files for q in load_questions(path)]:
        query = assistant._query(clean_question(q.question), parse_history(list(q.history)))
        vector = assistant.embeddings.embed_query(query)
        found = sorted(retriever.store.query(retriever.generation, vector, depth, None), key=lambda d: (-d[1], d[0]))
        best = exact.nearest(vector, depth)
        approximate.append([(i, repr(s)) for i, s in found])
        exactly.append([(i, repr(s)) for i, s in best])
        differ += {i for i, _ in found} != {i for i, _ in best}

    def digest(lists: list) -> str:
        return hashlib.sha256(json.dumps(lists).encode()).hexdigest()[:12]

    print(json.dumps({"questions": len(exactly), "defaults (HNSW)": digest(approximate),
                      "steady24 (exact)": digest(exactly), "HNSW lists not the exact passages": differ}))


if __name__ == "__main__":
    main()
