"""Where retrieval misses: for each answerable question whose fact-holding ("gold") passage is not first, the stage
that lost it: never in the dense or BM25 candidates (and the depth where it enters), in them but fused or
sentence-ordered below the cross-encoder's depth, or read by the cross-encoder and put lower.

    .venv/bin/python -m bench.retrieval_misses --questions bench/blind_probe_9.jsonl --split probe --out X.json

Gold passages are those whose indexed text holds every fact (as `ltp eval` scores hit@k); a question with none
("no single passage": its facts sit in two or more) is counted apart. Holdout is never read.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.config import DEFAULT_CONFIG
from assistant.conversation import clean_question, parse_history
from assistant.engine import Assistant
from assistant.evaluate import DEV_SET, contains_facts, load_questions, select_split
from assistant.retrieve import _normalise_query, by_score, reciprocal_rank_fusion
from assistant.search_query import without_background
from assistant.settings import Settings
from bench.cpu_per_answer import setting


def first_rank(ids: list[str], gold: set[str]) -> int | None:
    return next((n for n, i in enumerate(ids, start=1) if i in gold), None)


def diagnose(assistant: Assistant, q) -> dict:
    snapshot = assistant.snapshot()
    retriever = snapshot.retriever
    config = retriever.config
    gold = {p.id for p in snapshot.passages if contains_facts(p.search_text, q.facts)}
    query = assistant._query(clean_question(q.question), parse_history(list(q.history)))
    row: dict = {"id": q.id, "kind": q.kind, "question": q.question, "query": query, "gold": sorted(gold)}
    final = retriever.search_question(query, k=10)
    row["final"] = first_rank([h.passage.id for h in final], gold)
    row["top"] = final[0].passage.id if final else None
    if not gold:
        row["cause"] = "no single passage"
        return row
    n = len(snapshot.passages)
    core = without_background(query) if config.background_search != "off" else None
    queries = [core] if core and config.background_search == "core" else [query, core] if core else [query]
    dense_ranks, lexical_ranks, rankings = [], [], []
    for text in queries:
        vector = assistant.embeddings.embed_query(text)
        dense = sorted(retriever.store.query(retriever.generation, vector, n), key=lambda d: (-d[1], d[0]))
        lexical = retriever.lexical.search(_normalise_query(text), n)
        dense_ranks.append(first_rank([i for i, _ in dense], gold))
        lexical_ranks.append(first_rank([i for i, _ in lexical], gold))
        rankings += [[i for i, _ in dense[: config.candidates]], [i for i, _ in lexical[: config.candidates]]]
    row["dense"] = min((r for r in dense_ranks if r), default=None)
    row["bm25"] = min((r for r in lexical_ranks if r), default=None)
    fused = by_score(reciprocal_rank_fusion(rankings, config.rrf_k))
    row["fused"] = first_rank(fused, gold)
    first_stage = retriever.search(query, k=config.sentence_depth, rerank_depth=0)
    row["sentence"] = first_rank([h.passage.id for h in first_stage], gold)
    own = retriever.search(query, k=10)
    row["reranked"] = first_rank([h.passage.id for h in own], gold)
    if retriever.reranker is not None:  # what the cross-encoder makes of the gold passage against the top one
        read = core if core and config.background_read == "core" else query
        best_gold = next((p for p in (retriever.by_id[i] for i in sorted(gold))), None)
        ordered = [h.passage for h in first_stage if h.passage.id in gold] or [best_gold]
        row["ce_gold"] = round(retriever.reranker.score(read, [retriever._pair_text(read, ordered[0])])[0], 3)
        row["ce_top"] = round(retriever.reranker.score(read, [retriever._pair_text(read, own[0].passage)])[0], 3)
    row["cause"] = cause(row, config)
    return row


def cause(row: dict, config) -> str:
    if row["final"] == 1:
        return "first"
    entry = min(r for r in (row["dense"], row["bm25"], 10**6) if r)
    if row["fused"] is None:
        return "not in candidates"
    if row["sentence"] is None or row["sentence"] > config.rerank_depth:
        return "fused below the cross-encoder"
    if row["reranked"] is not None and row["reranked"] > 1:
        return "cross-encoder put it lower"
    return "part merge" if entry else "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=DEV_SET)
    parser.add_argument("--split", default="tune")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a PipelineConfig field to change, e.g. rerank_depth=8 (repeatable)")
    args = parser.parse_args()
    if args.split not in ("tune", "probe"):
        parser.error("only tune and probe questions are diagnosed (holdout stays unseen)")
    import torch

    torch.set_num_threads(1)
    assistant = Assistant(Settings.from_env(), replace(DEFAULT_CONFIG, **dict(setting(s) for s in args.set)))
    questions = [q for q in select_split(load_questions(args.questions), args.split) if q.answerable and q.facts]
    rows = [diagnose(assistant, q) for q in questions]
    causes = Counter(r["cause"] for r in rows)
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        by_kind[r["kind"] or "-"][r["cause"]] += 1
    hit1 = np.mean([r["final"] == 1 for r in rows])
    hit5 = np.mean([r["final"] is not None and r["final"] <= 5 for r in rows])
    summary = {"questions": len(rows), "hit@1": round(float(hit1), 3), "hit@5": round(float(hit5), 3),
               "causes": dict(causes), "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())}}
    print(json.dumps(summary, indent=1))
    if args.out:
        args.out.write_text(json.dumps({"summary": summary, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
