"""The JSON API: contract-shaped answers and human-readable errors, never a stack trace."""

from __future__ import annotations

import pytest

from web import create_app


def test_healthz_reports_ready(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


def test_ask_returns_cited_answer(client):
    response = client.post("/api/ask", json={"question": "how big is a primary care network?"})
    data = response.get_json()
    assert response.status_code == 200
    assert "30,000" in data["answer"] and data["citations"][0]["para"] == "1.2"


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        ({"data": "not json", "content_type": "application/json"}, 400, "JSON object"),
        ({"data": "question=hi", "content_type": "application/x-www-form-urlencoded"}, 400, "Content-Type"),
        ({"json": {"question": ""}}, 400, "empty"),
        ({"json": {"question": "x" * 2500}}, 400, "2000"),
        ({"json": {"question": "pcn", "history": "not a list"}}, 400, "history"),
        ({"json": {"question": "pcn", "history": [{"role": "bot", "content": 1}]}}, 400, "history item 0"),
        ({"json": ["a", "list"]}, 400, "JSON object"),
        ({"data": "x" * 70000, "content_type": "application/json"}, 413, "too large"),
    ],
    ids=["malformed", "form", "empty", "too-long", "history-type", "history-item", "list-body", "oversized"],
)
def test_bad_requests_get_clear_json_errors(client, kwargs, status, message):
    response = client.post("/api/ask", **kwargs)
    assert response.status_code == status
    assert message in response.get_json()["error"]


def test_oversized_feedback_is_told_about_its_comment_not_a_question(client):
    response = client.post("/api/feedback", json={"rating": "down", "question": "q", "answer": "a", "citations": [],
                                                  "comment": "x" * 70000})
    assert response.status_code == 413 and "comment" in response.get_json()["error"]


def test_missing_index_is_503_saying_run_ltp_index(fresh_fake_assistant):
    client = create_app(fresh_fake_assistant.settings, assistant=fresh_fake_assistant).test_client()
    for response in (client.get("/healthz"), client.post("/api/ask", json={"question": "pcn size"})):
        assert response.status_code == 503
        assert "ltp index" in response.get_json()["error"]


def test_unknown_route_is_json_404(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and "error" in response.get_json()


def test_sections_api_lists_every_document(client):
    data = client.get("/api/sections").get_json()["sections"]
    assert {s["doc_id"] for s in data} == {"plan", "framework"}
    assert client.get("/api/sections?doc=nope").status_code == 404


def test_rate_limit_per_client_answers_429_with_advice(indexed):
    from dataclasses import replace

    app = create_app(replace(indexed.settings, rate_limit="2 per minute"), assistant=indexed)
    client = app.test_client()
    statuses = [client.post("/api/ask", json={"question": "how big is a PCN?"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = client.post("/api/ask", json={"question": "how big is a PCN?"})
    assert "wait a minute" in limited.get_json()["error"]
    assert client.get("/healthz").status_code == 200, "reading routes are not limited"
    other = app.test_client()
    assert other.post("/api/ask", json={"question": "x"}, environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code == 200


@pytest.mark.parametrize("proxies", [0, 1])
def test_rate_limit_counts_clients_behind_a_trusted_proxy_only(indexed, proxies):
    """Behind nginx every request comes from the proxy's address: with LTP_TRUSTED_PROXIES=1 each client is
    counted by X-Forwarded-For; without it the header is ignored, so a client cannot dodge the limit."""
    from dataclasses import replace

    app = create_app(replace(indexed.settings, rate_limit="1 per minute", trusted_proxies=proxies), assistant=indexed)
    client = app.test_client()
    statuses = [client.post("/api/ask", json={"question": "how big is a PCN?"},
                            headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for i in range(2)]
    assert statuses == ([200, 200] if proxies else [200, 429])


def test_each_app_keeps_its_own_rate_limit(indexed):
    from dataclasses import replace

    strict = create_app(replace(indexed.settings, rate_limit="1 per minute"), assistant=indexed).test_client()
    lenient = create_app(replace(indexed.settings, rate_limit="5 per minute"), assistant=indexed).test_client()
    ask = {"json": {"question": "how big is a PCN?"}}
    assert [strict.post("/api/ask", **ask).status_code for _ in range(2)] == [200, 429]
    assert [lenient.post("/api/ask", **ask).status_code for _ in range(3)] == [200, 200, 200]


def test_sqlite_rate_limit_store_is_shared_by_separate_apps(indexed, tmp_path):
    """Two apps stand in for two gunicorn workers: one store, one limit."""
    from dataclasses import replace

    settings = replace(indexed.settings, rate_limit="3 per minute", rate_limit_storage=f"sqlite://{tmp_path / 'rl.db'}")
    workers = [create_app(settings, assistant=indexed).test_client() for _ in range(2)]
    statuses = [workers[i % 2].post("/api/ask", json={"question": "how big is a PCN?"}).status_code for i in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_feedback_export_neutralises_spreadsheet_formulas_and_keeps_valid_json(client, indexed):
    from assistant.feedback import export_feedback

    long = [{"n": i, "doc_id": "plan", "text": "x" * 2_900} for i in range(1, 21)]  # each text cut to 2,000
    for comment in ("=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2", "@SUM(A1)"):
        assert client.post("/api/feedback", json={"rating": "down", "question": "q", "answer": "a",
                                                  "comment": comment, "citations": long}).status_code == 201
    import csv
    import io
    import json

    rows = list(csv.DictReader(io.StringIO(export_feedback(indexed.settings.feedback_db, "csv"))))
    assert all(not row["comment"].startswith(("=", "+", "-", "@")) for row in rows)
    for line in export_feedback(indexed.settings.feedback_db, "jsonl").splitlines():
        assert isinstance(json.loads(line)["citations"], list)


def test_too_many_citations_in_feedback_is_a_400(client):
    response = client.post("/api/feedback", json={"rating": "up", "question": "q", "answer": "a",
                                                  "citations": [{"n": i} for i in range(100)]})
    assert response.status_code == 400 and "citations" in response.get_json()["error"]


def test_a_proxy_count_that_is_not_a_number_says_what_to_set():
    from assistant.settings import Settings
    from indexer.errors import BadInput

    with pytest.raises(BadInput, match="LTP_TRUSTED_PROXIES must be a whole number"):
        Settings.from_env({"LTP_TRUSTED_PROXIES": "two"})
