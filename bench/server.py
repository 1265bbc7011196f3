"""A production server (`ltp serve --prod`, gunicorn) on loopback, and bounded client loops against it.

Shared by the speed and soak benchmarks. Traffic goes to 127.0.0.1 only; every loop stops by itself
after its request count or its seconds, whichever comes first.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from assistant.evaluate import percentile

LTP = str(Path(sys.executable).with_name("ltp"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(data_dir: Path, corpus_dir: Path) -> dict:
    return {
        **os.environ,
        "LTP_DATA_DIR": str(data_dir),
        "LTP_CORPUS_DIR": str(corpus_dir),
        "LTP_SECRET_KEY": "benchmark-secret-key-0123456789",
        "LTP_RATE_LIMIT": "0",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }


@dataclass(frozen=True)
class Running:
    base: str
    process: subprocess.Popen
    cold_seconds: float
    log: Path


@contextmanager
def production_server(data_dir: Path, corpus_dir: Path, workers: int = 2, threads: int = 4,
                      serve_args: tuple[str, ...] = ()):
    """Yield a Running server (base URL, process, seconds until the first answer, its log) once every worker is
    warm; the server is killed on exit. (The first answer comes from the first worker ready; load before the
    others are would measure one worker.) `serve_args`: more `ltp serve` options, e.g. ("--no-balance",)."""
    port = free_port()
    log = tempfile.NamedTemporaryFile("w+", prefix="ltp-server-", suffix=".log", delete=False)
    started = time.perf_counter()
    process = subprocess.Popen(
        [LTP, "serve", "--prod", "--port", str(port), "--workers", str(workers), "--threads", str(threads),
         *serve_args],
        env=server_env(data_dir, corpus_dir), stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        cold = _first_answer(base, process, started)
        _all_workers_ready(Path(log.name), workers, started)
        yield Running(base, process, cold, Path(log.name))
    finally:
        process.terminate()
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        Path(log.name).unlink(missing_ok=True)


def _all_workers_ready(log: Path, workers: int, started: float, limit: float = 240) -> None:
    while time.perf_counter() - started < limit:
        if log.read_text(errors="replace").count("Worker ready") >= workers:
            return
        time.sleep(0.2)
    raise RuntimeError(f"not every worker was ready within {limit} s; see {log}")


def _first_answer(base: str, process: subprocess.Popen, started: float, limit: float = 180) -> float:
    while time.perf_counter() - started < limit:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            response = httpx.post(base + "/api/ask", json={"question": "how big is a primary care network?"}, timeout=30)
            if response.status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"no answer from {base} within {limit} s")


@dataclass
class LoadResult:
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    per_client: Counter = field(default_factory=Counter)
    keepalive: bool = True

    def summary(self) -> dict:
        done = len(self.latencies)
        answered = [self.per_client[i] for i in range(self.clients)]
        return {
            "clients": self.clients,
            "keepalive": self.keepalive,
            "requests": done + len(self.errors),
            "errors": len(self.errors),
            "seconds": round(self.seconds, 1),
            "throughput_rps": round(done / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(1000 * percentile(self.latencies, 0.50), 1),
            "p95_ms": round(1000 * percentile(self.latencies, 0.95), 1),
            "p99_ms": round(1000 * percentile(self.latencies, 0.99), 1),
            "mean_ms": round(1000 * sum(self.latencies) / done, 1) if done else 0.0,
            "client_answers_min_max": [min(answered), max(answered)],  # unfair service shows as a wide spread
            "first_errors": self.errors[:5],
        }


def run_load(base: str, questions: list[str], clients: int, seconds: float, max_requests: int,
             during=None, keepalive: bool = True) -> LoadResult:
    """`clients` threads POST questions to /api/ask until `seconds` pass or `max_requests` are sent, each client
    over one kept-alive connection (as a browser does) or, with `keepalive=False`, a new connection per request
    (`Connection: close`). `during`, if given, is called once from the main thread while the clients run."""
    result = LoadResult(clients, 0.0, keepalive=keepalive)
    lock = threading.Lock()
    sent = iter(range(max_requests))
    deadline = time.perf_counter() + seconds
    options: dict = {} if keepalive else {"headers": {"Connection": "close"},
                                          "limits": httpx.Limits(max_keepalive_connections=0)}

    def client(offset: int) -> None:
        with httpx.Client(timeout=30, **options) as http:
            for n in sent:
                if time.perf_counter() > deadline:
                    return
                # A distinct string every time (numbered), so no cache answers a repeat: every request is a
                # question this server has not seen, as with real users.
                question = f"{questions[(n + offset) % len(questions)]} ({n})"
                began = time.perf_counter()
                try:
                    response = http.post(base + "/api/ask", json={"question": question})
                    failure = None if response.status_code == 200 else f"HTTP {response.status_code}: {response.text[:120]}"
                except httpx.HTTPError as exc:
                    failure = f"{type(exc).__name__}: {exc}"
                with lock:
                    (result.errors.append(failure) if failure else result.latencies.append(time.perf_counter() - began))
                    result.per_client[offset] += failure is None

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    if during:
        during()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    return result


ACCESS_PID = re.compile(r'"POST /api/ask HTTP/[\d.]+" \d+ .* <(\d+)>$')


def log_size(log: Path) -> int:
    return log.stat().st_size


def requests_per_worker(log: Path, since: int = 0) -> list[int]:
    """Questions each worker answered since byte `since` of the server's access log (its lines end in the worker's
    pid), most first: two workers sharing 16 clients fairly answer about half each."""
    with log.open("rb") as handle:
        handle.seek(since)
        lines = handle.read().decode(errors="replace").splitlines()
    counts = Counter(match.group(1) for line in lines if (match := ACCESS_PID.search(line)))
    return sorted(counts.values(), reverse=True)


def worker_memory_mb(process: subprocess.Popen) -> list[dict]:
    """Each gunicorn worker's peak resident memory (VmHWM) and its proportional share now (PSS: shared library
    pages, such as torch's, divided among the processes that map them)."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    workers = []
    for pid in children.read_text().split() if children.exists() else []:
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
        pss = next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        workers.append({"peak_rss_mb": round(peak / 1024, 1), "pss_mb": round(pss / 1024, 1)})
    return workers


def workers_cpu_seconds(process: subprocess.Popen) -> float:
    """CPU time (user + system) the gunicorn workers have used so far: taken before and after a load level, it
    gives the server's CPU per request, which other people's jobs on a shared machine change far less than latency."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    ticks = 0
    for pid in children.read_text().split() if children.exists() else []:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return ticks / os.sysconf("SC_CLK_TCK")
