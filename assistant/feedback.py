"""Feedback on answers (thumbs up/down and a comment), kept in the app's database (`assistant.database`):
SQLite under LTP_DATA_DIR, or the PostgreSQL server of LTP_DATABASE_URL that several machines share.

Every statement is built by SQLAlchemy Core, so values are always bound parameters.
"""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

from sqlalchemy import func, select

from assistant.database import Database, as_database, feedback_table
from assistant.json_input import encodable
from assistant.privacy import redact
from assistant.spreadsheet import safe_cell
from indexer.errors import BadInput

MAX_COMMENT = 2000
MAX_CITATIONS = 20
MAX_ROWS = 100_000
"""Feedback stops being accepted past this many rows (with the per-client rate limit, no client can fill the
disk); `ltp feedback export` then archiving the database makes room."""
FIELDS = ["id", "created_at", "rating", "comment", "question", "answer", "citations", "mode"]
CITATION_FIELDS = {"n": int, "doc_id": str, "doc_title": str, "section": str, "para": str, "page": int, "url": str,
                   "source_kind": str, "text": str}
"""What feedback keeps of each citation (enough to see what the answer cited), each text capped at 2,000."""


def record_feedback(db: Database | Path, payload: object) -> int:
    """Store one piece of feedback, personal details redacted; BadInput says what is missing or wrong."""
    if not isinstance(payload, dict):
        raise BadInput('send {"rating": "up" or "down", "question": ..., "answer": ..., "comment": ...}')
    rating = payload.get("rating")
    rating = {"up": 1, "down": -1, 1: 1, -1: -1}.get(rating) if isinstance(rating, (str, int)) else None
    if rating is None:
        raise BadInput('rating must be "up" or "down"')
    question, answer = payload.get("question"), payload.get("answer")
    if not isinstance(question, str) or not isinstance(answer, str) or not question.strip():
        raise BadInput("feedback needs the question and the answer it is about")
    comment = payload.get("comment") or ""
    if not isinstance(comment, str) or len(comment) > MAX_COMMENT:
        raise BadInput(f"the comment must be text under {MAX_COMMENT} characters")
    citations = _citations(payload.get("citations") or [])
    mode = payload.get("mode") or ""
    row = dict(created_at=time.strftime("%Y-%m-%dT%H:%M:%S"), rating=rating, comment=_stored(comment.strip()),
               question=_stored(question[:4000]), answer=_stored(answer[:20000]),
               citations=json.dumps(citations, ensure_ascii=False), mode=_stored(str(mode)[:40]))
    with as_database(db).begin() as connection:
        rows = connection.execute(select(func.coalesce(func.max(feedback_table.c.id), 0))).scalar_one()
        if rows >= MAX_ROWS:
            raise BadInput("feedback is not being accepted at the moment; thank you all the same")
        inserted = connection.execute(feedback_table.insert().values(**row).returning(feedback_table.c.id))
        return int(inserted.scalar_one())


def _stored(text: str) -> str:
    """What may be kept of user text: encodable, and with personal details redacted."""
    return redact(encodable(text))


def _citations(citations: object) -> list[dict]:
    """The answer's citations, validated and cut to what feedback needs, so the stored JSON is always valid."""
    if not isinstance(citations, list) or len(citations) > MAX_CITATIONS:
        raise BadInput(f"citations must be the list the answer came with (at most {MAX_CITATIONS})")
    kept = []
    for citation in citations:
        if not isinstance(citation, dict):
            raise BadInput("each citation must be an object, as the answer gave it")
        kept.append({
            key: (_stored(value[:2000]) if isinstance(value, str) else value)
            for key, kind in CITATION_FIELDS.items()
            if isinstance(value := citation.get(key), kind) and not isinstance(value, bool)
        })
    return kept


def _stored_citations(text: str) -> object:
    """Rows written before citations were validated may hold cut-off JSON: export it as text, not a crash."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def all_feedback(db: Database | Path) -> list[dict]:
    """Every row, oldest first (ids are assigned by the one database, so this is arrival order)."""
    columns = [feedback_table.c[name] for name in FIELDS]
    with as_database(db).begin() as connection:
        return [dict(row._mapping) for row in connection.execute(select(*columns).order_by(feedback_table.c.id))]


def export_feedback(db: Database | Path, fmt: str) -> str:
    rows = all_feedback(db)
    if fmt == "jsonl":
        return "".join(json.dumps({**r, "citations": _stored_citations(r["citations"])}, ensure_ascii=False) + "\n"
                       for r in rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in rows)
    return out.getvalue()
