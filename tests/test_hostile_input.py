"""The red-team probe of issue 22, replayed against the real production server (`ltp serve --prod`, two gevent
workers, on a free loopback port, started once for this module). Each test is one finding; each client
uses its own loopback address, so rate limits (keyed by address) never spill from one test into another.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import time

import httpx
import pytest
from servers import ProductionServer

RATE_LIMIT = 20
NHS_NUMBER = "943 476 5919"  # a valid NHS number (modulus 11), from NHS Digital's test range


@pytest.fixture(scope="module")
def server(indexed, tmp_path_factory):
    """`ltp serve --prod` over a copy of the session's index, with a real (low) rate limit."""
    data = tmp_path_factory.mktemp("hostile") / "var"
    subprocess.run(["cp", "-r", str(indexed.settings.data_dir), str(data)], check=True)
    env = {"LTP_DATA_DIR": str(data), "LTP_CORPUS_DIR": str(indexed.settings.corpus_dir),
           "LTP_SECRET_KEY": "test-secret-key-0123456789", "LTP_RATE_LIMIT": f"{RATE_LIMIT} per minute",
           "HF_HUB_OFFLINE": "1"}
    running = ProductionServer(env, data.parent / "server.log").wait_ready(every_worker=True)
    yield {"base": running.base, "port": running.port, "data": data, "log": running.log}
    running.stop()


def client(server, address: str) -> httpx.Client:
    """An HTTP client whose requests come from `address` (any 127.x.y.z is loopback on Linux)."""
    return httpx.Client(base_url=server["base"], timeout=5, transport=httpx.HTTPTransport(local_address=address))


def raw(server, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server["port"]), timeout=5) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_fifty_stalled_connections_leave_health_and_questions_answering_within_a_second(server):
    stalled = []
    for i in range(50):
        sock = socket.create_connection(("127.0.0.1", server["port"]))
        if i % 2 == 0:  # headers, then one byte of a 100-byte body; the others send nothing at all
            sock.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 100\r\n\r\n{")
        stalled.append(sock)
    time.sleep(0.5)
    try:
        with client(server, "127.0.0.2") as http:
            for _ in range(3):
                start = time.monotonic()
                assert http.get("/healthz").status_code == 200
                assert time.monotonic() - start < 1.0
                start = time.monotonic()
                answer = http.post("/api/ask", json={"question": "when are final system plans due?"})
                assert answer.status_code == 200 and "November 2019" in answer.json()["answer"]
                assert time.monotonic() - start < 1.0
    finally:
        for sock in stalled:
            sock.close()


@pytest.mark.parametrize("route", ["/api/ask", "/api/ask/stream", "/api/feedback"])
def test_json_nested_a_thousand_deep_is_a_400(server, route):
    body = '{"question": ' + "[" * 1000 + "]" * 1000 + "}"
    with client(server, "127.0.0.3") as http:
        response = http.post(route, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["error"]


@pytest.mark.parametrize("rating", [[1], {}, [], None, "sideways"])
def test_feedback_with_an_unusable_rating_is_a_400(server, rating):
    with client(server, "127.0.0.4") as http:
        response = http.post("/api/feedback", json={"rating": rating, "question": "q", "answer": "a"})
    assert response.status_code == 400 and "rating" in response.json()["error"]


def test_lone_surrogates_are_stored_and_streamed_not_a_500(server):
    with client(server, "127.0.0.5") as http:
        saved = http.post("/api/feedback", content='{"rating": "up", "question": "q", "answer": "a", '
                          '"comment": "odd \\ud800 text"}', headers={"Content-Type": "application/json"})
        assert saved.status_code == 201
        stream = http.post("/api/ask/stream", content='{"id": "x\\udfff", "question": "when are final system plans due?"}',
                           headers={"Content-Type": "application/json"})
    assert stream.status_code == 200
    done = [block for block in stream.text.split("\n\n") if block.startswith("event: done")]
    assert len(done) == 1 and json.loads(done[0].split("data: ", 1)[1])["id"] == "x\ufffd"


def test_the_server_own_error_pages_carry_security_headers(server):
    for request, status in [(b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"414"),
                            (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n", b"431"),
                            (b"NOT HTTP AT ALL\r\n\r\n", b"400")]:
        head = raw(server, request).split(b"\r\n\r\n")[0].decode("latin-1")
        assert head.split()[1] == status.decode()
        assert "X-Content-Type-Options: nosniff" in head and "X-Frame-Options: DENY" in head


def test_redirects_never_point_at_the_host_header(server):
    head = raw(server, b"GET //assets//x HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
    status, *headers = head.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    location = next(h.split(": ", 1)[1] for h in headers if h.lower().startswith("location:"))
    assert " 308 " in status and location == "/assets/x"


def test_session_cookie_is_secure_and_same_site(server):
    with client(server, "127.0.0.7") as http:
        cookie = http.get("/").headers["Set-Cookie"]
    assert "Secure" in cookie and "SameSite=Lax" in cookie and "HttpOnly" in cookie


def test_rate_limit_is_the_limit_set_across_both_workers(server):
    statuses = []
    for _ in range(RATE_LIMIT + 6):
        with client(server, "127.0.0.8") as http:  # a new connection each time: gunicorn spreads them over workers
            statuses.append(http.post("/api/ask", json={"question": "how big should a PCN be?"}).status_code)
    assert statuses.count(200) == RATE_LIMIT and statuses[RATE_LIMIT:] == [429] * 6


def test_a_person_in_crisis_gets_signposting_first(server):
    with client(server, "127.0.0.9") as http:
        answer = http.post("/api/ask", json={"question": "took a load of paracetamol an hour ago"}).json()
    assert answer["abstained"] is True and answer["citations"] == [] and answer["safety"] == "overdose"
    assert "999" in answer["answer"] and "116 123" in answer["answer"]


def test_personal_details_are_answered_but_never_stored_or_logged(server):
    question = f"my NHS number is {NHS_NUMBER}, when are final system plans due?"
    with client(server, "127.0.0.10") as http:
        answer = http.post("/api/ask", json={"question": question}).json()
        assert "November 2019" in answer["answer"] and "personal details" in answer["notice"]
        http.post("/api/feedback", json={"rating": "down", "question": question, "answer": answer["answer"],
                                         "comment": "call me on 07700 900123", "citations": answer["citations"]})
        http.get("/", params={"q": question})
    with sqlite3.connect(server["data"] / "feedback.sqlite3") as db:
        stored = " ".join(" ".join(map(str, row)) for row in db.execute("SELECT * FROM feedback"))
    assert "[NHS number]" in stored and "[phone number]" in stored
    time.sleep(0.2)  # the access log line is written after the response
    for text in (stored, server["log"].read_text()):
        assert "9434765919" not in text.replace(" ", "") and "07700" not in text
