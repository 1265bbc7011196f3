"""LTP_CHROMA_URL: index into a real Chroma server on loopback and answer through it; when the server
goes away the API answers 503, and it recovers when the server returns."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from assistant.engine import Assistant
from indexer.errors import BackendUnavailable
from web import create_app

CHROMA = str(Path(sys.executable).with_name("chroma"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_chroma(path: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen([CHROMA, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.3)
    process.kill()
    pytest.fail("chroma run did not start")


@pytest.fixture
def chroma(tmp_path):
    port = free_port()
    state = {"process": start_chroma(tmp_path / "chroma", port), "port": port, "path": tmp_path / "chroma"}
    yield state
    state["process"].kill()


def test_index_and_answer_through_a_chroma_server_then_503_and_recovery(chroma, fresh_assistant):
    settings = replace(fresh_assistant.settings, chroma_url=f"http://127.0.0.1:{chroma['port']}")
    assistant = Assistant(settings)
    assistant.embeddings = fresh_assistant.embeddings
    summary = assistant.index(progress=False)
    assert summary.passages > 0 and not (settings.data_dir / "index" / "CURRENT").exists()
    assert "30,000" in assistant.ask("how big is a primary care network?").answer
    assert assistant.index(progress=False).unchanged

    client = create_app(settings, assistant=assistant).test_client()
    chroma["process"].kill()
    chroma["process"].wait()
    time.sleep(1.1)
    with pytest.raises(BackendUnavailable, match="not answering"):
        assistant.ask("how big is a primary care network?")
    response = client.post("/api/ask", json={"question": "how big is a primary care network?"})
    assert response.status_code == 503 and "Chroma server" in response.get_json()["error"]

    chroma["process"] = start_chroma(chroma["path"], chroma["port"])
    time.sleep(1.1)
    response = client.post("/api/ask", json={"question": "how big is a primary care network?"})
    assert response.status_code == 200 and "30,000" in response.get_json()["answer"]
