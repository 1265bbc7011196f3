"""Answer quality on the dev question set, holdout split first: LTP Assistant (re-ranker on and off) against the
LangChain quick-start and a strong LangChain peer (BM25 + dense ensemble, cross-encoder re-rank).

    .venv/bin/python -m bench.quality [--questions bench/dev_questions.jsonl bench/unseen_probe_*.jsonl] [--data-dir var]

Builds the index from the bundled corpus in a temporary folder (or uses --data-dir's), scores every system with
the same code (`assistant.evaluate`), prints one Markdown table per split and writes bench/results/quality.json.
Misses are recorded for the tune split only: settings are chosen on tune, holdout only reports.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
from dataclasses import replace
from pathlib import Path

from assistant.engine import Assistant
from assistant.evaluate import DEV_SET, UNSEEN_PROBES, AssistantSystem, EvalReport, evaluate, load_questions
from assistant.settings import Settings
from bench.baseline import LangChainBaseline, corpus_documents
from bench.peer import PeerBaseline

RESULTS = Path(__file__).parent / "results"
ROWS = ["hit@1", "hit@5", "facts_covered@5", "mrr", "answer_contains_fact", "shown_holds_facts", "citation_correct",
        "citations_cover_facts", "citation_marks_valid", "abstention_recall", "in_scope_refused",
        "abstention_precision", "fact_in_first_sentence", "answers_repeating_a_figure", "one_fact_answer_chars_p50",
        "one_fact_answer_chars_p90", "latency_p50_ms", "latency_p95_ms"]
EARLIER_HOLDOUT = "holdout, batches 1-3"
"""The 87 holdout questions of the first three batches, reported on their own so earlier runs stay comparable."""
GROUPS = "held-out groups"
"""Held-out subsets reported on their own: the first three holdout batches (so earlier runs stay comparable) and
each blind unseen probe (each was written once, by a different writer, so each is its own sample)."""
SYSTEMS = ["LTP Assistant", "re-ranker off", "LangChain ensemble + re-rank", "LangChain quick-start"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", nargs="+", default=[str(DEV_SET), *map(str, UNSEEN_PROBES)],
                        help="question files, scored together and reported per split (default: the dev set and the "
                             "blind-written unseen probes)")
    parser.add_argument("--data-dir", help="use this folder's index instead of building one")
    args = parser.parse_args()
    questions = [q for path in args.questions for q in load_questions(path)]
    with tempfile.TemporaryDirectory(prefix="ltp-bench-") as scratch:
        base = Settings.from_env()
        settings = base.with_data_dir(args.data_dir or scratch)
        ours = Assistant(settings)
        if not args.data_dir:
            ours.index(progress=False)
        # Its own model and caches, so neither assistant's latency profits from the other's warm caches.
        off = Assistant(settings, replace(ours.config, rerank=False))
        for assistant in (ours, off):
            assistant.warm()
            assistant.warm_sentences()
        documents = corpus_documents(ours.sources(), base.corpus_dir)
        systems = {
            "LTP Assistant": AssistantSystem(ours),
            "re-ranker off": AssistantSystem(off),
            "LangChain ensemble + re-rank": PeerBaseline(documents, ours.embeddings, ours.reranker),
            "LangChain quick-start": LangChainBaseline(documents, ours.embeddings),
        }
        reports = {name: evaluate(system, questions) for name, system in systems.items()}
    result = {
        "questions": len(questions),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "config": ours.config.describe(),
        "splits": {split: {name: reports[name].split(split).metrics() for name in SYSTEMS}
                   for split in reports["LTP Assistant"].splits()},
        GROUPS: {group: {name: held_out_groups(reports[name])[group].metrics() for name in SYSTEMS}
                 for group in held_out_groups(reports["LTP Assistant"])},
        "misses": reports["LTP Assistant"].misses(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "quality.json").write_text(json.dumps(result, indent=2))
    print(tables(result))


def held_out_groups(report: EvalReport) -> dict[str, EvalReport]:
    """The first three holdout batches, then one group per unseen batch (only when there is more than one)."""
    groups = {EARLIER_HOLDOUT: [r for r in report.results if r.question.split == "holdout" and r.question.batch is None]}
    batches = sorted({r.question.batch for r in report.results if r.question.split == "unseen"},
                     key=lambda batch: (len(str(batch)), str(batch)))
    if len(batches) > 1:
        groups |= {f"unseen, batch {b}": [r for r in report.results if r.question.split == "unseen" and r.question.batch == b]
                   for b in batches}
    return {name: EvalReport(results) for name, results in groups.items() if results}


def tables(result: dict) -> str:
    """One table per split, holdout first. Latency is the whole answer, warm; the baselines' share one model's
    query cache with the assistant, so theirs is flattered (bench.speed measures them apart)."""
    out = []
    for split, systems in [*result["splits"].items(), *result[GROUPS].items()]:
        out += [f"\n{split} ({systems['LTP Assistant']['questions']} questions)\n",
                "| metric | " + " | ".join(SYSTEMS) + " |", "|---|" + "---|" * len(SYSTEMS)]
        out += [f"| {row} | " + " | ".join(str(systems[name].get(row, "–")) for name in SYSTEMS) + " |" for row in ROWS]
    return "\n".join(out)


if __name__ == "__main__":
    main()
