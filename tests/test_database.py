"""Feedback storage: SQLite by default, PostgreSQL with LTP_DATABASE_URL — one code path, tested on a real
PostgreSQL server started for this module. The schema is created or upgraded on first use, machines starting
together do not trip over each other, and a database that goes away gives a 503 and loses nothing."""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import replace

import pytest
from click.testing import CliRunner
from servers import free_port, remove_postgres, start_postgres
from sqlalchemy import create_engine, text

from assistant.cli import cli
from assistant.database import SCHEMA_VERSION, Database, engine_url
from assistant.feedback import all_feedback, record_feedback
from indexer.errors import BackendUnavailable, BadInput
from web import create_app

names = (f"ltp_test_{n}" for n in itertools.count())


@pytest.fixture(scope="module")
def postgres():
    server = start_postgres()
    yield server
    remove_postgres(server)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'feedback.sqlite3'}"
    return request.getfixturevalue("postgres").create_database(next(names))


def feedback_for(answer: dict, rating: str, comment: str = "") -> dict:
    return {"rating": rating, "comment": comment, **{k: answer[k] for k in ("question", "answer", "citations", "mode")}}


def cited(row: dict) -> list[tuple]:
    return [(c["n"], c["doc_id"], c["para"]) for c in row["citations"]]


def test_feedback_given_in_the_chat_is_exported_from_the_database(indexed, database_url, monkeypatch):
    client = create_app(replace(indexed.settings, database_url=database_url), assistant=indexed).test_client()
    answer = client.post("/api/ask", json={"question": "how big is a primary care network?"}).get_json()
    first = client.post("/api/feedback", json=feedback_for(answer, "up"))
    second = client.post("/api/feedback", json=feedback_for(answer, "down", "café — needs the 2019 date"))
    assert first.status_code == second.status_code == 201
    assert second.get_json()["id"] > first.get_json()["id"]

    monkeypatch.setenv("LTP_DATABASE_URL", database_url)
    exported = CliRunner().invoke(cli, ["feedback", "export", "--format", "jsonl"])
    rows = [json.loads(line) for line in exported.output.splitlines()]
    assert exported.exit_code == 0 and [r["rating"] for r in rows] == [1, -1]
    assert rows[1]["comment"] == "café — needs the 2019 date" and cited(rows[1]) == cited(answer)
    assert rows[0]["question"] == "how big is a primary care network?" and rows[0]["mode"] == "extractive"


def test_an_older_feedback_table_is_upgraded_in_place_and_keeps_its_rows(database_url):
    engine = create_engine(engine_url(database_url))
    with engine.begin() as connection:  # the table as a first release might have made it: no citations, no mode
        key = "SERIAL PRIMARY KEY" if database_url.startswith("postgresql") else "INTEGER PRIMARY KEY AUTOINCREMENT"
        connection.execute(text(f"CREATE TABLE feedback (id {key}, created_at TEXT NOT NULL, "
                                "rating SMALLINT NOT NULL, comment TEXT NOT NULL DEFAULT '', question TEXT NOT NULL, "
                                "answer TEXT NOT NULL)"))
        connection.execute(text("INSERT INTO feedback (created_at, rating, question, answer) "
                                "VALUES ('2026-01-01T00:00:00', 1, 'old q', 'old a')"))
    engine.dispose()

    database = Database(database_url)
    record_feedback(database, {"rating": "down", "question": "new q", "answer": "new a", "mode": "llm"})
    again = Database(database_url)  # a second start changes nothing
    rows = all_feedback(again)
    assert [(r["question"], r["citations"], r["mode"]) for r in rows] == [("old q", "[]", ""), ("new q", "[]", "llm")]
    with again.begin() as connection:
        assert connection.execute(text("SELECT version FROM ltp_schema")).scalars().all() == [SCHEMA_VERSION]
    database.dispose()
    again.dispose()


def test_machines_starting_together_create_the_schema_once_and_lose_no_rating(postgres):
    url = postgres.create_database(next(names))
    machines = [Database(url) for _ in range(6)]
    errors: list[Exception] = []

    def rate(database: Database) -> None:
        try:
            for n in range(5):
                record_feedback(database, {"rating": "up", "question": f"q{n}", "answer": "a"})
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=rate, args=(m,)) for m in machines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = all_feedback(machines[0])
    assert errors == [] and len(rows) == 30 and len({r["id"] for r in rows}) == 30
    for machine in machines:
        machine.dispose()


def test_a_database_that_goes_away_gives_503_then_recovers_with_nothing_lost(indexed, postgres, monkeypatch):
    url = postgres.create_database(next(names))
    client = create_app(replace(indexed.settings, database_url=url), assistant=indexed).test_client()
    answer = client.post("/api/ask", json={"question": "how big is a primary care network?"}).get_json()
    assert client.post("/api/feedback", json=feedback_for(answer, "up", "before")).status_code == 201

    postgres.stop()
    try:
        refused = client.post("/api/feedback", json=feedback_for(answer, "down", "during"))
        assert refused.status_code == 503 and "feedback database" in refused.get_json()["error"]
        assert "nothing was saved" in refused.get_json()["error"]
        still = client.post("/api/ask", json={"question": "how big is a primary care network?"})
        assert still.status_code == 200, "answering does not depend on the feedback database"
        monkeypatch.setenv("LTP_DATABASE_URL", url)
        export = CliRunner().invoke(cli, ["feedback", "export"])
        assert export.exit_code == 1 and "not answering" in export.output
    finally:
        postgres.start()

    assert client.post("/api/feedback", json=feedback_for(answer, "down", "after")).status_code == 201
    rows = [json.loads(line) for line in CliRunner().invoke(cli, ["feedback", "export", "--format", "jsonl"]).output.splitlines()]
    assert [r["comment"] for r in rows] == ["before", "after"]


def test_errors_name_the_server_but_never_its_password():
    database = Database(f"postgresql://ltp:sekrit-pass@127.0.0.1:{free_port()}/ltp")
    with pytest.raises(BackendUnavailable) as raised:
        all_feedback(database)
    assert "127.0.0.1" in str(raised.value) and "sekrit-pass" not in str(raised.value)


def test_a_newer_schema_is_refused_with_what_to_do(tmp_path):
    url = f"sqlite:///{tmp_path / 'feedback.sqlite3'}"
    all_feedback(Database(url))
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE ltp_schema SET version = 99"))
    engine.dispose()
    with pytest.raises(BackendUnavailable, match="upgrade LTP Assistant"):
        all_feedback(Database(url))


@pytest.mark.parametrize("url", ["mysql://db/ltp", "not a url"])
def test_an_unsupported_database_url_is_a_usage_error(url, monkeypatch):
    with pytest.raises(BadInput, match="postgresql://"):
        Database(url)
    monkeypatch.setenv("LTP_DATABASE_URL", url)
    result = CliRunner().invoke(cli, ["feedback", "export"])
    assert result.exit_code == 2 and "LTP_DATABASE_URL" in result.output
