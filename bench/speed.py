"""Speed and memory: indexing, warm and HTTP latency, concurrency, worker memory and cold start.

    .venv/bin/python -m bench.speed [--seconds 20]

Everything runs on this machine against temporary copies under /tmp; HTTP traffic goes to loopback
only and each load level stops after `--seconds` or 600 requests. The LangChain quick-start baseline
(bench/baseline.py) is measured in the same run where it does the same job (indexing, retrieval).
Prints Markdown tables and writes bench/results/speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.engine import Assistant
from assistant.evaluate import DEV_SET, load_questions, percentile, select_split
from assistant.settings import Settings
from bench.baseline import LangChainBaseline, corpus_documents
from bench.server import LTP, production_server, run_load, server_env, worker_memory_mb, workers_cpu_seconds

RESULTS = Path(__file__).parent / "results"
LARGE_PDF_PAGES = 130
CONCURRENCY = (1, 4, 16)
MAX_REQUESTS = 600


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="how long each concurrency level runs")
    parser.add_argument("--rounds", type=int, default=3, help="how many times the in-process runs ask each question")
    args = parser.parse_args()
    questions = select_split(load_questions(DEV_SET), "tune")  # timing only, but holdout stays unseen all the same
    result: dict = {"machine": machine(), "load_average": [round(os.getloadavg()[0], 1)]}
    with tempfile.TemporaryDirectory(prefix="ltp-speed-") as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        shutil.copytree(Settings().corpus_dir, corpus)
        assistant = Assistant(Settings(data_dir=root / "var", corpus_dir=corpus))
        result["index"] = index_bundled(assistant)
        result["baseline_index"] = index_baseline(assistant)
        baseline = result["baseline_index"].pop("system")
        result["large_pdf"] = index_large_pdf(root / "large", assistant)
        result["in_process"] = warm_latency(assistant, questions, args.rounds)
        result["baseline_in_process"] = baseline_latency(baseline, questions, args.rounds)
        result["in_process"]["peak_rss_mb"] = own_peak_rss_mb()
        result["cold_cli"] = cold_cli(root / "var", corpus)
        result["http"] = http_levels(root / "var", corpus, [q.question for q in questions if q.answerable], args.seconds)
    result["load_average"].append(round(os.getloadavg()[0], 1))  # a shared machine: wall-clock figures need it
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "speed.json").write_text(json.dumps(result, indent=2))
    print(tables(result))


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    return f"{cpu}, {len(os.sched_getaffinity(0))} cores, {memory} GiB, Python {platform.python_version()}"


def index_bundled(assistant: Assistant) -> dict:
    started = time.perf_counter()
    assistant.embeddings.embed_query("load the model")  # a fresh data dir: torch's model, then the ONNX export
    model_seconds = time.perf_counter() - started
    started = time.perf_counter()
    summary = assistant.index(progress=False)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = assistant.index(progress=False)
    return {
        "model_load_s": round(model_seconds, 2),
        "seconds": round(seconds, 2),
        "passages": summary.passages,
        "passages_per_s": round(summary.passages / seconds, 1),
        "unchanged_reindex_s": round(time.perf_counter() - started, 2),
        "unchanged_reindex_embedded": again.embedded,
    }


def index_baseline(assistant: Assistant) -> dict:
    system = LangChainBaseline(corpus_documents(assistant.sources(), assistant.settings.corpus_dir), assistant.embeddings)
    return {"seconds": round(system.index_seconds, 2), "chunks": system.chunks,
            "chunks_per_s": round(system.chunks / system.index_seconds, 1), "system": system}


def index_large_pdf(folder: Path, assistant: Assistant) -> dict:
    """A generated plan-like PDF of at least LARGE_PDF_PAGES pages, indexed as a corpus of its own."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from pdf_fixtures import make_plan_pdf
    from pypdf import PdfReader

    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    pdf = make_plan_pdf(corpus / "large-plan.pdf", filler_paragraphs=11 * LARGE_PDF_PAGES)
    pages = len(PdfReader(pdf).pages)
    large = Assistant(Settings(data_dir=folder / "var", corpus_dir=corpus), embeddings=assistant.embeddings)
    started = time.perf_counter()
    summary = large.index(progress=False)
    seconds = time.perf_counter() - started
    return {"pages": pages, "passages": summary.passages, "seconds": round(seconds, 2),
            "pages_per_s": round(pages / seconds, 1)}


def warm_latency(assistant: Assistant, questions, rounds: int = 3) -> dict:
    """A warmed process (model, index and sentence vectors loaded, as a production worker is) answering
    questions it has not seen: the query-embedding cache and the cross-encoder's score cache are emptied before each
    one (before 29 November the score cache was kept, so the second and third rounds read no pairs). Reports each
    ask's CPU time beside its wall-clock time."""
    assistant.warm()
    assistant.warm_sentences()
    times, cpu = [], []
    reranker = assistant.reranker
    pairs, tokens = (reranker.pairs_scored, reranker.tokens_scored) if reranker is not None else (0, 0)
    queries = assistant.embeddings.queries_embedded
    for _ in range(rounds):
        for q in questions:
            assistant.embeddings._cached_query.cache_clear()
            if assistant.reranker is not None:
                assistant.reranker._cache.clear()  # a question not seen: the cross-encoder reads its pairs again
            started, began_cpu = time.perf_counter(), time.process_time()
            assistant.ask(q.question, list(q.history))
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - began_cpu)
    read = {"pairs_per_ask": round((reranker.pairs_scored - pairs) / len(times), 2),
            "tokens_per_ask": round((reranker.tokens_scored - tokens) / len(times), 1),
            "reranker_graph": "shipped" if reranker.graph_used == "shipped" else "cls"} if reranker is not None else {}
    return {**latency_row(times), **{f"cpu_p{int(f * 100)}_ms": round(1000 * percentile(cpu, f), 1) for f in (0.5, 0.95)},
            "cpu_mean_ms": round(1000 * sum(cpu) / len(cpu), 1), **read,
            "queries_per_ask": round((assistant.embeddings.queries_embedded - queries) / len(times), 2)}


def baseline_latency(baseline: LangChainBaseline, questions, rounds: int = 3) -> dict:
    """The same unseen-question conditions: the shared embeddings' query cache is emptied before each one."""
    times = []
    for _ in range(rounds):
        for q in questions:
            baseline.store.embeddings._cached_query.cache_clear()
            started = time.perf_counter()
            baseline.answer(q.question, [])
            times.append(time.perf_counter() - started)
    return latency_row(times)


def latency_row(times: list[float]) -> dict:
    return {"requests": len(times), **{f"p{int(f * 100)}_ms": round(1000 * percentile(times, f), 1) for f in (0.5, 0.95, 0.99)}}


def own_peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def cold_cli(data_dir: Path, corpus: Path) -> dict:
    """A fresh `ltp ask` process: interpreter start, imports, model and index load, one answer."""
    started = time.perf_counter()
    done = subprocess.run([LTP, "ask", "--json", "how many people does a primary care network cover?"],
                          env=server_env(data_dir, corpus), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return {"seconds": round(time.perf_counter() - started, 2)}


def http_levels(data_dir: Path, corpus: Path, questions: list[str], seconds: float) -> dict:
    with production_server(data_dir, corpus, workers=2) as (base, process, cold):
        run_load(base, questions, clients=2, seconds=5, max_requests=40)  # warm both workers
        levels = []
        for clients in CONCURRENCY:
            cpu = workers_cpu_seconds(process)
            level = run_load(base, questions, clients, seconds, MAX_REQUESTS).summary()
            level["server_cpu_ms_per_request"] = round(1000 * (workers_cpu_seconds(process) - cpu) / max(1, level["requests"]))
            levels.append(level)
        return {"server": "ltp serve --prod --workers 2 (gunicorn gevent workers, one onnxruntime thread each for the "
                          "query encoder and the cross-encoder)",
                "cold_start_to_first_answer_s": round(cold, 2), "levels": levels,
                "workers": worker_memory_mb(process), "workers_with_torch": workers_with_torch(process)}


def workers_with_torch(process: subprocess.Popen) -> int:
    """How many gunicorn workers have torch loaded: none should, since questions are embedded with the ONNX export
    and the index brings every sentence vector (torch alone is about 300 MB of a worker's memory)."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    pids = children.read_text().split() if children.exists() else []
    return sum("libtorch" in Path(f"/proc/{pid}/maps").read_text() for pid in pids)


def latency_table_row(system: str, timing: dict) -> str:
    return f"| {system} | {timing['requests']} | {timing['p50_ms']} | {timing['p95_ms']} | {timing['p99_ms']} |"


def megabytes(workers: list[dict], key: str) -> str:
    return ", ".join(f"{w[key]} MB" for w in workers)


def tables(result: dict) -> str:
    index, base, large = result["index"], result["baseline_index"], result["large_pdf"]
    warm, base_warm, http = result["in_process"], result["baseline_in_process"], result["http"]
    lines = [
        f"Machine: {result['machine']}; load average {' -> '.join(map(str, result['load_average']))} (start -> end)",
        "",
        "| indexing | LTP Assistant | LangChain quick-start |", "|---|---|---|",
        f"| bundled corpus | {index['seconds']} s, {index['passages']} passages ({index['passages_per_s']}/s) "
        f"| {base['seconds']} s, {base['chunks']} chunks ({base['chunks_per_s']}/s) |",
        f"| re-index, nothing changed | {index['unchanged_reindex_s']} s, {index['unchanged_reindex_embedded']} embedded | – |",
        f"| {large['pages']}-page generated PDF | {large['seconds']} s, {large['passages']} passages "
        f"({large['pages_per_s']} pages/s) | – |",
        f"| model load and ONNX query-encoder export (once per data dir) | {index['model_load_s']} s | same model |", "",
        "| warm latency, in-process | requests | p50 ms | p95 ms | p99 ms |", "|---|---|---|---|---|",
        latency_table_row("LTP Assistant `ask` (retrieve + answer)", warm),
        latency_table_row("LangChain quick-start (top-5 search)", base_warm),
        "", f"CPU per `ask` (the process's CPU time, every thread; what other jobs on the machine change least): "
        f"p50 {warm['cpu_p50_ms']} ms, p95 {warm['cpu_p95_ms']} ms, mean {warm['cpu_mean_ms']} ms; the cross-encoder "
        f"read {warm.get('pairs_per_ask', 0)} pairs ({warm.get('tokens_per_ask', 0)} tokens) per ask, and "
        f"{warm.get('queries_per_ask', 0)} query texts were embedded per ask",
        "", f"HTTP: {http['server']}, loopback", "",
        "| clients | requests | errors | throughput req/s | p50 ms | p95 ms | p99 ms | server CPU ms per request |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [f"| {r['clients']} | {r['requests']} | {r['errors']} | {r['throughput_rps']} | "
              f"{r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['server_cpu_ms_per_request']} |"
              for r in http["levels"]]
    lines += [
        "", "| memory and cold start | value |", "|---|---|",
        f"| peak RSS per gunicorn worker | {megabytes(http['workers'], 'peak_rss_mb')} |",
        f"| proportional share (PSS) per worker after the run | {megabytes(http['workers'], 'pss_mb')} |",
        f"| workers with torch loaded | {http.get('workers_with_torch', '–')} of {len(http['workers'])} |",
        f"| peak RSS, benchmark process (both indexes, model) | {warm['peak_rss_mb']} MB |",
        f"| server start to first answer | {http['cold_start_to_first_answer_s']} s |",
        f"| `ltp ask` in a fresh process | {result['cold_cli']['seconds']} s |",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
