"""The chat page shows a bulleted answer as a list with linked citations, and a refusal's related passages
apart from its (empty) sources."""

from __future__ import annotations

from test_pages import csrf_token


def ask_page(client, question: str) -> str:
    return client.post("/", data={"csrf_token": csrf_token(client), "question": question, "history": "[]"}).get_data(as_text=True)


def test_outline_answer_is_rendered_as_a_list_with_citation_links(client):
    html = ask_page(client, "What are the annexes of the implementation framework?")
    assert '<ul class="nhsuk-list nhsuk-list--bullet"><li>Annex C: LTP headline metrics <a class="ltp-cite"' in html


def test_refusal_lists_related_passages_and_no_sources(client):
    html = ask_page(client, "What will primary care networks in Wales look like?")
    assert "Not covered" in html and "Related passages" in html
    assert "<h3 class=\"nhsuk-heading-s\">Sources</h3>" not in html
