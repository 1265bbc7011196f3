"""The cross-encoder's quality/latency curve on the tune split: which depth, token limit, weight, pair text and
thread count keep its gain for the least time.

    .venv/bin/python -m bench.rerank [--data-dir var] [--only NAME ...]

Indexes the bundled corpus in a temporary folder (or uses --data-dir's index), answers the tune questions under
each variant of PipelineConfig and prints the Markdown table of docs/benchmarks.md ("Re-ranking"). Every
variant is a new config (dataclasses.replace) and a new re-ranker without a score cache, so each row pays its own
re-ranking; query embeddings are computed once before the first row, so the latency columns compare re-ranking
costs (bench.speed measures whole warm answers). Holdout questions are never run here.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import replace
from pathlib import Path

from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.engine import Assistant
from assistant.evaluate import DEV_SET, AssistantSystem, evaluate, load_questions, select_split
from assistant.rerank import CrossEncoderReranker
from assistant.settings import Settings

RESULTS = Path(__file__).parent / "results"
BASE = replace(DEFAULT_CONFIG, rerank=True)
VARIANTS: dict[str, PipelineConfig] = {
    "off": replace(BASE, rerank=False),
    **{f"depth {d}": replace(BASE, rerank_depth=d) for d in (5, 10, 15, 20)},
    **{f"weight {w}": replace(BASE, rerank_weight=w) for w in (0.25, 0.5, 2.0, 5.0)},
    **{f"{t} tokens": replace(BASE, rerank_max_tokens=t) for t in (96, 128, 192, 384)},
    "best sentence": replace(BASE, rerank_pairs="sentence"),
    "1 thread": replace(BASE, rerank_threads=1),
    "batch 10": replace(BASE, rerank_batch=10),
}
COLUMNS = ["hit@1", "hit@5", "mrr", "answer_contains_fact", "latency_p50_ms", "latency_p95_ms"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", default=str(DEV_SET))
    parser.add_argument("--data-dir", help="use this folder's index instead of building one")
    parser.add_argument("--only", nargs="*", help="run only these variants (names as in VARIANTS)")
    args = parser.parse_args()
    questions = select_split(load_questions(args.questions), "tune")
    with tempfile.TemporaryDirectory(prefix="ltp-rerank-") as scratch:
        data = Path(args.data_dir) if args.data_dir else Path(scratch)
        base = Assistant(Settings(data_dir=data, corpus_dir=Settings.from_env().corpus_dir), VARIANTS["off"])
        if not args.data_dir:
            base.index(progress=False)
        base.warm()
        base.warm_sentences()
        for q in questions:  # every row then finds the question's embedding cached
            base.retrieve(q.question, list(q.history))
        rows = {}
        print(f"{len(questions)} tune questions\n")
        print("| variant | " + " | ".join(COLUMNS) + " |\n|---|" + "---|" * len(COLUMNS))
        for name, config in VARIANTS.items():
            if args.only and name not in args.only:
                continue
            rows[name] = run(base, config, questions)
            print(f"| {name} | " + " | ".join(str(rows[name][c]) for c in COLUMNS) + " |", flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "rerank.json").write_text(json.dumps({"questions": len(questions), "rows": rows}, indent=2))


def run(base: Assistant, config: PipelineConfig, questions) -> dict:
    reranker = CrossEncoderReranker(max_tokens=config.rerank_max_tokens, threads=config.rerank_threads,
                                    batch_size=config.rerank_batch, cache_size=0) if config.rerank else None
    assistant = Assistant(base.settings, config, base.embeddings, base.store, reranker)
    assistant.warm()
    return evaluate(AssistantSystem(assistant), questions).metrics()


if __name__ == "__main__":
    main()
