"""The cross-encoder's quality/latency curve on the tune split: which depth, token limit, weight and pair text
keep its gain, and what each costs on this machine.

    .venv/bin/python -m bench.rerank [--data-dir var]
    .venv/bin/python -m bench.rerank --data-dir var --curve [main "parts 0/0" ...]


Indexes the bundled corpus in a temporary folder (or uses --data-dir's index). Quality: the tune questions'
retrieval under each variant of PipelineConfig (each a new config from dataclasses.replace). Cost: the time to
score each question's candidates, per depth, token limit and thread count, with no score cache. Prints the two
Markdown tables of docs/history/reranking.md ("Re-ranking") and writes bench/results/rerank.json. Holdout questions are
never run here.

--curve times whole `ask` calls instead (the quality/latency curve): every tune question is asked once under each
of CURVE's configurations, warm, in one process, the configurations taking turns question by question (so a busy
moment on the shared machine slows them all alike), each ask with an empty score cache. It prints contains-fact,
hit@1, wall-clock p50/p95, p95 as a ratio of main's, the process's CPU time per ask (what the ask costs, which
other people's jobs change far less than its wall-clock time) and the pairs the model read per question.
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
MAIN = replace(DEFAULT_CONFIG, rerank_part_depth=5, sentence_rerank_part_depth=6, rerank_pad_bucket=16)
"""main's settings before the latency round: passages at depth 5 (192 tokens), 6 answer sentences, and each part
of a two-part question searched and answered with the same depths."""
PARTS = replace(MAIN, rerank_part_depth=2, sentence_rerank_part_depth=3)
CURVE: dict[str, PipelineConfig] = {
    "main": MAIN,
    "off": replace(MAIN, rerank=False),
    "parts 0/0": replace(MAIN, rerank_part_depth=0, sentence_rerank_part_depth=0),
    "parts 0/3": replace(MAIN, rerank_part_depth=0, sentence_rerank_part_depth=3),
    "parts 2/0": replace(MAIN, rerank_part_depth=2, sentence_rerank_part_depth=0),
    "parts 2/3": PARTS,
    "parts 2/3, exact length (new defaults)": replace(PARTS, rerank_pad_bucket=1),
    "parts 2/3, sentences 4": replace(PARTS, sentence_rerank_depth=4),
    "parts 2/3, depth 4": replace(PARTS, rerank_depth=4),
    "parts 2/3, 160 tokens": replace(PARTS, rerank_max_tokens=160),
    "parts 2/3, 1 thread": replace(PARTS, rerank_threads=1),
    "now": DEFAULT_CONFIG,
    "no gates": replace(DEFAULT_CONFIG, rerank_gate=0.0, sentence_rerank_gate=0.0),
    **{f"now, {t} tokens": replace(DEFAULT_CONFIG, rerank_max_tokens=t) for t in (128, 160)},
    **{f"passage gate {g}": replace(DEFAULT_CONFIG, rerank_gate=g, sentence_rerank_gate=0.0) for g in (0.05, 0.07, 0.1)},
    **{f"sentence gate {g}": replace(DEFAULT_CONFIG, rerank_gate=0.0, sentence_rerank_gate=g) for g in (0.1, 0.15, 0.2)},
    **{f"gates {p}/{s}": replace(DEFAULT_CONFIG, rerank_gate=p, sentence_rerank_gate=s)
       for p, s in ((0.07, 0.15), (0.1, 0.2), (0.05, 0.15), (0.04, 0.15), (0.07, 0.1), (0.07, 0.12), (0.05, 0.12))},
    "now, 1 thread": replace(DEFAULT_CONFIG, rerank_threads=1),
    "now, sentences 5": replace(DEFAULT_CONFIG, sentence_rerank_depth=5),
    "now, sentences 4": replace(DEFAULT_CONFIG, sentence_rerank_depth=4),
    "now, depth 4": replace(DEFAULT_CONFIG, rerank_depth=4),
    "now, part sentences 2": replace(DEFAULT_CONFIG, sentence_rerank_part_depth=2),
    **{f"confirm {c}": replace(DEFAULT_CONFIG, rerank_confirm=c) for c in (0.5, 0.8, 0.9, 0.95, 0.98, 0.99)},
}
"""Gates (issue 16, latency4): the cross-encoder skips a search's passages (`rerank_gate`) or an answer's sentences
(`sentence_rerank_gate`) when the first stage's top score already leads the second by that much; "gates a/b" both.
Parts "a/b": each part of a two-part question searched with the cross-encoder at depth a and answered with b
sentences read by it."""
COST_QUESTIONS = 40
"""The cost table times the first 40 tune questions: enough for a stable median, and minutes on a shared machine."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", default=str(DEV_SET))
    parser.add_argument("--data-dir", help="use this folder's index instead of building one")
    parser.add_argument("--only", nargs="*", help="only these variants (names as in VARIANTS), and no cost table")
    parser.add_argument("--cost-only", action="store_true", help="only the cost table")
    parser.add_argument("--curve", nargs="*", help="the quality/latency curve of these CURVE names (all if none)")
    parser.add_argument("--torch-threads", type=int, help="torch's threads for the embedding model (its default: "
                        "one per core; on a busy machine one thread embeds a query 20 times faster)")
    args = parser.parse_args()
    if args.torch_threads:
        import torch

        torch.set_num_threads(args.torch_threads)
    if args.curve is not None:
        return curve(Path(args.data_dir) if args.data_dir else Settings.from_env().data_dir,
                     select_split(load_questions(args.questions), "tune"), args.curve or list(CURVE))
    questions = [q for q in select_split(load_questions(args.questions), "tune") if q.answerable]
    with tempfile.TemporaryDirectory(prefix="ltp-rerank-") as scratch:
        data = Path(args.data_dir) if args.data_dir else Path(scratch)
        base = Assistant(Settings.from_env().with_data_dir(data), VARIANTS["off"])
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


def curve(data: Path, questions: list[Question], names: list[str]) -> None:
    """Each configuration's tune quality and warm `ask` latency, measured side by side (see the module's doc)."""
    base = Assistant(Settings.from_env().with_data_dir(data), CURVE["off"])
    base.warm()
    base.warm_sentences()
    shared: list[CrossEncoderReranker] = []
    assistants = {}
    for name in names:
        config = CURVE[name]
        reranker = next((r for r in shared if r.fits(config)), None) or CrossEncoderReranker.from_config(config)
        shared.append(reranker)
        assistants[name] = Assistant(base.settings, config, base.embeddings, base.store,
                                     reranker if config.rerank else None)
        assistants[name].warm()
        assistants[name].ask("how many people does a primary care network cover?")
    runs: dict[str, list[dict]] = {name: [] for name in names}
    load = [os.getloadavg()[0]]
    for n, q in enumerate(questions):
        for name in names[n % len(names):] + names[: n % len(names)]:
            assistant = assistants[name]
            reranker = assistant.reranker
            assistant.embeddings._cached_query.cache_clear()  # every configuration embeds the question itself
            if reranker is not None:
                reranker._cache.clear()
                before = reranker.pairs_scored
            started, cpu = time.perf_counter(), time.process_time()
            answer = assistant.ask(q.question, list(q.history))
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            pairs = reranker.pairs_scored - before if reranker is not None else 0
            texts = [h.passage.search_text for h in assistant.retrieve(q.question, list(q.history), k=1)]
            runs[name].append({"seconds": seconds, "cpu": cpu, "pairs": pairs, "answerable": q.answerable,
                               "refused": answer.abstained,
                               "fact": not answer.abstained and contains_facts(answer.answer, q.facts),
                               "hit1": bool(texts) and contains_facts(texts[0], q.facts)})
        load.append(os.getloadavg()[0])
    main_p95 = percentile([r["seconds"] for r in runs[names[0]]], 0.95)
    import torch

    print(f"{len(questions)} tune questions ({sum(q.answerable for q in questions)} answerable); load average "
          f"{min(load):.1f} to {max(load):.1f} on {os.cpu_count()} cores; torch threads {torch.get_num_threads()}\n")
    print("| configuration | contains fact | hit@1 | out of scope refused | in scope refused | p50 ms | p95 ms "
          f"| p95 / {names[0]} | CPU p50 ms | CPU p95 ms "
          "| pairs mean | pairs max |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    rows = {}
    for name, results in runs.items():
        answerable = [r for r in results if r["answerable"]]
        times = [r["seconds"] for r in results]
        rows[name] = {
            "contains_fact": round(sum(r["fact"] for r in answerable) / len(answerable), 3),
            "hit@1": round(sum(r["hit1"] for r in answerable) / len(answerable), 3),
            "refused_out_of_scope": f"{sum(r['refused'] for r in results if not r['answerable'])}/"
                                    f"{sum(not r['answerable'] for r in results)}",
            "refused_in_scope": sum(r["refused"] for r in answerable),
            "p50_ms": round(1000 * statistics.median(times)), "p95_ms": round(1000 * percentile(times, 0.95)),
            "p95_ratio": round(percentile(times, 0.95) / main_p95, 2),
            "cpu_p50_ms": round(1000 * statistics.median(r["cpu"] for r in results)),
            "cpu_p95_ms": round(1000 * percentile([r["cpu"] for r in results], 0.95)),
            "pairs_mean": round(statistics.mean(r["pairs"] for r in results), 1),
            "pairs_max": max(r["pairs"] for r in results)}
        print(f"| {name} | " + " | ".join(str(v) for v in rows[name].values()) + " |", flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "rerank_curve.json").write_text(json.dumps(
        {"questions": len(questions), "load": [min(load), max(load)], "curve": rows,
         "torch_threads": torch.get_num_threads(),
         "configs": {name: CURVE[name].describe() for name in names}}, indent=2))


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
