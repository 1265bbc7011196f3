"""Regenerate the README's screenshots of the chat, checklist and programme pages from the real app.

    .venv/bin/ltp index && .venv/bin/python docs/screenshots.py

Serves the app on loopback with the index under LTP_DATA_DIR, drives Debian's headless Chromium with
Playwright (as tests/test_browser.py does) and writes PNGs next to this file.
"""

from __future__ import annotations

import shutil
import sys
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
QUESTION = "Which programmes can my system opt into for targeted funding?"
FOLLOW_UP = "How many people should a primary care network cover?"


def main() -> None:
    from playwright.sync_api import sync_playwright

    assistant = Assistant(Settings.from_env())
    assistant.warm()
    server = make_server("127.0.0.1", 0, create_app(assistant.settings, assistant=assistant), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 1000})
            page.goto(base + "/")
            for number, question in enumerate([QUESTION, FOLLOW_UP]):
                page.fill("#question", question)
                page.click("#ask-button")
                page.locator(".ltp-turn--answer").nth(number).locator(".ltp-feedback").wait_for(timeout=30000)
            page.locator(".ltp-turn--answer").nth(1).locator("a.ltp-cite").first.click()
            page.screenshot(path=str(HERE / "chat.png"), full_page=True)
            page.goto(base + "/programmes?type=opt-in")
            page.screenshot(path=str(HERE / "programmes.png"), full_page=False)
            browser.close()
    finally:
        server.shutdown()
    print("wrote", ", ".join(str(HERE / name) for name in ("chat.png", "programmes.png")))


if __name__ == "__main__":
    main()
