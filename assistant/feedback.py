"""Feedback on answers (thumbs up/down and a comment), kept in the app's database (`assistant.database`):
SQLite under LTP_DATA_DIR, or the PostgreSQL server of LTP_DATABASE_URL that several machines share.

Every statement is built by SQLAlchemy Core, so values are always bound parameters.
"""

from __future__ import annotations

import csv
import io
import json
import time

from sqlalchemy import select

from assistant.database import Database, feedback_table
from assistant.errors import BadInput

MAX_COMMENT = 2000
FIELDS = ["id", "created_at", "rating", "comment", "question", "answer", "citations", "mode"]


def record_feedback(db: Database, payload: object) -> int:
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
    row = dict(created_at=time.strftime("%Y-%m-%dT%H:%M:%S"), rating=rating, comment=comment.strip(),
               question=question[:4000], answer=answer[:20000], citations=json.dumps(citations)[:100000],
               mode=str(payload.get("mode") or ""))
    with db.begin() as connection:
        inserted = connection.execute(feedback_table.insert().values(**row).returning(feedback_table.c.id))
        return int(inserted.scalar_one())


def all_feedback(db: Database) -> list[dict]:
    """Every row, oldest first (ids are assigned by the one database, so this is arrival order)."""
    columns = [feedback_table.c[name] for name in FIELDS]
    with db.begin() as connection:
        return [dict(row._mapping) for row in connection.execute(select(*columns).order_by(feedback_table.c.id))]


def export_feedback(db: Database, fmt: str) -> str:
    rows = all_feedback(db)
    if fmt == "jsonl":
        return "".join(json.dumps({**r, "citations": json.loads(r["citations"])}, ensure_ascii=False) + "\n" for r in rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
