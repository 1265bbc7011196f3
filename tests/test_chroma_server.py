"""LTP_CHROMA_URL: index into a real Chroma server on loopback and answer through it; when the server
goes away the API answers 503, and it recovers when the server returns."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from servers import Chroma, free_port

from assistant.engine import Assistant
from indexer.errors import BackendUnavailable
from web import create_app


@pytest.fixture
def chroma(tmp_path):
    server = Chroma(tmp_path / "chroma", free_port()).start()
    yield server
    server.stop()


def test_index_and_answer_through_a_chroma_server_then_503_and_recovery(chroma, fresh_assistant):
    settings = replace(fresh_assistant.settings, chroma_url=chroma.url)
    assistant = Assistant(settings, embeddings=fresh_assistant.embeddings)
    summary = assistant.index(progress=False)
    assert summary.passages > 0 and not (settings.data_dir / "index" / "CURRENT").exists()
    assert "30,000" in assistant.ask("how big is a primary care network?").answer
    assert assistant.index(progress=False).unchanged

    client = create_app(settings, assistant=assistant).test_client()
    chroma.stop()
    time.sleep(1.1)
    with pytest.raises(BackendUnavailable, match="not answering"):
        assistant.ask("how big is a primary care network?")
    response = client.post("/api/ask", json={"question": "how big is a primary care network?"})
    assert response.status_code == 503 and "Chroma server" in response.get_json()["error"]

    chroma.start()
    time.sleep(1.1)
    response = client.post("/api/ask", json={"question": "how big is a primary care network?"})
    assert response.status_code == 200 and "30,000" in response.get_json()["answer"]
