"""JSON API: translate HTTP into `Assistant` calls and errors into `{"error": ...}` with a fitting status."""

from __future__ import annotations

import logging

import re

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from assistant.checklists import build_checklist
from assistant.errors import BackendUnavailable, BadInput, IndexMissing, NotFound
from assistant.exports import FORMATS, export

bp = Blueprint("api", __name__)
log = logging.getLogger(__name__)


def assistant():
    return current_app.extensions["ltp_assistant"]


def json_body() -> dict:
    if not request.is_json:
        raise BadInput("send JSON with the header Content-Type: application/json")
    body = request.get_json(silent=True)
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
    return Response(export(found, fmt), mimetype=FORMATS[fmt],
                    headers={"Content-Disposition": f'attachment; filename="checklist-{name}.{fmt}"'})


def register_error_handlers(app) -> None:
    def error(message: str, status: int):
        return jsonify(error=message), status

    app.register_error_handler(BadInput, lambda e: error(str(e), 400))
    app.register_error_handler(NotFound, lambda e: error(str(e), 404))
    app.register_error_handler(IndexMissing, lambda e: error(str(e), 503))
    app.register_error_handler(BackendUnavailable, lambda e: error(str(e), 503))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        messages = {
            413: "the request is too large; questions must be under 2,000 characters",
            404: "no such page or API route; see the README for the routes",
            405: "this route does not accept that method",
        }
        return error(messages.get(exc.code, exc.description or exc.name), exc.code or 500)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.path)
        return error("something went wrong on our side; please try again", 500)
