"""A programme reads the same in `ltp programmes --json` and in the web API (GET /api/programmes, and by id): one
entry of the catalogue with every field, and its sources resolved against the index."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.cli import cli

FIELDS = {"id", "name", "type", "type_label", "summary", "who_decides", "funding", "timeline", "professions",
          "topics", "local_action", "citations", "ask", "sources"}


@pytest.mark.parametrize(("options", "query"), [
    ([], ""),
    (["--type", "opt-in"], "type=opt-in"),
    (["--profession", "physiotherapists"], "profession=physiotherapists"),
    (["--topic", "maternity"], "topic=maternity"),
])
def test_the_cli_and_the_web_api_show_the_same_programmes(indexed, client, options, query):
    printed = CliRunner().invoke(cli, ["programmes", "--json", *options], obj=indexed)
    served = client.get(f"/api/programmes?{query}")

    assert printed.exit_code == 0 and served.status_code == 200
    rows = json.loads(printed.output)
    assert rows and rows == served.get_json()["programmes"]
    for row in rows:
        assert set(row) == FIELDS
        assert client.get(f"/api/programmes/{row['id']}").get_json() == row


def test_a_programme_lists_each_cited_passage_in_the_index_as_a_source(client):
    [pelvic] = [p for p in client.get("/api/programmes?type=opt-in").get_json()["programmes"] if p["id"] == "pelvic-health"]

    assert pelvic["sources"] and [s["n"] for s in pelvic["sources"]] == list(range(1, len(pelvic["sources"]) + 1))
    assert {s["passage_id"] for s in pelvic["sources"]} <= set(pelvic["citations"])
