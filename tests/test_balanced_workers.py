"""`ltp serve --prod --workers 2` shares kept-alive clients between its workers (issue 16, serve16).

Browsers keep their connection open, and gunicorn leaves a kept-alive connection with the worker that accepted
it. A worker with questions waiting therefore answers with `Connection: close`, so that client's next question
is a new connection that whichever worker is free takes. These tests hold the behaviour a user relies on: one
client keeps its connection, many clients are all answered by both workers, and the answers are the same ones a
lone client gets. (The slow-client defences are held by test_hostile_input.py against the same worker class.)
"""

from __future__ import annotations

import re
import subprocess
import threading
import time

import httpx
import pytest
from servers import ProductionServer

QUESTIONS = [
    "how big is a primary care network?",
    "when are final system plans due?",
    "what does the plan say about physiotherapy?",
    "how many people does a primary care network cover?",
]
CLIENTS = 12
ROUNDS = 3


@pytest.fixture(scope="module")
def server(indexed, tmp_path_factory):
    data = tmp_path_factory.mktemp("balanced") / "var"
    subprocess.run(["cp", "-r", str(indexed.settings.data_dir), str(data)], check=True)
    env = {"LTP_DATA_DIR": str(data), "LTP_CORPUS_DIR": str(indexed.settings.corpus_dir),
           "LTP_SECRET_KEY": "test-secret-key-0123456789", "LTP_RATE_LIMIT": "0", "HF_HUB_OFFLINE": "1"}
    running = ProductionServer(env, data.parent / "server.log").wait_ready(every_worker=True)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def lone_answers(server) -> dict[str, dict]:
    """Each question's answer JSON for a single client on an idle server."""
    with httpx.Client(base_url=server.base, timeout=60) as http:
        return {q: http.post("/api/ask", json={"question": q}).json() for q in QUESTIONS}


def test_a_lone_client_keeps_its_connection_and_gets_its_answers(server, lone_answers):
    with httpx.Client(base_url=server.base, timeout=60) as http:
        responses = [http.post("/api/ask", json={"question": q}) for q in QUESTIONS]
    assert [r.status_code for r in responses] == [200] * len(QUESTIONS)
    assert {r.headers["connection"] for r in responses} == {"keep-alive"}  # nobody waiting: nothing handed back
    assert [r.json() for r in responses] == [lone_answers[q] for q in QUESTIONS]


def test_many_kept_alive_clients_are_all_answered_by_both_workers_with_the_lone_answers(server, lone_answers):
    logged = settled_size(server)
    outcomes: list[tuple[str, int, str, dict]] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        with httpx.Client(base_url=server.base, timeout=120) as http:  # one kept-alive connection, as a browser
            for turn in range(ROUNDS):
                question = QUESTIONS[(n + turn) % len(QUESTIONS)]
                response = http.post("/api/ask", json={"question": question})
                answer = response.json()
                with lock:
                    outcomes.append((question, response.status_code, response.headers.get("connection", ""), answer))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [status for _, status, _, _ in outcomes] == [200] * (CLIENTS * ROUNDS)
    assert all(answer == lone_answers[question] for question, _, _, answer in outcomes)
    # A worker with questions queued handed at least one client back to the accept queue...
    assert "close" in {connection for _, _, connection, _ in outcomes}
    # ...and both workers answered questions (the access log ends each line with the worker's pid).
    pids = answered_by(server, logged, CLIENTS * ROUNDS)
    assert len(pids) == CLIENTS * ROUNDS and len(set(pids)) == 2


def settled_size(server) -> int:
    """The log's size once earlier requests' access lines are written: gunicorn writes a line just after its
    response, so the last line of a test run before this one can land after that test has finished."""
    size = server.log.stat().st_size
    while True:
        time.sleep(0.5)
        if (now := server.log.stat().st_size) == size:
            return size
        size = now


def answered_by(server, logged: int, expected: int) -> list[str]:
    """The worker pid of each question answered after byte `logged` of the server's log. gunicorn writes the access
    line just after the response, so wait (up to 10 s) for the last ones."""
    deadline = time.monotonic() + 10
    while True:
        with server.log.open() as log:
            log.seek(logged)
            pids = re.findall(r'"POST /api/ask HTTP/1\.1" 200 .* <(\d+)>$', log.read(), flags=re.MULTILINE)
        if len(pids) >= expected or time.monotonic() > deadline:
            return pids
        time.sleep(0.1)

