"""The deadlines timeline: every dated commitment, in date order, cited; as Markdown, CSV, JSON and iCalendar."""

from __future__ import annotations

import pytest

from assistant.timeline import TimelineFilters, build_timeline, export_timeline
from indexer.errors import BadInput, NotFound


def test_every_dated_commitment_of_the_test_corpus_in_date_order(indexed):
    timeline = build_timeline(indexed)
    dues = [e.due for e in timeline.entries]
    assert dues == sorted(dues)
    assert {"2019-09-15", "2019-11-30", "2024-03-31"} <= set(dues)
    draft = next(e for e in timeline.entries if e.due == "2019-09-15")
    assert draft.deadline == "by mid-September 2019" and draft.para == "9.1" and draft.doc_id == "framework"


@pytest.mark.parametrize(
    ("filters", "wanted", "unwanted"),
    [
        (TimelineFilters(doc_id="plan"), "2024-03-31", "2019-09-15"),
        (TimelineFilters(year_from=2020), "2024-03-31", "2019-11-30"),
        (TimelineFilters(year_to=2019), "2019-11-30", "2024-03-31"),
        (TimelineFilters(topic="smoking and tobacco treatment"), "2024-03-31", "2019-09-15"),
    ],
)
def test_filters_narrow_the_timeline(indexed, filters, wanted, unwanted):
    dues = {e.due for e in build_timeline(indexed, filters).entries}
    assert wanted in dues and unwanted not in dues


def test_owner_filter_keeps_only_that_organisations_dates(indexed):
    everything = build_timeline(indexed).entries
    entries = build_timeline(indexed, TimelineFilters(owner="system")).entries
    assert "2019-09-15" in [e.due for e in entries] and len(entries) < len(everything)
    assert all(any("system" in who for who in e.responsible) for e in entries)


def test_bad_filters_say_what_is_wrong(indexed):
    with pytest.raises(BadInput, match="year"):
        TimelineFilters.parse(year_from="next year")
    with pytest.raises(BadInput, match="wrong way round"):
        TimelineFilters.parse(year_from="2024", year_to="2019")
    with pytest.raises(NotFound, match="unknown document"):
        build_timeline(indexed, TimelineFilters(doc_id="nope"))


def test_ics_export_is_a_calendar_outlook_can_open(indexed):
    from icalendar import Calendar

    timeline = build_timeline(indexed)
    calendar = Calendar.from_ical(export_timeline(timeline, "ics"))
    assert calendar["PRODID"] and str(calendar["VERSION"]) == "2.0"
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(timeline.entries)
    assert len({str(e["UID"]) for e in events}) == len(events)
    draft = next(e for e in events if e.decoded("DTSTART").isoformat() == "2019-09-15")
    assert "DTSTAMP" in draft and not hasattr(draft.decoded("DTSTART"), "hour")  # an all-day date, not a time
    assert "para 9.1" in str(draft["DESCRIPTION"])


def test_cli_timeline_writes_csv_and_ics(indexed, monkeypatch, tmp_path):
    import csv
    import io

    from click.testing import CliRunner

    from assistant.cli import cli

    result = CliRunner().invoke(cli, ["timeline", "--format", "csv", "--to", "2019"], obj=indexed)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.output)))
    draft = next(r for r in rows if r["due"] == "2019-09-15")
    assert draft["para"] == "9.1" and all(r["due"] <= "2019-12-31" for r in rows)
    target = tmp_path / "deadlines.ics"
    assert CliRunner().invoke(cli, ["timeline", "--format", "ics", "-o", str(target)], obj=indexed).exit_code == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert CliRunner().invoke(cli, ["timeline", "--doc", "nope"], obj=indexed).exit_code == 2


def test_timeline_api_and_page(client):
    data = client.get("/api/timeline?to=2019").get_json()
    assert "2019-09-15" in [e["due"] for e in data["entries"]] and data["filters"] == {"year_to": 2019}
    ics = client.get("/api/timeline?format=ics&doc=framework")
    assert ics.status_code == 200 and ics.mimetype == "text/calendar" and b"BEGIN:VEVENT" in ics.data
    assert client.get("/api/timeline?from=soon").status_code == 400
    assert client.get("/api/timeline?format=pdf").status_code == 400
    page = client.get("/timeline?to=2019")
    assert page.status_code == 200 and "by mid-September 2019" in page.get_data(as_text=True)


def test_timeline_csv_never_lets_document_text_run_as_a_formula(indexed):
    """Documents added with `ltp index --add` are anyone's text: an action starting with = + - @ stays text in Excel."""
    import csv
    import dataclasses
    import io

    from assistant.timeline import Timeline

    timeline = build_timeline(indexed)
    hostile = Timeline(timeline.filters, [dataclasses.replace(e, action="=cmd|' /C calc'!A0") for e in timeline.entries],
                       timeline.documents)
    rows = list(csv.DictReader(io.StringIO(export_timeline(hostile, "csv").decode())))
    assert rows and all(row["action"] == "'=cmd|' /C calc'!A0" for row in rows)


@pytest.mark.parametrize("topic", ["A&E waiting times", "cancer #2", "mental health+crisis"])
def test_the_pages_downloads_use_the_filters_on_screen(client, topic):
    """A topic with & # + in it reaches the .ics and CSV links whole, so the download lists what the page lists."""
    import html
    import re
    from urllib.parse import parse_qs, urlsplit

    page = client.get("/timeline", query_string={"topic": topic, "to": "2024"}).get_data(as_text=True)
    links = [html.unescape(link) for link in re.findall(r'href="(/api/timeline\?[^"]*)"', page)]
    assert len(links) == 2
    for link in links:
        query = parse_qs(urlsplit(link).query)
        assert query["topic"] == [topic] and query["to"] == ["2024"] and len(query["format"]) == 1


def test_a_financial_year_filters_from_1_april_to_31_march_as_the_documents_date_it(indexed, client):
    """Commissioners type "2023/24" (the documents' own dating): from 1 April 2023, to 31 March 2024 (the date the
    documents' own "by 2023/24" is given), on the page, the API and the CLI; a plain year is still a calendar year."""
    from click.testing import CliRunner

    from assistant.cli import cli

    assert {TimelineFilters.parse(year_from=text).year_from for text in ("2023/24", "2023-24", "2023/2024", "2023–24")} \
        == {"2023/24"}
    dues = {e.due for e in build_timeline(indexed, TimelineFilters.parse(year_to="2023/24")).entries}
    assert "2024-03-31" in dues  # "by 2023/24" is within 2023/24 ...
    assert "2024-03-31" not in {e.due for e in build_timeline(indexed, TimelineFilters.parse(year_to="2023")).entries}
    dues = {e.due for e in build_timeline(indexed, TimelineFilters.parse(year_from="2023/24")).entries}
    assert "2024-03-31" in dues and "2019-11-30" not in dues
    assert "2019-11-30" in {e.due for e in build_timeline(indexed, TimelineFilters.parse(year_to="2019/20")).entries}
    with pytest.raises(BadInput, match="not a financial year"):
        TimelineFilters.parse(year_from="2023/25")
    with pytest.raises(BadInput, match="wrong way round"):
        TimelineFilters.parse(year_from="2024/25", year_to="2023/24")
    data = client.get("/api/timeline?from=2023/24").get_json()
    assert data["filters"] == {"year_from": "2023/24"} and "2024-03-31" in [e["due"] for e in data["entries"]]
    page = client.get("/timeline?from=2023-24&to=2023-24")
    assert page.status_code == 200 and "financial year" in page.get_data(as_text=True)
    result = CliRunner().invoke(cli, ["timeline", "--format", "json", "--from", "2023/24"], obj=indexed)
    assert result.exit_code == 0 and "2019-11-30" not in result.output and "2024-03-31" in result.output
