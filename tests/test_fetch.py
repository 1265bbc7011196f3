"""`ltp corpus fetch` against a real HTTP server on loopback serving generated PDFs."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from pdf_fixtures import make_plan_pdf

from assistant.cli import cli
from indexer.fetch import LOCK_NAME, _sha256, fetch_official
from indexer.manifest import OfficialCopy, Source
from indexer.sources import collect_sources


class PdfServer(BaseHTTPRequestHandler):
    """Routes: /plan.pdf (honours Range), /cut.pdf (first response cut off half-way), /broken.pdf (500),
    /flaky.pdf (503 once, then fine), /page.pdf (an HTML page, not a PDF)."""

    body = b""
    hits: dict[str, int] = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path
        self.hits[path] = self.hits.get(path, 0) + 1
        if path == "/broken.pdf" or (path == "/flaky.pdf" and self.hits[path] == 1):
            self.send_error(500 if path == "/broken.pdf" else 503)
            return
        if path == "/page.pdf":
            self._send(200, b"<html>moved</html>", {})
            return
        start = int(self.headers.get("Range", "bytes=0-")[6:].rstrip("-") or 0)
        body = self.body[start:]
        headers = {"Content-Range": f"bytes {start}-{len(self.body) - 1}/{len(self.body)}"} if start else {}
        if path == "/cut.pdf" and self.hits[path] == 1:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self._send(206 if start else 200, body, headers)

    def _send(self, status, body, headers):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    PdfServer.body = make_plan_pdf(tmp_path_factory.mktemp("srv") / "plan.pdf").read_bytes()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), PdfServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def source(base: str, route: str, name: str = "plan.pdf") -> Source:
    return Source(id="plan", title="Plan", files=(), kind="digest", official=OfficialCopy(f"{base}{route}", name))


def fetch(sources, dest):
    return fetch_official(sources, dest, timeout=5, retries=2, progress=False, backoff=0)


def test_download_is_saved_with_its_sha256_in_the_lock_file(server, tmp_path):
    [result] = fetch([source(server, "/plan.pdf")], tmp_path)
    assert result.status == "downloaded"
    lock = json.loads((tmp_path / LOCK_NAME).read_text())
    assert lock["plan.pdf"]["sha256"] == _sha256(tmp_path / "plan.pdf") == result.sha256
    assert (tmp_path / "plan.pdf").read_bytes() == PdfServer.body


def test_second_fetch_downloads_nothing(server, tmp_path):
    fetch([source(server, "/plan.pdf")], tmp_path)
    PdfServer.hits.clear()
    [result] = fetch([source(server, "/plan.pdf")], tmp_path)
    assert result.status == "up to date" and PdfServer.hits == {}


def test_cut_off_download_resumes_with_a_range_request(server, tmp_path):
    PdfServer.hits.clear()
    [result] = fetch([source(server, "/cut.pdf")], tmp_path)
    assert result.status == "downloaded"
    assert (tmp_path / "plan.pdf").read_bytes() == PdfServer.body
    assert PdfServer.hits["/cut.pdf"] == 2
    assert not (tmp_path / "plan.pdf.part").exists()


def test_transient_server_error_is_retried(server, tmp_path):
    PdfServer.hits.clear()
    [result] = fetch([source(server, "/flaky.pdf")], tmp_path)
    assert result.status == "downloaded"


def test_persistent_server_error_fails_and_changes_nothing(server, tmp_path):
    fetch([source(server, "/plan.pdf")], tmp_path)
    before = (tmp_path / LOCK_NAME).read_text(), (tmp_path / "plan.pdf").read_bytes()
    [result] = fetch([source(server, "/broken.pdf")], tmp_path)
    assert result.status == "failed" and "HTTP 500" in result.message
    assert ((tmp_path / LOCK_NAME).read_text(), (tmp_path / "plan.pdf").read_bytes()) == before


def test_a_page_that_is_not_a_pdf_is_rejected(server, tmp_path):
    [result] = fetch([source(server, "/page.pdf")], tmp_path)
    assert result.status == "failed" and "did not return a PDF" in result.message
    assert list(tmp_path.glob("*.pdf")) == []


def test_unreachable_host_fails_fast_with_advice(tmp_path):
    [result] = fetch([source("http://127.0.0.1:9", "/plan.pdf")], tmp_path)
    assert result.status == "failed" and "cannot reach" in result.message
    assert not (tmp_path / LOCK_NAME).exists()


def test_fetched_official_text_is_indexed_beside_or_instead_of_the_digest(server, fresh_fake_assistant):
    settings = fresh_fake_assistant.settings
    manifest = settings.corpus_dir / "sources.toml"
    manifest.write_text(
        manifest.read_text() + f'\n[document.official]\npdf_url = "{server}/plan.pdf"\nfile = "framework-official.pdf"\n'
    )
    runner = CliRunner()
    env = {"LTP_DATA_DIR": str(settings.data_dir), "LTP_CORPUS_DIR": str(settings.corpus_dir)}
    result = runner.invoke(cli, ["corpus", "fetch", "--no-progress"], env=env)
    assert result.exit_code == 0, result.output
    def ids(mode):
        return [s.id for s in collect_sources(settings.corpus_dir, settings.data_dir, mode)]
    assert ids("all") == ["plan", "framework", "framework-official"]
    assert ids("official") == ["plan", "framework-official"]
    assert ids("digest") == ["plan", "framework"]
    summary = fresh_fake_assistant.index(progress=False)
    assert summary.documents == 3
    answer = fresh_fake_assistant.ask("how many people does a primary care network cover?", doc_id="framework-official")
    assert answer.citations[0].source_kind == "official"


def test_user_can_add_their_own_document(fresh_fake_assistant, tmp_path):
    notes = tmp_path / "local-plan.md"
    notes.write_text("# Our ICS plan\n\n4.2 Our system will open a breathlessness clinic in Barnsley by March 2021.\n")
    runner = CliRunner()
    settings = fresh_fake_assistant.settings
    env = {"LTP_DATA_DIR": str(settings.data_dir), "LTP_CORPUS_DIR": str(settings.corpus_dir)}
    result = runner.invoke(cli, ["index", "--no-progress", "--add", str(notes), "--title", "Our ICS plan"], env=env,
                           obj=fresh_fake_assistant)
    assert result.exit_code == 0, result.output
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"")
    refused = runner.invoke(cli, ["index", "--add", str(bad), "--title", "Broken"], env=env, obj=fresh_fake_assistant)
    assert refused.exit_code == 2 and "empty" in refused.output
    answer = fresh_fake_assistant.ask("where will the breathlessness clinic open?")
    assert answer.citations[0].doc_title == "Our ICS plan" and answer.citations[0].para == "4.2"
    assert not (fresh_fake_assistant.settings.corpus_dir / "local-plan.md").exists()


@pytest.mark.parametrize("taken", ["framework", "plan"])
def test_an_added_document_cannot_take_the_id_of_a_corpus_document(fresh_fake_assistant, tmp_path, taken):
    """D5: a second document with a corpus id would give two documents the same passage ids."""
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nOur system will open a breathlessness clinic by March 2021.\n")
    settings = fresh_fake_assistant.settings
    env = {"LTP_DATA_DIR": str(settings.data_dir), "LTP_CORPUS_DIR": str(settings.corpus_dir)}
    result = CliRunner().invoke(cli, ["index", "--add", str(notes), "--title", "Notes", "--id", taken], env=env,
                                obj=fresh_fake_assistant)
    assert result.exit_code == 2 and "already in the corpus" in result.output
    assert not (fresh_fake_assistant.settings.data_dir / "documents" / "added.json").exists()

