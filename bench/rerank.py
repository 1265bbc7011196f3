"""The cross-encoder's quality/latency curve on the tune split: which depth, token limit, weight and pair text
keep its gain, and what each costs on this machine.

    .venv/bin/python -m bench.rerank [--data-dir var]

Indexes the bundled corpus in a temporary folder (or uses --data-dir's index). Quality: the tune questions'
retrieval under each variant of PipelineConfig (each a new config from dataclasses.replace). Cost: the time to
score each question's candidates, per depth, token limit and thread count, with no score cache. Prints the two
Markdown tables of docs/benchmarks.md ("Re-ranking") and writes bench/results/rerank.json. Holdout questions are
never run here.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.engine import Assistant
from assistant.evaluate import DEV_SET, Question, contains_facts, load_questions, percentile, select_split
from assistant.rerank import CrossEncoderReranker
from assistant.settings import Settings

RESULTS = Path(__file__).parent / "results"
BASE = replace(DEFAULT_CONFIG, rerank=True, rerank_depth=10, rerank_weight=1.0, rerank_max_tokens=256)
VARIANTS: dict[str, PipelineConfig] = {
    "off": replace(BASE, rerank=False),
    **{f"depth {d}": replace(BASE, rerank_depth=d) for d in (3, 5, 10, 20)},
    **{f"depth 10, weight {w}": replace(BASE, rerank_weight=w) for w in (0.25, 0.5, 2.0, 10.0)},
    **{f"depth 10, {t} tokens": replace(BASE, rerank_max_tokens=t) for t in (64, 128, 192)},
    "depth 10, best sentence": replace(BASE, rerank_pairs="sentence"),
    "depth 10, text without title": replace(BASE, rerank_pairs="text"),
    "depth 5, 128 tokens": replace(BASE, rerank_depth=5, rerank_max_tokens=128),
    "depth 5, weight 10": replace(BASE, rerank_depth=5, rerank_weight=10.0),
    "depth 5, weight 10, 192 tokens": replace(BASE, rerank_depth=5, rerank_weight=10.0, rerank_max_tokens=192),
    "depth 5, weight 10, text without title": replace(BASE, rerank_depth=5, rerank_weight=10.0, rerank_pairs="text"),
    "depth 10, weight 10, text without title": replace(BASE, rerank_weight=10.0, rerank_pairs="text"),
}
COST = [(5, 192, 1), (3, 192, 2), (5, 128, 2), (5, 192, 2), (5, 256, 2), (10, 192, 2), (10, 256, 2), (20, 256, 2)]
COST_QUESTIONS = 40
"""The cost table times the first 40 tune questions: enough for a stable median, and minutes on a shared machine."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", default=str(DEV_SET))
    parser.add_argument("--data-dir", help="use this folder's index instead of building one")
    parser.add_argument("--only", nargs="*", help="only these variants (names as in VARIANTS), and no cost table")
    parser.add_argument("--cost-only", action="store_true", help="only the cost table")
    args = parser.parse_args()
    questions = [q for q in select_split(load_questions(args.questions), "tune") if q.answerable]
    with tempfile.TemporaryDirectory(prefix="ltp-rerank-") as scratch:
        data = Path(args.data_dir) if args.data_dir else Path(scratch)
        base = Assistant(Settings(data_dir=data, corpus_dir=Settings.from_env().corpus_dir), VARIANTS["off"])
        if not args.data_dir:
            base.index(progress=False)
        base.warm()
        base.warm_sentences()
        print(f"{len(questions)} answerable tune questions\n")
        print("| variant | hit@1 | hit@5 | mrr |\n|---|---|---|---|")
        rerankers: dict[tuple, CrossEncoderReranker] = {}
        quality = {}
        for name, config in VARIANTS.items():
            if args.cost_only or (args.only and name not in args.only):
                continue
            key = (config.rerank_max_tokens, config.rerank_batch)
            reranker = rerankers.setdefault(key, CrossEncoderReranker.from_config(config))
            quality[name] = retrieval_metrics(Assistant(base.settings, config, base.embeddings, base.store, reranker),
                                              questions)
            print(f"| {name} | " + " | ".join(str(v) for v in quality[name].values()) + " |", flush=True)
        cost = [] if args.only else cost_table(base, questions)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "rerank.json").write_text(json.dumps({"questions": len(questions), "quality": quality, "cost": cost},
                                                    indent=2))


def cost_table(base: Assistant, questions: list[Question]) -> list[dict]:
    candidates = {q.question: [h.passage.search_text for h in base.retrieve(q.question, list(q.history), k=20)]
                  for q in questions[:COST_QUESTIONS]}
    print(f"\nscoring cost, ms per question (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)\n")
    print("| depth | max tokens | threads | p50 ms | p95 ms |\n|---|---|---|---|---|")
    cost = []
    for depth, tokens, threads in COST:
        p50, p95 = scoring_time(candidates, depth, tokens, threads)
        cost.append({"depth": depth, "max_tokens": tokens, "threads": threads, "p50_ms": p50, "p95_ms": p95})
        print(f"| {depth} | {tokens} | {threads} | {p50} | {p95} |", flush=True)
    return cost


def retrieval_metrics(assistant: Assistant, questions: list[Question]) -> dict:
    ranks = []
    for q in questions:
        texts = [h.passage.search_text for h in assistant.retrieve(q.question, list(q.history), k=10)]
        ranks.append(next((n for n, t in enumerate(texts, start=1) if contains_facts(t, q.facts)), None))
    return {
        "hit@1": round(sum(r == 1 for r in ranks) / len(ranks), 3),
        "hit@5": round(sum(r is not None and r <= 5 for r in ranks) / len(ranks), 3),
        "mrr": round(sum(1 / r for r in ranks if r) / len(ranks), 3),
    }


def scoring_time(candidates: dict[str, list[str]], depth: int, tokens: int, threads: int) -> tuple[float, float]:
    reranker = CrossEncoderReranker(max_tokens=tokens, threads=threads, cache_size=0)
    reranker.warm_up()
    reranker.score("warm up", ["the first run allocates"])
    times = []
    for question, texts in candidates.items():
        started = time.perf_counter()
        reranker.score(question, texts[:depth])
        times.append(time.perf_counter() - started)
    return round(1000 * statistics.median(times), 1), round(1000 * percentile(times, 0.95), 1)


if __name__ == "__main__":
    main()
