"""Two app machines behind a load balancer, tested together on loopback: two `ltp serve --prod` processes with
their own LTP_DATA_DIR, sharing one Chroma server (the index), one Redis (rate limits) and one PostgreSQL
(feedback). What one machine records the other sees; a third process publishes a new index both pick up;
a shared service that goes away costs the user a clear answer, never stored data.

Clients pick their loopback source address (127.0.0.0/8 is all ours) so each test counts as its own
client in the per-address rate limit.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from conftest import write_corpus
from servers import LTP, Chroma, ProductionServer, Redis, free_port, remove_postgres, start_postgres

from assistant.cli import cli
from assistant.engine import Assistant
from assistant.settings import Settings

pytestmark = pytest.mark.integration

RATE_LIMIT = 40
QUESTION = "when are final system plans due?"
addresses = (f"127.0.{n // 250 + 1}.{n % 250 + 1}" for n in itertools.count())
"""A fresh client address for each use: no two tests share a rate-limit count by accident."""


def client(address: str | None = None) -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address or next(addresses)), timeout=30)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, real_embeddings):
    started = time.monotonic()
    root = tmp_path_factory.mktemp("two-machines")
    chroma, redis, postgres = Chroma(root / "chroma", free_port()), Redis(root, free_port()), None
    machines: list[ProductionServer] = []
    try:
        chroma.start()
        redis.start()
        postgres = start_postgres()
        print(f"\nChroma, Redis and PostgreSQL up in {time.monotonic() - started:.1f} s")
        env = {
            **os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
            "LTP_CORPUS_DIR": str(write_corpus(root / "corpus")), "LTP_CHROMA_URL": chroma.url,
            "LTP_RATE_LIMIT_STORAGE": redis.url, "LTP_RATE_LIMIT": f"{RATE_LIMIT} per minute",
            "LTP_DATABASE_URL": postgres.url(), "LTP_SECRET_KEY": "two-machines-secret-0123456789",
        }
        first = Assistant(Settings.from_env(env).with_data_dir(root / "indexer"), embeddings=real_embeddings)
        first.index(progress=False)
        print(f"indexed into Chroma after {time.monotonic() - started:.1f} s")
        machines = [ProductionServer({**env, "LTP_DATA_DIR": str(root / name)}, root / f"{name}.log", workers=1)
                    for name in ("a", "b")]
        for machine in machines:
            machine.wait_ready()
        print(f"both machines answering /healthz after {time.monotonic() - started:.1f} s")
        yield {"a": machines[0], "b": machines[1], "env": env, "root": root,
               "chroma": chroma, "redis": redis, "postgres": postgres}
    finally:
        for machine in machines:
            machine.terminate()
        for machine in machines:
            machine.stop(seconds=30)
        chroma.stop()
        redis.stop()
        if postgres:
            remove_postgres(postgres)


def exported_feedback(env: dict) -> list[dict]:
    result = CliRunner().invoke(cli, ["feedback", "export", "--format", "jsonl"],
                                env={"LTP_DATABASE_URL": env["LTP_DATABASE_URL"]})
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def rate(http: httpx.Client, machine: ProductionServer, answer: dict, comment: str) -> httpx.Response:
    return http.post(machine.base + "/api/feedback", json={
        "rating": "down", "comment": comment, **{k: answer[k] for k in ("question", "answer", "citations", "mode")}})


def test_asked_on_one_machine_rated_on_the_other_is_exported_once(cluster):
    with client() as http:
        answer = http.post(cluster["a"].base + "/api/ask", json={"question": "how big is a primary care network?"}).json()
        assert "30,000" in answer["answer"]
        assert rate(http, cluster["b"], answer, "rated on b").status_code == 201
    seconds = []
    with client() as http:
        for n in range(10):  # the feedback limit is 10 a minute per client
            started = time.monotonic()
            assert rate(http, cluster["a" if n % 2 else "b"], answer, f"timed {n}").status_code == 201
            seconds.append(time.monotonic() - started)
    print(f"\nfeedback to PostgreSQL through either machine: median {sorted(seconds)[5] * 1000:.0f} ms, "
          f"max {max(seconds) * 1000:.0f} ms")
    rows = [r for r in exported_feedback(cluster["env"]) if r["comment"] == "rated on b"]
    assert len(rows) == 1 and rows[0]["question"] == "how big is a primary care network?"
    assert [(c["n"], c["para"]) for c in rows[0]["citations"]] == [(c["n"], c["para"]) for c in answer["citations"]]


def test_the_rate_limit_counts_requests_on_both_machines_together(cluster):
    statuses = []
    started = time.monotonic()
    with client() as http:
        for n in range(RATE_LIMIT + 4):
            machine = cluster["a"] if n % 2 == 0 else cluster["b"]
            statuses.append(http.post(machine.base + "/api/ask", json={"question": QUESTION}).status_code)
    print(f"\n{RATE_LIMIT + 4} questions alternating between machines: {time.monotonic() - started:.1f} s")
    # Either machine alone has seen only half the requests: the 429s come from the count they share in Redis.
    assert statuses[:RATE_LIMIT] == [200] * RATE_LIMIT and statuses[RATE_LIMIT:] == [429] * 4


def test_an_index_published_by_a_third_process_reaches_both_without_a_failed_request(cluster):
    a, b = cluster["a"], cluster["b"]
    before = {httpx.get(m.base + "/healthz").json()["generation"] for m in (a, b)}
    statuses: list[int] = []
    stop = threading.Event()

    def ask_until_stopped(machine: ProductionServer) -> None:
        while not stop.is_set():
            with client() as http:  # a new address every few requests keeps well under the rate limit
                for _ in range(10):
                    statuses.append(http.post(machine.base + "/api/ask", json={"question": QUESTION}).status_code)

    threads = [threading.Thread(target=ask_until_stopped, args=(m,)) for m in (a, b)]
    for thread in threads:
        thread.start()
    digest = Path(cluster["env"]["LTP_CORPUS_DIR"]) / "framework.md"
    digest.write_text(digest.read_text().replace("November 2019", "December 2019"))
    started = time.monotonic()
    indexer = subprocess.run([LTP, "index", "--no-progress"], capture_output=True, text=True, timeout=180,
                             env={**cluster["env"], "LTP_DATA_DIR": str(cluster["root"] / "third")})
    print(f"\nltp index (third process) took {time.monotonic() - started:.1f} s")
    time.sleep(2.5)  # machines look for a new generation at most once a second
    stop.set()
    for thread in threads:
        thread.join()

    print(f"{len(statuses)} questions answered on the two machines meanwhile: {sorted(set(statuses))}")
    assert indexer.returncode == 0, indexer.stderr
    assert len(statuses) > 20 and set(statuses) == {200}
    after = {httpx.get(m.base + "/healthz").json()["generation"] for m in (a, b)}
    assert len(after) == 1 and after != before
    with client() as http:
        for machine in (a, b):
            assert "December 2019" in http.post(machine.base + "/api/ask", json={"question": QUESTION}).json()["answer"]


def test_without_redis_both_machines_keep_answering_and_limit_on_their_own(cluster):
    a, b = cluster["a"], cluster["b"]
    cluster["redis"].stop()
    try:
        with client() as http:
            statuses = [http.post(a.base + "/api/ask", json={"question": QUESTION}).status_code
                        for _ in range(RATE_LIMIT + 2)]
            other = http.post(b.base + "/api/ask", json={"question": QUESTION}).status_code
    finally:
        cluster["redis"].start()
    # Degraded, as documented: each machine counts in memory, so a client gets the limit on each machine.
    assert statuses == [200] * RATE_LIMIT + [429] * 2 and other == 200
    assert "falling back to in-memory storage" in cluster["a"].log.read_text()


def test_without_postgresql_feedback_is_503_answers_go_on_and_no_rating_is_lost(cluster):
    a, b = cluster["a"], cluster["b"]
    with client() as http:
        answer = http.post(a.base + "/api/ask", json={"question": QUESTION}).json()
        assert rate(http, a, answer, "before the outage").status_code == 201
    before = exported_feedback(cluster["env"])
    cluster["postgres"].stop()
    try:
        with client() as http:
            for machine in (a, b):
                refused = rate(http, machine, answer, "during the outage")
                assert refused.status_code == 503 and "feedback database" in refused.json()["error"]
                assert http.post(machine.base + "/api/ask", json={"question": QUESTION}).status_code == 200
        export = CliRunner().invoke(cli, ["feedback", "export"], env={"LTP_DATABASE_URL": cluster["env"]["LTP_DATABASE_URL"]})
        assert export.exit_code == 1 and "not answering" in export.output
    finally:
        cluster["postgres"].start()
    with client() as http:
        assert rate(http, b, answer, "after the outage").status_code == 201
    after = exported_feedback(cluster["env"])
    assert after[: len(before)] == before and [r["comment"] for r in after[len(before):]] == ["after the outage"]
