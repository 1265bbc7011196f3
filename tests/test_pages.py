"""Server-rendered pages: the chat without JavaScript, escaping, CSRF, security headers, feedback."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from assistant.cli import cli


def csrf_token(client, path="/"):
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_chat_page_is_an_accessible_nhs_page(client):
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'lang="en-GB"' in html and "nhsuk-header" in html and 'href="#maincontent"' in html
    assert '<label class="nhsuk-label nhsuk-label--m" for="question">' in html
    assert 'aria-live="polite"' in html
    assert "/assets/nhsuk-frontend.min.css" in html


def test_chat_page_says_before_any_question_that_it_is_not_for_anyones_own_health(client):
    """The signposting of personal clinical questions misses some (docs/history/round-18.md, round 18): the page says up
    front where to go instead, with numbers a phone can call."""
    html = client.get("/").get_data(as_text=True)
    notice = html[html.index('class="ltp-not-for-care"'):]
    notice = notice[:notice.index("</p>")]
    assert "not anyone's own health" in notice and 'href="tel:111"' in notice and 'href="tel:999"' in notice


def test_security_headers_and_nonce_on_every_page(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert f'nonce="{nonce}"' in response.get_data(as_text=True)
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/").headers["Content-Security-Policy"] != policy, "a fresh nonce per response"


def test_form_post_without_javascript_renders_a_cited_answer(client):
    token = csrf_token(client)
    response = client.post("/", data={"csrf_token": token, "question": "how big is a primary care network?", "history": "[]"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "30,000 to 50,000" in html
    assert 'href="#c0-1">[1]</a>' in html and 'id="c0-1"' in html
    assert "para 1.2, p. 5" in html
    history = json.loads(re.search(r'id="history" value="([^"]*)"', html).group(1).replace("&#34;", '"').replace("&quot;", '"'))
    assert [t["role"] for t in history] == ["user", "assistant"]


def test_form_post_follow_up_uses_the_posted_history(client):
    token = csrf_token(client)
    history = json.dumps([{"role": "user", "content": "when are draft system plans due?"},
                          {"role": "assistant", "content": "mid-September 2019"}])
    form = {"csrf_token": token, "question": "and the final versions?", "history": history}
    html = client.post("/", data=form).get_data(as_text=True)
    assert "November 2019" in html


def test_form_post_without_csrf_token_is_refused(client):
    response = client.post("/", data={"question": "how big is a PCN?"})
    assert response.status_code == 400
    assert "30,000" not in response.get_data(as_text=True)


def test_empty_question_form_shows_an_error_summary(client):
    response = client.post("/", data={"csrf_token": csrf_token(client), "question": "  "})
    assert response.status_code == 400
    assert "nhsuk-error-summary" in response.get_data(as_text=True)


def test_html_in_a_question_renders_inert(client):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)> primary care network'
    html = client.post("/", data={"csrf_token": csrf_token(client), "question": attack}).get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html


def test_stream_sends_citations_then_text_then_the_full_answer(client):
    response = client.post("/api/ask/stream", json={"question": "how big is a primary care network?"})
    assert response.mimetype == "text/event-stream"
    events = re.findall(r"event: (\w+)\ndata: (.*)\n\n", response.get_data(as_text=True))
    names = [name for name, _ in events]
    assert names[0] == "delta" and names[-2:] == ["citations", "done"]
    streamed = "".join(json.loads(data)["text"] for name, data in events if name == "delta")
    assert streamed == json.loads(events[-1][1])["answer"]


def test_stream_bad_input_is_a_plain_json_error(client):
    response = client.post("/api/ask/stream", json={"question": ""})
    assert response.status_code == 400 and "empty" in response.get_json()["error"]


def test_feedback_is_stored_and_exported(client, indexed, monkeypatch):
    answer = client.post("/api/ask", json={"question": "how big is a primary care network?"}).get_json()
    payload = {"rating": "down", "comment": "needs the 2019 date",
               **{k: answer[k] for k in ("question", "answer", "citations", "mode")}}
    assert client.post("/api/feedback", json=payload).status_code == 201
    monkeypatch.setenv("LTP_DATA_DIR", str(indexed.settings.data_dir))
    exported = CliRunner().invoke(cli, ["feedback", "export", "--format", "jsonl"])
    rows = [json.loads(line) for line in exported.output.splitlines()]
    assert rows[-1]["rating"] == -1 and rows[-1]["comment"] == "needs the 2019 date"
    assert rows[-1]["citations"][0]["para"] == "1.2"


@pytest.mark.parametrize(
    "payload",
    [{"rating": "meh", "question": "q", "answer": "a"}, {"rating": "up", "answer": "a"},
     {"rating": "up", "question": "q", "answer": "a", "comment": "x" * 3000}],
)
def test_bad_feedback_is_400(client, payload):
    assert client.post("/api/feedback", json=payload).status_code == 400


def test_checklists_page_shows_tree_and_a_tickable_checklist(client):
    html = client.get("/checklists?section=framework/9-next-steps").get_data(as_text=True)
    assert 'href="/checklists?section=framework/9-next-steps"' in html or "framework%2F9-next-steps" in html
    assert html.count('type="checkbox"') == 2
    assert "by mid-September 2019" in html and "para 9.1" in html
    assert "format=docx" in html


def test_checklist_downloads_say_which_carry_the_users_ticks(client):
    """Ticks and notes live in the browser: only the Markdown download has them, so the Word and CSV buttons (served
    by the API, which never sees them) say they are blank rather than let a commissioner export an empty 'done' column."""
    html = client.get("/checklists?section=framework/9-next-steps").get_data(as_text=True)
    buttons = dict(re.findall(r'href="/api/checklists/[^"]*format=(\w+)" download>([^<]+)</a>', html))
    assert set(buttons) == {"docx", "csv"} and all("without your ticks" in label for label in buttons.values())
    assert "with my ticks and notes" in html


def test_checklists_page_unknown_topic_suggests_sections(client):
    response = client.get("/checklists?topic=zzzz+qqqq")
    assert response.status_code == 404 and "Closest" in response.get_data(as_text=True)


def test_page_without_index_explains_what_to_do(fresh_fake_assistant):
    from web import create_app

    client = create_app(fresh_fake_assistant.settings, assistant=fresh_fake_assistant).test_client()
    response = client.get("/checklists")
    assert response.status_code == 503 and "ltp index" in response.get_data(as_text=True)


def test_assets_cannot_escape_their_folder(client):
    assert client.get("/assets/../../pyproject.toml").status_code == 404
    assert client.get("/assets/%2e%2e/%2e%2e/%2e%2e/pyproject.toml").status_code == 404


def test_no_js_history_nested_a_thousand_deep_starts_afresh_not_500(client):
    history = "[" * 1000 + "]" * 1000
    response = client.post("/", data={"csrf_token": csrf_token(client), "question": "how big is a PCN?", "history": history})
    assert response.status_code == 200 and "30,000" in response.get_data(as_text=True)


def test_a_document_url_that_is_not_http_never_becomes_a_link(fresh_fake_assistant, tmp_path):
    """Registered before `ltp index --add` refused such URLs (test_cli.py), a javascript: URL stays text."""
    import json

    from web import create_app

    documents = fresh_fake_assistant.settings.data_dir / "documents"
    documents.mkdir(parents=True)
    (documents / "local.md").write_text(
        "# Local plan\n\nOur hydrotherapy pool reopens in April 2026 for pelvic health patients.\n")
    (documents / "added.json").write_text(json.dumps(
        [{"id": "local", "title": "Our local plan", "file": "local.md", "url": "javascript:alert(1)"}]))
    fresh_fake_assistant.index(progress=False)
    client = create_app(fresh_fake_assistant.settings, assistant=fresh_fake_assistant).test_client()
    html = client.post("/", data={"csrf_token": csrf_token(client), "question": "when does the hydrotherapy pool reopen?",
                                  "history": "[]"}).get_data(as_text=True)
    assert "April 2026" in html and "javascript:" not in html


def test_word_export_of_a_topic_with_control_characters_is_not_a_500(client):
    response = client.get("/api/checklists/system%01plans%00?format=docx")
    assert response.status_code in (200, 404)


def test_no_index_page_does_not_show_the_data_path(fresh_fake_assistant):
    from web import create_app

    app = create_app(fresh_fake_assistant.settings, assistant=fresh_fake_assistant)
    response = app.test_client().get("/api/sections")
    assert response.status_code == 503 and "ltp index" in response.json["error"]
    assert str(fresh_fake_assistant.settings.data_dir) not in response.get_data(as_text=True)
