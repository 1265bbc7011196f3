"""Load and soak: 16 clients for 60 s through gunicorn on loopback, with a re-index half-way through.

    .venv/bin/python -m bench.soak [--clients 16] [--seconds 60]

The re-index is a real `ltp index` in another process after a digest file changes, as an operator
would run it; the atomic swap must fail no request. Writes bench/results/soak.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from assistant.evaluate import DEV_SET, load_questions
from assistant.settings import Settings
from bench.server import LTP, production_server, run_load, server_env

RESULTS = Path(__file__).parent / "results"
CHANGED_FILE = "framework/02-sections-5-9.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    questions = [q.question for q in load_questions(DEV_SET) if q.answerable]
    with tempfile.TemporaryDirectory(prefix="ltp-soak-") as tmp:
        corpus, data = Path(tmp) / "corpus", Path(tmp) / "var"
        shutil.copytree(Settings().corpus_dir, corpus)
        subprocess.run([LTP, "index", "--no-progress"], env=server_env(data, corpus), check=True, capture_output=True)
        with production_server(data, corpus, workers=2, threads=4) as server:
            base = server.base
            before = _generation(base)
            reindex: dict = {}
            load = run_load(base, questions, args.clients, args.seconds, max_requests=100_000,
                            during=lambda: _reindex_midway(corpus, data, args.seconds / 2, reindex))
            after = _generation(base)
    result = {**load.summary(), "reindex": reindex, "generation_before": before, "generation_after": after,
              "index_swapped": before != after}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "soak.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


def _generation(base: str) -> str:
    import httpx

    return httpx.get(base + "/healthz", timeout=10).json().get("generation", "")


def _reindex_midway(corpus: Path, data: Path, delay: float, report: dict) -> None:
    time.sleep(delay)
    changed = corpus / CHANGED_FILE
    changed.write_text(changed.read_text(encoding="utf-8") + "\n{}\nA passage added during the soak test.\n", encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run([LTP, "index", "--no-progress"], env=server_env(data, corpus), capture_output=True, text=True)
    report.update(exit_code=done.returncode, seconds=round(time.perf_counter() - started, 1),
                  summary=done.stdout.strip().splitlines()[-1:] or done.stderr[-300:])


if __name__ == "__main__":
    main()
