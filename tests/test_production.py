"""`ltp serve --prod`: real gunicorn workers on loopback; re-indexing while serving fails no request, and
SIGTERM shuts down cleanly."""

from __future__ import annotations

import signal
import threading
import time

import httpx
import pytest
from click.testing import CliRunner
from servers import ProductionServer

from assistant.cli import cli


def test_production_needs_a_secret_key(monkeypatch):
    monkeypatch.delenv("LTP_SECRET_KEY", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--prod"])
    assert result.exit_code == 2 and "LTP_SECRET_KEY" in result.output


@pytest.fixture
def production_server(fresh_assistant, tmp_path):
    fresh_assistant.index(progress=False)
    env = {
        "LTP_DATA_DIR": str(fresh_assistant.settings.data_dir),
        "LTP_CORPUS_DIR": str(fresh_assistant.settings.corpus_dir),
        "LTP_SECRET_KEY": "test-secret-key-0123456789",
        "LTP_RATE_LIMIT": "0",
        "HF_HUB_OFFLINE": "1",
    }
    running = ProductionServer(env, tmp_path / "server.log").wait_ready()
    yield running.base, running.process, fresh_assistant, running.log
    running.stop()


def test_reindex_while_serving_fails_no_request_and_sigterm_is_graceful(production_server):
    base, process, assistant, log = production_server
    before = httpx.get(base + "/healthz").json()["generation"]
    results: list[int] = []
    stop = threading.Event()

    def client():
        with httpx.Client(timeout=30) as http:
            while not stop.is_set():
                response = http.post(base + "/api/ask", json={"question": "when are final system plans due?"})
                results.append(response.status_code)

    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    digest = assistant.settings.corpus_dir / "framework.md"
    digest.write_text(digest.read_text().replace("November 2019", "December 2019"))
    assistant.index(progress=False)
    time.sleep(2.5)
    stop.set()
    for thread in threads:
        thread.join()

    assert len(results) > 10 and set(results) == {200}
    assert httpx.get(base + "/healthz").json()["generation"] != before
    answer = httpx.post(base + "/api/ask", json={"question": "when are final system plans due?"}).json()
    assert "December 2019" in answer["answer"]

    assert log.read_text().count("Worker ready") == 2  # each worker warmed (model, index, sentences) first

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=40) == 0
