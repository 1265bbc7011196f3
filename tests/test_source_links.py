"""A corpus folder's own sources.toml is anyone's file: only http(s) addresses become links, on every page and in
every export, because the address is checked where the manifest is read (indexer/manifest.py `web_address`)."""

from __future__ import annotations

import pytest

from indexer.manifest import load_manifest
from indexer.passage import web_address


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,<script>x",
                                 "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x", "https://", ""])
def test_only_web_addresses_are_kept(url):
    assert web_address(url) is None


def test_a_web_address_is_kept_as_written():
    assert web_address("https://www.longtermplan.nhs.uk/implementation-framework/") == \
        "https://www.longtermplan.nhs.uk/implementation-framework/"
    assert web_address("HTTP://example.org/plan") == "HTTP://example.org/plan"


def test_a_javascript_url_in_sources_toml_is_linked_by_no_page(fresh_fake_assistant, corpus_dir):
    from web import create_app

    manifest = corpus_dir / "sources.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "https://www.longtermplan.nhs.uk/implementation-framework/", "javascript:alert(document.cookie)"), encoding="utf-8")
    assert {s.id: s.url for s in load_manifest(corpus_dir)}["framework"] is None
    fresh_fake_assistant.index(progress=False)
    app = create_app(fresh_fake_assistant.settings, assistant=fresh_fake_assistant)
    app.config.update(TESTING=True)
    client = app.test_client()
    pages = [client.get(path) for path in ("/timeline", "/checklists?section=framework/9-next-steps", "/api/timeline?format=csv")]
    assert [page.status_code for page in pages] == [200, 200, 200], [p.data[:300] for p in pages]
    assert all(b"javascript:" not in page.data for page in pages)
    assert any(b"longtermplan.nhs.uk/publication" in page.data for page in pages)  # the plan's own link is kept


def test_a_javascript_url_under_a_digest_heading_is_not_kept(tmp_path):
    from indexer.markdown import read_markdown

    digest = tmp_path / "ours.md"
    digest.write_text("---\ndoc_id: ours\ntitle: Ours\n---\n\n# Our plan\n{page=1 url=javascript:alert(1)}\n\n"
                      "We will open a falls clinic.\n", encoding="utf-8")
    parsed = read_markdown(digest)
    headings = [b for b in parsed.blocks if hasattr(b, "level")]
    assert headings and all(h.url is None for h in headings)
