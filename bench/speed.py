"""Speed and memory: indexing, warm and HTTP latency, concurrency, worker memory and cold start.

    .venv/bin/python -m bench.speed [--seconds 20]
    .venv/bin/python -m bench.speed --compare before=--no-balance after=--balance [--rounds 2] [--seconds 15]

Everything runs on this machine against temporary copies under /tmp; HTTP traffic goes to loopback
only and each load level stops after `--seconds` or 600 requests. The LangChain quick-start baseline
(bench/baseline.py) is measured in the same run where it does the same job (indexing, retrieval).
Prints Markdown tables and writes bench/results/speed.json.

--compare NAME=SERVE_ARGS ... measures only HTTP: one `ltp serve --prod` per arm (extra options after `=`,
space-separated), all running at once over one copy of the index, and each load level (1, 4, 16 clients, with
kept-alive connections and with a new connection per request) run on every arm in turn, the arms' order
reversed every round, so a shared machine's load falls on all arms alike. Writes bench/results/speed_compare.json.
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
from contextlib import ExitStack
from pathlib import Path

from assistant.engine import Assistant
from assistant.evaluate import DEV_SET, load_questions, percentile, select_split
from assistant.settings import Settings
from bench.baseline import LangChainBaseline, corpus_documents
from bench.server import (
    LTP,
    Running,
    log_size,
    production_server,
    requests_per_worker,
    run_load,
    server_env,
    worker_memory_mb,
    workers_cpu_seconds,
)

RESULTS = Path(__file__).parent / "results"
LARGE_PDF_PAGES = 130
CONCURRENCY = (1, 4, 16)
MAX_REQUESTS = 600


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="how long each concurrency level runs")
    parser.add_argument("--rounds", type=int, default=3, help="how many times the in-process runs ask each question "
                                                               "(with --compare: how many rounds over the arms)")
    parser.add_argument("--compare", nargs="+", metavar="NAME=SERVE_ARGS",
                        help="compare `ltp serve --prod` settings over HTTP only, e.g. before=--no-balance after=")
    parser.add_argument("--clients", type=int, nargs="+", default=list(CONCURRENCY),
                        help="with --compare: the concurrency levels")
    args = parser.parse_args()
    questions = select_split(load_questions(DEV_SET), "tune")  # timing only, but holdout stays unseen all the same
    if args.compare:
        arms = dict(arm.partition("=")[::2] for arm in args.compare)
        asked = [q.question for q in questions if q.answerable]
        result = compare_servers({name: tuple(extra.split()) for name, extra in arms.items()}, asked, args.seconds,
                                 args.rounds, tuple(args.clients))
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "speed_compare.json").write_text(json.dumps(result, indent=2))
        print(compare_tables(result))
        return
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
    with production_server(data_dir, corpus, workers=2) as server:
        run_load(server.base, questions, clients=2, seconds=5, max_requests=40)  # warm both workers
        levels = [http_level(server, questions, clients, seconds) for clients in CONCURRENCY]
        return {"server": "ltp serve --prod --workers 2 (gunicorn gevent workers, one onnxruntime thread each for the "
                          "query encoder and the cross-encoder)",
                "cold_start_to_first_answer_s": round(server.cold_seconds, 2), "levels": levels,
                "workers": worker_memory_mb(server.process), "workers_with_torch": workers_with_torch(server.process)}


def http_level(server: Running, questions: list[str], clients: int, seconds: float, keepalive: bool = True) -> dict:
    """One load level, with the server's CPU per request and how many questions each worker answered."""
    cpu, logged = workers_cpu_seconds(server.process), log_size(server.log)
    level = run_load(server.base, questions, clients, seconds, MAX_REQUESTS, keepalive=keepalive).summary()
    level["server_cpu_ms_per_request"] = round(1000 * (workers_cpu_seconds(server.process) - cpu) / max(1, level["requests"]))
    time.sleep(0.3)  # the access log line is written just after each response
    level["requests_per_worker"] = requests_per_worker(server.log, logged)
    return level


def compare_servers(arms: dict[str, tuple[str, ...]], questions: list[str], seconds: float, rounds: int,
                    levels: tuple[int, ...] = CONCURRENCY) -> dict:
    """Every arm's server runs for the whole comparison; each level runs on each arm back to back."""
    result: dict = {"machine": machine(), "load_average": [round(os.getloadavg()[0], 1)],
                    "arms": {name: " ".join(extra) for name, extra in arms.items()}, "clients": list(levels),
                    "levels": []}
    with tempfile.TemporaryDirectory(prefix="ltp-compare-") as tmp, ExitStack() as stack:
        settings = Settings.from_env()
        data, corpus = Path(tmp) / "var", Path(tmp) / "corpus"
        shutil.copytree(settings.corpus_dir, corpus)
        shutil.copytree(settings.data_dir / "index", data / "index")
        if (settings.data_dir / "cache").exists():
            shutil.copytree(settings.data_dir / "cache", data / "cache")
        subprocess.run([LTP, "index", "--no-progress"], env=server_env(data, corpus), check=True, capture_output=True)
        servers = {name: stack.enter_context(production_server(data, corpus, workers=2, serve_args=extra))
                   for name, extra in arms.items()}
        for server in servers.values():
            run_load(server.base, questions, clients=2, seconds=5, max_requests=40)  # warm both workers
        names = list(servers)
        for round_ in range(rounds):
            for keepalive in (True, False):
                for clients in levels:
                    for name in names if round_ % 2 == 0 else names[::-1]:
                        level = http_level(servers[name], questions, clients, seconds, keepalive)
                        result["levels"].append({"arm": name, "round": round_, **level})
                        print(compare_row(result["levels"][-1]), flush=True)
    result["load_average"].append(round(os.getloadavg()[0], 1))
    return result


COMPARE_HEADER = ("| arm | round | clients | kept alive | requests | errors | req/s | p50 ms | p95 ms | p99 ms | mean ms "
                  "| answers per worker | answers per client min-max | server CPU ms per request |")


def compare_row(r: dict) -> str:
    return (f"| {r['arm']} | {r['round']} | {r['clients']} | {'yes' if r['keepalive'] else 'no'} | {r['requests']} | "
            f"{r['errors']} | {r['throughput_rps']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['mean_ms']} | "
            f"{' / '.join(map(str, r['requests_per_worker']))} | {'-'.join(map(str, r['client_answers_min_max']))} | "
            f"{r['server_cpu_ms_per_request']} |")


def compare_tables(result: dict) -> str:
    """Every level; each arm's p95 over its own mean (1.0 is perfectly even service); and each arm's p95 and
    throughput as a ratio of the first arm's in the same round."""
    lines = [f"Machine: {result['machine']}; load average {' -> '.join(map(str, result['load_average']))} (start -> end)",
             "", "Arms: " + "; ".join(f"{name}: `ltp serve --prod --workers 2 {extra}`".rstrip()
                                        for name, extra in result["arms"].items()),
             "", COMPARE_HEADER, "|---" * 14 + "|"]
    lines += [compare_row(r) for r in result["levels"]]
    first, levels = next(iter(result["arms"])), result.get("clients", CONCURRENCY)
    rounds = sorted({r["round"] for r in result["levels"]})
    by_key = {(r["arm"], r["round"], r["clients"], r["keepalive"]): r for r in result["levels"]}
    lines += ["", "| arm | clients | kept alive | p95 / mean per round |", "|---|---|---|---|"]
    for name in result["arms"]:
        for keepalive in (True, False):
            for clients in levels:
                spread = ", ".join(f"{r['p95_ms'] / max(r['mean_ms'], 0.1):.2f}"
                                   for r in (by_key[(name, n, clients, keepalive)] for n in rounds))
                lines.append(f"| {name} | {clients} | {'yes' if keepalive else 'no'} | {spread} |")
    lines += ["", f"| arm / {first} | clients | kept alive | p95 ratio per round | req/s ratio per round |",
              "|---|---|---|---|---|"]
    for name in list(result["arms"])[1:]:
        for keepalive in (True, False):
            for clients in levels:
                pairs = [(by_key[(name, n, clients, keepalive)], by_key[(first, n, clients, keepalive)]) for n in rounds]
                p95 = ", ".join(f"{a['p95_ms'] / max(b['p95_ms'], 0.1):.2f}" for a, b in pairs)
                rps = ", ".join(f"{a['throughput_rps'] / max(b['throughput_rps'], 0.1):.2f}" for a, b in pairs)
                lines.append(f"| {name} | {clients} | {'yes' if keepalive else 'no'} | {p95} | {rps} |")
    return "\n".join(lines)


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
        "| clients | requests | errors | throughput req/s | p50 ms | p95 ms | p99 ms | server CPU ms per request "
        "| answers per worker |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [f"| {r['clients']} | {r['requests']} | {r['errors']} | {r['throughput_rps']} | "
              f"{r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['server_cpu_ms_per_request']} | "
              f"{' / '.join(map(str, r.get('requests_per_worker', [])))} |"
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
