"""The programme finder: filters, the CLI, the API, the page, and programme questions in the chat."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.programmes import filter_programmes, is_programme_question
from indexer.errors import BadInput


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"type": "opt-in"}, ["pelvic-health"]),
        ({"type": "foundational"}, ["urgent-community-response"]),
        ({"profession": "physio"}, ["pelvic-health", "urgent-community-response", "networks"]),
        ({"profession": "midwives"}, ["pelvic-health"]),
        ({"topic": "maternity"}, ["pelvic-health"]),
        ({"type": "opt-in", "topic": "community"}, []),
    ],
)
def test_filters(indexed, filters, expected):
    assert [p.id for p in filter_programmes(indexed.programmes(), **filters)] == expected


def test_unknown_type_is_bad_input(indexed):
    with pytest.raises(BadInput):
        filter_programmes(indexed.programmes(), type="optional")


def test_cli_lists_opt_in_programmes_with_citations(indexed, monkeypatch):
    result = CliRunner().invoke(cli, ["programmes", "--type", "opt-in"], obj=indexed)
    assert result.exit_code == 0
    assert "Postnatal physiotherapy and multidisciplinary pelvic health" in result.output
    assert "Opt-in: targeted funding for early adopters" in result.output
    assert "[1] NHS Long Term Plan Implementation Framework" in result.output
    data = json.loads(CliRunner().invoke(cli, ["programmes", "--json", "--profession", "physiotherapists"],
                                        obj=indexed).output)
    assert len(data) == 3 and data[2]["sources"][0]["para"] == "1.2"
    assert len(data[2]["sources"]) == 1, "a citation that is not in the index is not shown"


def test_api_filters_and_resolves_sources(client):
    data = client.get("/api/programmes?type=foundational").get_json()["programmes"]
    assert [p["id"] for p in data] == ["urgent-community-response"]
    assert data[0]["sources"][0]["passage_id"] == "plan:1.3"
    assert client.get("/api/programmes?type=bogus").status_code == 400


def test_page_shows_cards_with_sources_and_ask_links(client):
    html = client.get("/programmes?type=opt-in").get_data(as_text=True)
    assert "Postnatal physiotherapy and multidisciplinary pelvic health" in html
    assert "Urgent community response" not in html
    assert 'href="/?q=What%20does%20the%20plan%20say%20about%20postnatal' in html
    chat = client.get("/?q=What does the plan say about pelvic health?").get_data(as_text=True)
    assert ">What does the plan say about pelvic health?</textarea>" in chat


@pytest.mark.parametrize(
    ("question", "expected"),
    [("which programmes can my system opt into?", True), ("are there early adopter sites?", True),
     ("What are the foundational commitments every system must deliver?", True),
     ("How can physiotherapists get involved?", True),
     ("how big is a PCN?", False),
     ("How big is the NHS Diabetes Prevention Programme going to get?", False),
     ("What does the National Stroke Programme want to do with six-month reviews?", False),
     ("when did systems have to decide whether to opt in to them?", False),
     ("What's the difference between foundational commitments and the opt-in initiatives?", False)],
)
def test_programme_questions_are_recognised(question, expected):
    assert is_programme_question(question) is expected


def test_chat_answers_opt_in_question_from_the_catalogue(indexed):
    answer = indexed.ask("Which programmes can my system opt into?")
    assert "Postnatal physiotherapy and multidisciplinary pelvic health" in answer.answer
    assert "[1]" in answer.answer and answer.citations[0].passage_id == "framework:pelvic-health"
    assert "Urgent community response" not in answer.answer


def test_chat_answers_foundational_question_from_the_catalogue(indexed):
    answer = indexed.ask("What are the foundational programmes every system must deliver?")
    assert "Urgent community response and reablement" in answer.answer
    assert answer.citations[0].para == "1.3"


def test_programme_by_id_and_unknown_id(client):
    found = client.get("/api/programmes/pelvic-health")
    assert found.status_code == 200 and found.get_json()["sources"][0]["passage_id"] == "framework:pelvic-health"
    missing = client.get("/api/programmes/no-such-thing")
    assert missing.status_code == 404 and "ltp programmes" in missing.get_json()["error"]


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        ("pelvic health care", ["pelvic-health"]),
        ("crisis response for the community", ["urgent-community-response"]),
        ("reablem", ["urgent-community-response"]),
        ("the", []),
    ],
)
def test_the_finders_topic_box_lists_the_programmes_it_names_not_every_one_sharing_a_stop_word(client, topic, expected):
    """A physiotherapist typing "pelvic health care" wants the pelvic health programme, not every entry with "care"."""
    found = client.get("/api/programmes", query_string={"topic": topic}).get_json()["programmes"]
    assert [p["id"] for p in found] == expected


@pytest.mark.parametrize(("topic", "expected"), [("A&E", "same-day-emergency-care-and-discharge"),
                                                 ("falls", "ageing-well-anticipatory-care"),
                                                 ("care of the elderly", "ageing-well-anticipatory-care")])
def test_the_finders_topic_box_knows_users_words_for_catalogue_entries(topic, expected):
    """A commissioner types "A&E" or "falls", not "same day emergency care" or "frailty"."""
    from assistant.programmes import best_on_topic, load_catalogue
    from assistant.settings import PROJECT_ROOT

    found = [p.id for p in best_on_topic(load_catalogue(PROJECT_ROOT / "corpus"), topic)]
    assert expected in found and len(found) <= 2


def test_a_topic_no_programme_is_about_points_to_the_chat(client):
    page = client.get("/programmes", query_string={"topic": "children"}).get_data(as_text=True)
    assert "0 programmes" in page and "No programme in the catalogue is about “children”" in page
    assert "/?q=What+does+the+plan+say+about+children" in page or "/?q=What%20does%20the%20plan%20say%20about%20children" in page
