"""Regenerate the README's screenshots of the chat, programme, timeline and plan review pages from the real app.

    .venv/bin/ltp index && .venv/bin/python docs/screenshots.py [chat programmes timeline review]

Serves the app on loopback with the index under LTP_DATA_DIR, drives Debian's headless Chromium with
Playwright (as tests/test_browser.py does) and writes PNGs next to this file.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.engine import Assistant  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from web import create_app  # noqa: E402

HERE = Path(__file__).parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUESTION = "What does the long term plan mean for primary care?"
FOLLOW_UP = "How many people should a primary care network cover?"
SHOTS = ("chat", "programmes", "timeline", "review")
DRAFT_PLAN = [
    ("Leadership", ["Clinicians lead this plan. Senior clinical leaders from our trusts and primary care networks chair "
                    "the boards that wrote each proposal, and clinical leads signed off every change to care."]),
    ("Money and staff", ["The system will be financially balanced. Our financial model shows every organisation "
                         "returning to balance within our allocation, with demand moderated and recovery plans agreed.",
                         "Workforce planning is one of the headings we will fill in later."]),
    ("Timetable", ["We will send NHS England our draft five-year system plan by mid-September 2019."]),
]
"""A draft plan that covers some requirements, names one in passing and leaves the rest out."""


def write_draft_plan(folder: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_heading("Our five-year system plan (draft)", level=1)
    for heading, paragraphs in DRAFT_PLAN:
        document.add_heading(heading, level=2)
        for text in paragraphs:
            document.add_paragraph(text)
    path = folder / "our-draft-plan.docx"
    document.save(str(path))
    return path


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shots", nargs="*", choices=SHOTS, help="which screenshots (default: all)")
    wanted = parser.parse_args().shots or list(SHOTS)

    assistant = Assistant(Settings.from_env())
    assistant.warm()
    server = make_server("127.0.0.1", 0, create_app(assistant.settings, assistant=assistant), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 1000})
            if "chat" in wanted:
                page.goto(base + "/")
                for number, question in enumerate([QUESTION, FOLLOW_UP]):
                    page.fill("#question", question)
                    page.click("#ask-button")
                    page.locator(".ltp-turn--answer").nth(number).locator(".ltp-feedback").wait_for(timeout=30000)
                # the follow-up, an ordinary answer, shows its first source open by itself: no click
                page.screenshot(path=str(HERE / "chat.png"), full_page=True)
            if "programmes" in wanted:
                page.goto(base + "/programmes?type=opt-in")
                page.screenshot(path=str(HERE / "programmes.png"), full_page=False)
            if "timeline" in wanted:
                page.goto(base + "/timeline?from=2019&to=2021")
                page.screenshot(path=str(HERE / "timeline.png"), full_page=False)
            if "review" in wanted:
                with tempfile.TemporaryDirectory() as folder:
                    page.goto(base + "/review")
                    page.set_input_files("#plan", str(write_draft_plan(Path(folder))))
                    page.fill("#against", "system-plan")
                    page.click("button[type=submit]")
                    page.locator(".ltp-review-summary").wait_for(timeout=120000)
                    # the last missing items, then what the plan mentions in passing and covers, with its evidence
                    page.evaluate("""() => {
                        const partial = document.querySelector('.ltp-review-item[data-status=partial]');
                        const start = partial?.previousElementSibling?.previousElementSibling || partial;
                        start?.scrollIntoView();
                    }""")
                page.screenshot(path=str(HERE / "review.png"), full_page=False)
            browser.close()
    finally:
        server.shutdown()
    print("wrote", ", ".join(str(HERE / f"{name}.png") for name in wanted))


if __name__ == "__main__":
    main()
