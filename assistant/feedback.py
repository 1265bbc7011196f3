"""Feedback on answers (thumbs up/down and a comment), kept in SQLite under LTP_DATA_DIR.

Connections are opened per call and closed at once: the web app may run in several worker processes.
Every statement is parameterised.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from assistant.errors import BadInput

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL DEFAULT '[]',
    mode TEXT NOT NULL DEFAULT ''
)
"""
MAX_COMMENT = 2000
FIELDS = ["id", "created_at", "rating", "comment", "question", "answer", "citations", "mode"]


def _connect(db: Path) -> sqlite3.Connection:
    db.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(db, timeout=10)
    connection.execute(SCHEMA)
    return connection


def record_feedback(db: Path, payload: object) -> int:
    """Store one piece of feedback; BadInput says what is missing or wrong."""
    if not isinstance(payload, dict):
        raise BadInput('send {"rating": "up" or "down", "question": ..., "answer": ..., "comment": ...}')
    rating = {"up": 1, "down": -1, 1: 1, -1: -1}.get(payload.get("rating"))
    if rating is None:
        raise BadInput('rating must be "up" or "down"')
    question, answer = payload.get("question"), payload.get("answer")
    if not isinstance(question, str) or not isinstance(answer, str) or not question.strip():
        raise BadInput("feedback needs the question and the answer it is about")
    comment = payload.get("comment") or ""
    if not isinstance(comment, str) or len(comment) > MAX_COMMENT:
        raise BadInput(f"the comment must be text under {MAX_COMMENT} characters")
    citations = payload.get("citations") or []
    if not isinstance(citations, list):
        raise BadInput("citations must be the list the answer came with")
    with closing(_connect(db)) as connection, connection:
        cursor = connection.execute(
            "INSERT INTO feedback (created_at, rating, comment, question, answer, citations, mode) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (time.strftime("%Y-%m-%dT%H:%M:%S"), rating, comment.strip(), question[:4000], answer[:20000],
             json.dumps(citations)[:100000], str(payload.get("mode") or "")),
        )
        return int(cursor.lastrowid)


def all_feedback(db: Path) -> list[dict]:
    if not db.exists():
        return []
    with closing(_connect(db)) as connection:
        rows = connection.execute(f"SELECT {', '.join(FIELDS)} FROM feedback ORDER BY id").fetchall()
    return [dict(zip(FIELDS, row)) for row in rows]


def export_feedback(db: Path, fmt: str) -> str:
    rows = all_feedback(db)
    if fmt == "jsonl":
        return "".join(json.dumps({**r, "citations": json.loads(r["citations"])}, ensure_ascii=False) + "\n" for r in rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
