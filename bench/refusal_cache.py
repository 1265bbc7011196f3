"""What main's defaults decide for every tuning question, retrieved once and kept, so refusal rules can be re-scored
without retrieval: the passages, scores and the learned signal's verdict per question, pickled.

    .venv/bin/python -m bench.refusal_cache OUT.pkl [--data DIR]

Reads only tuning data: the dev set's tune split, the blind probes' "probe" split, bench/refusal_probe.jsonl's tune
split and bench/refusal_probe_8.jsonl's "probe" half (never a sealed, holdout or unseen question). Each entry is one
`bench.abstention.Retrieved` plus the learned signal's verdict, as `Assistant.ask` would reach it (rules first).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

from assistant.config import DEFAULT_CONFIG
from assistant.conversation import clean_question, parse_history
from assistant.engine import Assistant
from assistant.evaluate import load_questions, select_split
from assistant.scope import best_rerank
from assistant.settings import Settings
from bench.abstention import Retrieved

TUNING = (("dev_questions.jsonl", "tune"), ("refusal_probe.jsonl", "tune"), ("refusal_probe_8.jsonl", "probe"))
"""Tuning files and their tuned split, beside every blind_probe_*.jsonl's "probe" split."""


def tuning_questions(bench: Path = Path("bench")) -> list:
    """(file name, Question) for every tuning question."""
    files = [(bench / name, split) for name, split in TUNING]
    files += [(path, "probe") for path in sorted(bench.glob("blind_probe_*.jsonl"))]
    return [(path.name, q) for path, split in files for q in select_split(load_questions(path), split)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    settings = Settings.from_env()
    if args.data:
        settings = settings.with_data_dir(args.data)
    args.out.write_bytes(pickle.dumps(retrieved(Assistant(settings), tuning_questions())))


def retrieved(assistant: Assistant, questions: list) -> list:
    """(file name, `Retrieved`, the learned signal's verdict) per (file name, Question), as `ask` reaches them."""
    snapshot = assistant.snapshot()
    rows = []
    for n, (name, q) in enumerate(questions):
        text = clean_question(q.question)
        query = assistant._query(text, parse_history(list(q.history)))
        hits = snapshot.retriever.search_question(query, k=5)
        learned = bool(hits) and assistant.learned_refusals.question_refusal(
            text, query, hits, snapshot, assistant.embeddings, DEFAULT_CONFIG) is not None
        item = Retrieved(q, text, None, query, tuple(h.passage.search_text for h in hits),
                         max((h.similarity for h in hits), default=0.0), best_rerank(hits))
        rows.append((name, item, learned))
        if n % 100 == 0:
            print(n, len(questions), file=sys.stderr, flush=True)
    return rows


if __name__ == "__main__":
    main()
