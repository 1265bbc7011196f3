"""JSON API: translate HTTP into `Assistant` calls, and errors into `{"error": ...}` with a fitting status."""

from __future__ import annotations

import json
import logging
import re

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context
from werkzeug.exceptions import HTTPException

from assistant.checklists import build_checklist
from assistant.exports import FORMATS, export
from assistant.feedback import record_feedback
from assistant.json_input import load_json
from assistant.programmes import programme_json
from indexer.errors import BackendUnavailable, BadInput, IndexMissing, NotFound

bp = Blueprint("api", __name__)
log = logging.getLogger(__name__)
STREAM_WORDS = 4
"""Words per server-sent `delta` event: small enough that the first words show at once."""


def assistant():
    return current_app.extensions["ltp_assistant"]


def settings():
    return current_app.extensions["ltp_settings"]


def json_body() -> dict:
    if not request.is_json:
        raise BadInput("send JSON with the header Content-Type: application/json")
    try:
        body = load_json(request.get_data(cache=True))
    except BadInput as exc:
        raise BadInput(f'{exc}; the body must be a JSON object such as {{"question": "how big should a PCN be?"}}') from None
    if not isinstance(body, dict):
        raise BadInput('the body must be a JSON object such as {"question": "how big should a PCN be?"}')
    return body


@bp.get("/healthz")
def healthz():
    snapshot = assistant().snapshot()
    return jsonify(status="ok", generation=snapshot.generation, passages=len(snapshot.passages),
                   documents=sorted(snapshot.documents))


@bp.post("/api/ask")
def ask():
    body = json_body()
    answer = assistant().ask(body.get("question"), body.get("history"), id=body.get("id"))
    return jsonify(answer.to_dict())


@bp.post("/api/ask/stream")
def ask_stream():
    """The answer as server-sent events: `delta` text chunks as they are produced, then `citations` and
    `done` (the full answer JSON). With an LLM the deltas are its draft; `done` carries the checked answer.

    Input is checked before the stream starts, so bad input still gets a plain 4xx JSON error.
    """
    body = json_body()
    stream = assistant().ask_stream(body.get("question"), body.get("history"), id=body.get("id"))

    def events():
        streamed = False
        for name, payload in stream:
            if name == "delta":
                streamed = True
                yield _event("delta", {"text": payload})
                continue
            data = payload.to_dict()
            if not streamed:
                words = data["answer"].split(" ")
                for start in range(0, len(words), STREAM_WORDS):
                    chunk = " ".join(words[start : start + STREAM_WORDS])
                    yield _event("delta", {"text": chunk + (" " if start + STREAM_WORDS < len(words) else "")})
            yield _event("citations", data["citations"])
            yield _event("done", data)

    return Response(stream_with_context(events()), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _event(name: str, data: object) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@bp.post("/api/feedback")
def feedback():
    feedback_id = record_feedback(current_app.extensions["ltp_database"], json_body())
    return jsonify(id=feedback_id, status="saved"), 201


@bp.get("/api/programmes")
def programmes():
    found = assistant().find_programmes(request.args.get("type") or None, request.args.get("profession") or None,
                                        request.args.get("topic") or None)
    return jsonify(programmes=[programme_json(p, sources) for p, sources in found])


@bp.get("/api/programmes/<programme_id>")
def programme(programme_id: str):
    found, sources = assistant().programme(programme_id)
    return jsonify(programme_json(found, sources))


@bp.get("/api/sections")
def sections():
    found = assistant().sections(request.args.get("doc") or None)
    return jsonify(sections=[s.to_dict() for s in found])


@bp.get("/api/checklists/<path:section_id>")
def checklist(section_id: str):
    fmt = request.args.get("format", "json")
    if fmt not in FORMATS:
        raise BadInput(f"format must be one of {', '.join(FORMATS)}")
    found = build_checklist(assistant(), section_id)
    if fmt == "json":
        return jsonify(found.to_dict())
    name = re.sub(r"[^a-z0-9]+", "-", found.title.lower()).strip("-")[:60] or "checklist"
    return Response(export(found, fmt), content_type=FORMATS[fmt],  # as given: mimetype= would add a second charset
                    headers={"Content-Disposition": f'attachment; filename="checklist-{name}.{fmt}"'})


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz" or request.is_json


def register_error_handlers(app) -> None:
    """JSON errors for the API; pages render the same messages in the page layout."""
    from web.pages import NO_INDEX, error_page

    def error(message: str, status: int):
        if not wants_json():
            return error_page(message, status)
        return jsonify(error=message), status

    app.register_error_handler(BadInput, lambda e: error(str(e), 400))
    app.register_error_handler(NotFound, lambda e: error(str(e), 404))
    app.register_error_handler(IndexMissing, lambda e: error(NO_INDEX, 503))
    app.register_error_handler(BackendUnavailable, lambda e: error(str(e), 503))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        messages = {
            413: "the request is too large; questions and feedback comments must be under 2,000 characters",
            404: "no such page or API route; see the README for the routes",
            405: "this route does not accept that method",
            429: "too many questions from your address; wait a minute and try again",
        }
        return error(messages.get(exc.code, exc.description or exc.name), exc.code or 500)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.path)
        return error("something went wrong on our side; please try again", 500)


@bp.get("/api/timeline")
def timeline():
    """Dated commitments as JSON, CSV or iCalendar; filters: doc, topic, owner, from, to (years)."""
    from assistant.timeline import FORMATS as TIMELINE_FORMATS
    from assistant.timeline import TimelineFilters, build_timeline, export_timeline

    fmt = request.args.get("format", "json")
    if fmt not in TIMELINE_FORMATS:
        raise BadInput(f"format must be one of {', '.join(TIMELINE_FORMATS)}")
    args = request.args
    filters = TimelineFilters.parse(args.get("doc"), args.get("topic"), args.get("owner"), args.get("from"), args.get("to"))
    found = build_timeline(assistant(), filters)
    if fmt == "json":
        return jsonify(found.to_dict())
    return Response(export_timeline(found, fmt), mimetype=TIMELINE_FORMATS[fmt].split(";")[0],
                    headers={"Content-Disposition": f'attachment; filename="ltp-deadlines.{fmt}"'})
