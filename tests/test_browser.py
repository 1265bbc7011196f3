"""End to end in real headless Chromium (Debian's, installed by `make test`): ask, watch the answer stream
in, open a citation, ask a follow-up, send feedback."""

from __future__ import annotations

import shutil
import threading
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def live_server(indexed):
    from web import create_app

    app = create_app(indexed.settings, assistant=indexed)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed; `make test` installs it")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def first_answer(browser, live_server: str, question: str):
    """A fresh chat page that has asked `question` and finished drawing its answer card; the card, then the page
    is closed."""
    page = browser.new_page()
    page.goto(live_server + "/")
    page.fill("#question", question)
    page.click("#ask-button")
    card = page.locator(".ltp-turn--answer").first
    card.locator(".ltp-feedback").wait_for(timeout=20000)
    try:
        yield card
    finally:
        page.close()


def test_chat_streams_a_cited_answer_and_takes_a_follow_up_and_feedback(browser, live_server, indexed):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server + "/")

    page.fill("#question", "how big is a primary care network?")
    with page.expect_response(lambda r: r.url.endswith("/api/ask/stream")) as streamed:
        page.click("#ask-button")
    assert streamed.value.headers["content-type"].startswith("text/event-stream")
    first = page.locator(".ltp-turn--answer").first
    first.locator(".ltp-feedback").wait_for(timeout=20000)
    assert "30,000 to 50,000" in first.locator(".ltp-answer").inner_text()

    card = first.locator(".ltp-citation").first
    card.locator("summary").click()  # the reader closes the source shown open; its [1] opens it again
    assert card.get_attribute("open") is None
    first.locator("a.ltp-cite").first.click()
    assert card.get_attribute("open") is not None
    assert "para 1.2, p. 5" in card.locator("summary").inner_text()
    assert "30,000 to 50,000" in card.locator(".ltp-passage").inner_text()

    page.fill("#question", "when are draft system plans due?")
    page.keyboard.press("Enter")
    page.locator(".ltp-turn--answer").nth(1).locator(".ltp-feedback").wait_for(timeout=20000)
    page.fill("#question", "and the final versions?")
    page.click("#ask-button")
    third = page.locator(".ltp-turn--answer").nth(2)
    third.locator(".ltp-feedback").wait_for(timeout=20000)
    assert "November 2019" in third.locator(".ltp-answer").inner_text()

    third.locator("textarea").fill("clear, thanks")
    third.get_by_role("button", name="Yes, helpful").click()
    page.get_by_text("Thank you: your feedback was saved.").wait_for(timeout=10000)
    from assistant.database import Database
    from assistant.feedback import all_feedback

    saved = all_feedback(Database.from_settings(indexed.settings))
    assert saved[-1]["comment"] == "clear, thanks" and saved[-1]["question"] == "and the final versions?"
    assert errors == []
    page.close()


def test_the_script_shows_the_references_the_server_writes(browser, live_server, indexed):
    """chat.js renders each citation's `reference` from the JSON: the same words as the no-JavaScript page,
    "section from p." included, and the copied answer carries them too."""
    question = "When must systems send a draft five-year system plan?"
    expected = [f"[{c.n}] {c.reference}" for c in indexed.ask(question).citations]
    assert any(e.endswith("para 9.1, section from p. 31") for e in expected), expected
    with first_answer(browser, live_server, question) as answer:
        assert [s.strip() for s in answer.locator(".ltp-citation summary").all_inner_texts()] == expected


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        ({"status": 429, "content_type": "application/json", "body": '{"error": "too many questions; wait a minute"}'},
         "too many questions"),
        ({"status": 200, "content_type": "text/event-stream", "body": 'event: delta\ndata: {"text": "Primary"}\n\n'},
         "connection to the assistant was lost"),
    ],
    ids=["refused", "cut-off"],
)
def test_a_question_that_fails_is_given_back_to_retry(browser, live_server, reply, message):
    """A rate-limited or cut-off request says what happened and leaves the question in the box, not lost."""
    page = browser.new_page()
    page.route("**/api/ask/stream", lambda route: route.fulfill(**reply))
    page.goto(live_server + "/")
    page.fill("#question", "when are draft system plans due?")
    page.click("#ask-button")
    page.locator(".nhsuk-error-summary").wait_for(timeout=10000)
    assert message in page.locator(".nhsuk-error-summary").inner_text()
    assert page.input_value("#question") == "when are draft system plans due?"
    assert page.locator(".ltp-turn--answer").count() == 0
    page.close()


def test_abstained_answer_is_shown_plainly_without_sources(browser, live_server):
    with first_answer(browser, live_server, "What is the best recipe for lemon drizzle cake?") as answer:
        assert "Not covered" in answer.inner_text()
        assert answer.locator(".ltp-citation").count() == 0
        assert answer.locator("details[open]").count() == 0


def test_an_ordinary_answer_shows_its_first_source_open_and_the_rest_closed(browser, live_server, indexed):
    """The passage behind a short answer is on screen without a click; the other sources wait to be opened."""
    question = "What will primary care networks and urgent community response teams do?"
    expected = indexed.ask(question)
    assert "\n- " not in expected.answer and len(expected.citations) >= 2, expected.answer  # a short two-source answer
    with first_answer(browser, live_server, question) as answer:
        sources = answer.locator(".ltp-citation")
        assert sources.count() == len(expected.citations)
        first = sources.first
        assert first.get_attribute("open") is not None
        assert first.locator(".ltp-passage").is_visible()
        assert first.locator(".ltp-passage").inner_text() == expected.citations[0].text
        for n in range(1, sources.count()):
            assert sources.nth(n).get_attribute("open") is None
            assert not sources.nth(n).locator(".ltp-passage").is_visible()
        assert not answer.page.evaluate("document.activeElement.closest('.ltp-citation')")  # focus is not moved
        first.locator("summary").click()  # the reader can close it
        assert not first.locator(".ltp-passage").is_visible()


def test_a_summary_answer_shows_every_source_closed(browser, live_server, indexed):
    question = "Summarise chapter 1"
    expected = indexed.ask(question)
    assert "\n- " in expected.answer and len(expected.citations) >= 2, expected.answer  # a lead line and bullets
    with first_answer(browser, live_server, question) as answer:
        assert answer.locator("li", has_text="30,000 to 50,000").count() >= 1
        assert answer.locator(".ltp-citation").count() == len(expected.citations)
        assert answer.locator(".ltp-citation[open]").count() == 0
        assert answer.locator(".ltp-passage:visible").count() == 0


@pytest.mark.parametrize(
    ("message", "calls", "not_offered"),
    [
        ("i dont want to be here anymore", ["tel:999", "tel:116123", "tel:111"], []),
        ("is it safe to take ibuprofen with my blood pressure tablets", ["tel:111"], ["tel:999", "tel:116123"]),
    ],
    ids=["crisis", "clinical"],
)
def test_chat_shows_signposting_with_numbers_a_phone_can_call(browser, live_server, message, calls, not_offered):
    with first_answer(browser, live_server, message) as card:
        assert card.get_attribute("role") == "alert" and "ltp-signposting" in card.get_attribute("class")
        assert "Not covered" not in card.inner_text()
        links = [a.get_attribute("href") for a in card.locator("a.ltp-tel").all()]
    assert all(call in links for call in calls) and not any(call in links for call in not_offered)
    assert links[0] == calls[0]  # the most urgent number comes first


def test_checklist_ticks_and_notes_survive_a_reload(browser, live_server):
    page = browser.new_page()
    page.goto(live_server + "/checklists?section=framework/9-next-steps")
    page.locator("input[type=checkbox]").first.check()
    page.locator(".ltp-item-note textarea").first.fill("owner: planning lead")
    page.reload()
    assert page.locator("input[type=checkbox]").first.is_checked()
    assert page.locator(".ltp-item-note textarea").first.input_value() == "owner: planning lead"
    page.close()
