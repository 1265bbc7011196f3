"""CPU per answer on the tune split, and where the cross-encoder's pairs come from: the steady measure of an ask's
cost on a shared machine (wall-clock time measures the other people's jobs as much as the code).

    .venv/bin/python -m bench.cpu_per_answer --data-dir var [--every 1] [--out bench/results/cpu_per_answer.json]
    .venv/bin/python -m bench.cpu_per_answer --data-dir var --versus refuse_before_rerank=false
    .venv/bin/python -m bench.cpu_per_answer --data-dir var --questions bench/blind_probe_7.jsonl --split probe
    .venv/bin/python -m bench.cpu_per_answer --data-dir var --versus-query-encoder torch

Every tune question (or every n-th) is asked once, warm, in one process, with the query-embedding and score caches
emptied before each ask, as a question not seen before. Per ask it records the process's CPU time, the pairs and
tokens the cross-encoder read by stage (the question's passages, each part's passages, a refusal's related
passages, the answer's sentences, each part's sentences, a broad question's bullets), the query texts embedded and
the answer JSON, so two
runs (before and after a change) can be compared answer by answer with `--compare`; `--versus` runs a second
configuration in the same process, the two taking turns question by question (`--versus-query-encoder`: the same
configuration with questions embedded by torch or by the ONNX export). Holdout is never asked.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.config import DEFAULT_CONFIG
from assistant.engine import Assistant
from assistant.evaluate import DEV_SET, load_questions, percentile, select_split
from assistant.settings import Settings
from indexer.embeddings import SentenceEmbeddings

RESULTS = Path(__file__).parent / "results"
STAGES = (("_related_hits", "related passages"), ("_summary", "broad search"), ("_answer_part", "part sentences"),
          ("_cross_encoded", "answer sentences"), ("<listcomp>", "part passages"), ("search_question", "passages"),
          ("deep_search", "passages"))


def stage(frame) -> str:
    """Which step of an ask called the cross-encoder, from the names on the call stack (innermost first)."""
    names = []
    while frame is not None:
        names.append(frame.f_code.co_name)
        frame = frame.f_back
    for name, label in STAGES:
        if name in names:
            return label
    return "other"


def measure(assistants: list[Assistant], questions) -> list[list[dict]]:
    """Per assistant, one record per question: CPU seconds, pairs and tokens by stage, and the answer's JSON. The
    assistants (sharing one re-ranker when their model settings agree) take turns question by question, so a busy
    moment costs them alike."""
    counts: Counter = Counter()
    rerankers = list({id(a.reranker): a.reranker for a in assistants if a.reranker is not None}.values())
    for reranker in rerankers:  # an arm with other model settings has a re-ranker of its own: count and empty both
        _count_pairs(reranker, counts)
    records: list[list[dict]] = [[] for _ in assistants]
    for n, q in enumerate(questions):
        for turn in range(len(assistants)):
            which = (n + turn) % len(assistants)
            assistant = assistants[which]
            assistant.embeddings._cached_query.cache_clear()
            for reranker in rerankers:
                reranker._cache.clear()
            counts.clear()
            queries = assistant.embeddings.queries_embedded
            began = time.process_time()
            answer = assistant.ask(q.question, list(q.history))
            cpu = time.process_time() - began
            records[which].append({"id": q.id, "cpu": cpu, "answerable": q.answerable,
                                   "queries": assistant.embeddings.queries_embedded - queries,
                                   "stages": {f"{label} {kind}": n for (label, kind), n in sorted(counts.items())},
                                   "answer": answer.to_dict()})
    return records


def _count_pairs(reranker, counts: Counter) -> None:
    """Count the pairs and tokens `reranker` reads into `counts`, by the stage of the ask that asked."""
    predict = reranker._predict

    def counted(query: str, texts: list[str]) -> list[float]:
        label = stage(sys._getframe(1))
        before = reranker.tokens_scored
        scores = predict(query, texts)
        counts[(label, "pairs")] += len(texts)
        counts[(label, "tokens")] += reranker.tokens_scored - before
        return scores

    reranker._predict = counted  # type: ignore[method-assign]


def summary(records: list[dict]) -> dict:
    cpu = [r["cpu"] for r in records]
    totals: Counter = Counter()
    for r in records:
        totals.update(r["stages"])
    n = len(records)
    return {"questions": n, "cpu_mean_ms": round(1000 * statistics.mean(cpu), 1),
            "cpu_p50_ms": round(1000 * statistics.median(cpu), 1), "cpu_p95_ms": round(1000 * percentile(cpu, 0.95), 1),
            "pairs_per_ask": round(sum(v for k, v in totals.items() if k.endswith("pairs")) / n, 2),
            "tokens_per_ask": round(sum(v for k, v in totals.items() if k.endswith("tokens")) / n, 1),
            "queries_per_ask": round(sum(r.get("queries", 0) for r in records) / n, 2),
            "by_stage_per_ask": {k: round(v / n, 2) for k, v in sorted(totals.items())}}


def compare(before: list[dict], after: list[dict]) -> dict:
    """How many answers differ between two runs, in their text, their citations or their related passages."""
    old = {r["id"]: r["answer"] for r in before}
    diff: dict[str, list[str]] = {"answer": [], "citations": [], "related": [], "abstained": []}
    for r in after:
        if r["id"] not in old:
            continue
        for key in diff:
            if r["answer"].get(key) != old[r["id"]].get(key):
                diff[key].append(r["id"])
    return diff


def embeddings(settings: Settings, query_encoder: str) -> SentenceEmbeddings:
    """The bundled model, questions embedded by its ONNX export (kept under the data dir, as served) or by torch."""
    folder = settings.data_dir / "cache" if query_encoder == "onnx" else None
    return SentenceEmbeddings(settings.embedding_model, query_encoder_dir=folder)


def setting(text: str) -> tuple[str, Any]:
    """("name", value) from "name=value", the value of the field's own type."""
    name, _, value = text.partition("=")
    kind = type(getattr(DEFAULT_CONFIG, name))
    return name, (value.lower() in ("1", "true", "yes")) if kind is bool else kind(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("var"))
    parser.add_argument("--every", type=int, default=1, help="ask every n-th tune question")
    parser.add_argument("--questions", type=Path, default=DEV_SET, help="a question file (default: the dev set)")
    parser.add_argument("--split", default="tune", help="its split to ask (tune, probe; never holdout)")
    parser.add_argument("--torch-threads", type=int, default=0, help="the embedding model's torch threads (0: as is)")
    parser.add_argument("--out", type=Path, default=RESULTS / "cpu_per_answer.json")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a PipelineConfig field to change, e.g. related_rerank_depth=0 (repeatable)")
    parser.add_argument("--versus", action="append", default=[], metavar="NAME=VALUE",
                        help="also run a configuration with these changes, taking turns with the first")
    parser.add_argument("--query-encoder", choices=("onnx", "torch"), default="onnx",
                        help="embed questions with the ONNX export (as served) or with torch")
    parser.add_argument("--versus-query-encoder", choices=("onnx", "torch"),
                        help="also run with questions embedded this way, taking turns with the first")
    parser.add_argument("--compare", type=Path, help="an earlier --out file: list the answers that differ")
    args = parser.parse_args()
    if args.torch_threads:
        import torch

        torch.set_num_threads(args.torch_threads)
    if args.split not in ("tune", "probe"):
        parser.error("only the tune and probe splits are for measuring (holdout stays unseen)")
    questions = select_split(load_questions(args.questions), args.split)[:: args.every]
    config = replace(DEFAULT_CONFIG, **dict(setting(text) for text in args.set))
    settings = Settings.from_env().with_data_dir(args.data_dir)
    assistant = Assistant(settings, config, embeddings=embeddings(settings, args.query_encoder))
    assistants = [assistant]
    if args.versus:
        assistants.append(assistant.with_config(replace(config, **dict(setting(text) for text in args.versus))))
    elif args.versus_query_encoder:
        assistants.append(Assistant(settings, config, embeddings(settings, args.versus_query_encoder), assistant.store,
                                    assistant.reranker))
    for each in assistants:
        each.warm()
        each.warm_sentences()
        each.ask("how many people does a primary care network cover?")
    load = os.getloadavg()[0]
    runs = measure(assistants, questions)
    result: dict = {"load": [load, os.getloadavg()[0]], "set": args.set, "summary": summary(runs[0]),
                    "records": runs[0]}
    if len(assistants) > 1:
        result["versus"] = {"set": args.versus, "query_encoder": args.versus_query_encoder,
                            "summary": summary(runs[1]), "records": runs[1],
                            "differs": compare(runs[0], runs[1])}
    if args.compare:
        result["differs"] = compare(json.loads(args.compare.read_text())["records"], runs[0])
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))
    shown = {k: v for k, v in result.items() if k != "records"}
    if "versus" in shown:
        shown["versus"] = {k: v for k, v in shown["versus"].items() if k != "records"}
    print(json.dumps(shown, indent=1))


if __name__ == "__main__":
    main()
