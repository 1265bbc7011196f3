"""Server-rendered pages. The chat works without JavaScript: the form posts and the answer is rendered here."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, render_template, request
from markupsafe import Markup, escape

from assistant.answer_display import is_list_answer, opens_first_source
from assistant.checklists import build_checklist
from assistant.conversation import parse_history
from assistant.exports import MEDIA_TYPES
from assistant.json_input import load_json
from assistant.programmes import TYPES
from indexer.errors import BadInput, IndexMissing, NotFound
from indexer.passage import web_address
from web.security import csrf

bp = Blueprint("pages", __name__)
NO_INDEX = "the assistant has no index yet: whoever runs this server needs to run \"ltp index\" (see the README)"
"""Over HTTP the message leaves out the server's data path: it is the operator's business, not the visitor's."""

STARTERS = {
    "GP practices and primary care networks": [
        "How many people should a primary care network cover?",
        "What funding is there for primary and community services?",
        "What is the two-hour urgent community response?",
    ],
    "Commissioners and system planners": [
        "When are draft five-year system plans due?",
        "What must every system plan contain?",
        "When will integrated care systems cover the whole country?",
    ],
    "Physiotherapists (CSP members)": [
        "Which programmes can my system opt into?",
        "What does the plan say about first contact practitioners?",
        "What does the plan commit to for pulmonary rehabilitation?",
    ],
}


def _assistant():
    return current_app.extensions["ltp_assistant"]


@bp.get("/")
def chat():
    """The chat; `?q=` fills the question box (the programme finder's "ask about this" links use it)."""
    return render_template("chat.html", starters=STARTERS, turns=[], history_json="[]",
                           prefill=request.args.get("q", "")[:2000])


@bp.post("/")
def chat_form():
    """The no-JavaScript path: the question and the thread so far arrive as a form post."""
    try:
        history = parse_history(load_json(request.form.get("history") or "[]"))
    except BadInput:
        history = []  # the page's own hidden field, tampered with: start the conversation afresh
    turns = [{"role": t.role, "content": t.content} for t in history]
    question = request.form.get("question", "")
    error = None
    answer = None
    try:
        answer = _assistant().ask(question, turns)
    except BadInput as exc:
        error = str(exc)
    except IndexMissing:
        error = NO_INDEX
    if answer:
        answer.citations = [c if _is_web_link(c.url) else replace(c, url=None) for c in answer.citations]
        turns += [{"role": "user", "content": answer.question}, {"role": "assistant", "content": answer.answer}]
    status = 503 if error and "ltp index" in error else 400 if error else 200
    return render_template(
        "chat.html", starters=STARTERS, answer=answer, error=error, question=question,
        history_json=json.dumps(turns), turns=turns[:-2] if answer else turns,
    ), status


@bp.get("/checklists")
def checklists():
    """Pick a section from the tree or type a topic; the checklist renders here, ticks and notes are kept by the browser."""
    sections = _assistant().sections()
    query = (request.args.get("section") or request.args.get("topic") or "").strip()
    checklist, error = None, None
    if query:
        try:
            checklist = build_checklist(_assistant(), query)
        except NotFound as exc:
            error = str(exc)
    return render_template("checklists.html", sections=sections, checklist=checklist, query=query, error=error,
                           documents=_assistant().snapshot().documents), (404 if error else 200)


@bp.get("/programmes")
def programmes():
    """Programme cards with filters; every card cites its passages and links to the chat."""
    chosen = {key: (request.args.get(key) or "").strip() or None for key in ("type", "profession", "topic")}
    found = _assistant().find_programmes(chosen["type"], chosen["profession"], chosen["topic"])
    professions = sorted({prof for p in _assistant().programmes() for prof in p.professions})
    return render_template("programmes.html", found=found, chosen=chosen, types=TYPES, professions=professions)


def _is_web_link(url: str | None) -> bool:
    """Only http(s) addresses become links (a document added with --url javascript:..., or indexed before
    `indexer.passage.web_address` checked the manifest, must not)."""
    return url is not None and web_address(url) == url


def error_page(message: str, status: int):
    return render_template("error.html", message=message, status=status), status


def register_filters(app) -> None:
    @app.template_filter("cite_links")
    def cite_links(text: str, prefix: str = "c") -> Markup:
        """Escape an answer, then turn its [n] markers into links to the citation cards."""
        escaped = str(escape(text))
        return Markup(re.sub(r"\[(\d{1,2})\]", rf'<a class="ltp-cite" href="#{prefix}-\1">[\1]</a>', escaped))

    app.jinja_env.tests["list_answer"] = is_list_answer
    app.jinja_env.tests["first_source_open"] = opens_first_source


# --- commissioners: deadlines timeline and plan review --------------------------------------------------

@bp.get("/timeline")
def timeline():
    """Every dated commitment, filterable; the same filters as GET /api/timeline, whose downloads it links."""
    from assistant.timeline import TimelineFilters, build_timeline, cite

    args = {key: request.args.get(key, "") for key in ("doc", "topic", "owner", "from", "to")}
    try:
        filters = TimelineFilters.parse(args["doc"], args["topic"], args["owner"], args["from"], args["to"])
        found, error = build_timeline(_assistant(), filters), None
    except (BadInput, NotFound) as exc:
        found, error = None, str(exc)
    query = urlencode({k: v for k, v in args.items() if v})  # "A&E" must reach the download links whole
    return render_template("timeline.html", timeline=found, args=args, error=error, cite=cite, query=query,
                           documents=_assistant().snapshot().documents), (400 if error else 200)


@bp.route("/review", methods=["GET", "POST"])
@csrf.exempt  # checked below, once the larger upload limit is set
def review():
    """Upload a draft plan (PDF, Word, Markdown); it is kept under LTP_DATA_DIR/reviews/, never indexed."""
    from flask_wtf.csrf import CSRFError
    from werkzeug.exceptions import RequestEntityTooLarge

    from assistant.plan_files import MAX_PLAN_BYTES, save_plan
    from assistant.review import review_plan

    against = (request.args.get("against") or "system-plan").strip()
    if request.method == "GET":
        return render_template("review.html", against=against, result=None, error=None)
    # Raised before anything reads the form: under the app's 64 KB limit any real plan was refused as "too large".
    request.max_content_length = MAX_PLAN_BYTES + 64 * 1024
    path = None
    try:
        against = (request.form.get("against") or against).strip()
        csrf.protect()
        upload = request.files.get("plan")
        if upload is None or not upload.filename:
            raise BadInput("choose a plan file to upload (PDF, Word .docx or Markdown)")
        path = save_plan(current_app.extensions["ltp_settings"].data_dir, upload.filename, upload.read(MAX_PLAN_BYTES + 1))
        result = review_plan(_assistant(), path, against, name=upload.filename)
    except RequestEntityTooLarge:
        return render_template("review.html", against=against, result=None,
                               error=f"the file is larger than {MAX_PLAN_BYTES // 2**20} MB; upload a smaller one"), 413
    except CSRFError as exc:
        return render_template("review.html", against=against, result=None, error=exc.description), 400
    except (BadInput, NotFound) as exc:
        if path is not None:
            path.unlink(missing_ok=True)  # a plan that could not be reviewed is not kept on the server
        return render_template("review.html", against=against, result=None, error=str(exc)), 400
    return render_template("review.html", against=against, result=result, error=None,
                           downloads=urlencode({"plan": path.name, "against": against, "name": upload.filename}))


@bp.get("/review/download")
def review_download():
    """The review just shown, as CSV or Word (what `ltp review --format csv|docx` writes): the kept upload is read
    again by the name it was saved under, so the page needs no state of its own."""
    from assistant.plan_files import saved_plan
    from assistant.review import export_review, review_plan

    fmt = request.args.get("format", "csv")
    if fmt not in ("csv", "docx"):
        return error_page("format must be csv or docx", 400)
    name = (request.args.get("name") or "plan").replace("\\", "/").rsplit("/", 1)[-1][:120]
    try:
        path = saved_plan(current_app.extensions["ltp_settings"].data_dir, request.args.get("plan", ""))
        result = review_plan(_assistant(), path, request.args.get("against", ""), name=name)
    except NotFound as exc:
        return error_page(str(exc), 404)
    except BadInput as exc:
        return error_page(str(exc), 400)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", name.rsplit(".", 1)[0]).strip("-")[:60] or "plan"
    return Response(export_review(result, fmt), content_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="review-{stem}.{fmt}"'})
