"""What the reader sees under an answer: an ordinary answer shows its first source open, so the passage behind it
is on screen without a click; lists, summaries and refusals show every source closed. The page without JavaScript
follows the same rule as chat.js (tests/test_browser.py drives that one in Chromium), and `ltp eval` measures what
the screen shows beside what the answer says."""

from __future__ import annotations

import re

from assistant.answer import Answer, Citation
from assistant.answer_display import opens_first_source
from assistant.evaluate import AssistantSystem, Question, SystemAnswer, evaluate

ORDINARY = "What will primary care networks and urgent community response teams do?"
SUMMARY = "Summarise chapter 1"
REFUSED = "What is the best recipe for lemon drizzle cake?"


def sources_shown_open(client, question: str) -> list[bool]:
    """For each source card of the no-JavaScript page's answer, in order: is it open?"""
    html = client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    page = client.post("/", data={"csrf_token": token, "question": question, "history": "[]"}).get_data(as_text=True)
    return [bool(is_open) for is_open in re.findall(r'<details class="nhsuk-details ltp-citation"( open)?>', page)]


def test_without_javascript_an_ordinary_answer_shows_only_its_first_source_open(client, indexed):
    answer = indexed.ask(ORDINARY)
    assert len(answer.citations) >= 2 and opens_first_source(answer), answer.answer
    assert sources_shown_open(client, ORDINARY) == [True] + [False] * (len(answer.citations) - 1)


def test_without_javascript_a_summary_shows_every_source_closed(client, indexed):
    answer = indexed.ask(SUMMARY)
    assert "\n- " in answer.answer and not opens_first_source(answer), answer.answer
    assert sources_shown_open(client, SUMMARY) == [False] * len(answer.citations)


def test_a_refusal_or_signposting_opens_nothing(indexed):
    assert not opens_first_source(indexed.ask(REFUSED))
    assert not opens_first_source(indexed.ask("i dont want to be here anymore"))


def test_a_cited_answer_with_bullets_is_a_list_and_opens_nothing():
    citation = Citation(n=1, passage_id="p", doc_id="d", doc_title="D", section="S", para=None, page=None,
                        page_basis=None, url=None, source_kind="digest", text="the passage", score=1.0)
    assert opens_first_source(Answer("q", "Networks cover 30,000 to 50,000 people. [1]", False, [citation]))
    assert not opens_first_source(Answer("q", "The chapter covers:\n- networks [1]", False, [citation]))
    assert not opens_first_source(Answer("q", "Networks cover 30,000 to 50,000 people. [1]", True, [citation]))


class ShowsThePassage:
    """A system whose answer leaves out one fact that its first cited passage, shown open, holds."""

    name = "shows-the-passage"

    def __init__(self, shown: bool):
        self.shown = shown

    def answer(self, question, history):
        passage = "Networks typically cover 30,000 to 50,000 people."
        return SystemAnswer("Networks cover 30,000 people [1].", False, (passage,), (1,),
                            shown_open=(passage,) if self.shown else ())

    def ranked_texts(self, question, history, depth):
        return ["Networks typically cover 30,000 to 50,000 people."]


def screen_report(shown: bool):
    question = Question(id="pcn", question="how many people does a network cover?", facts=("30,000", "50,000"))
    return evaluate(ShowsThePassage(shown=shown), [question])


def test_what_the_screen_shows_is_measured_beside_what_the_answer_says():
    shown, closed = screen_report(shown=True).to_dict(), screen_report(shown=False).to_dict()
    for report, on_screen in ((shown, 1.0), (closed, 0.0)):  # `ltp eval --json`: overall and per split, both metrics
        for metrics in (report["metrics"], report["splits"]["tune"]):
            assert metrics["answer_contains_fact"] == 0.0 and metrics["shown_holds_facts"] == on_screen


def test_ltp_evals_table_prints_both_rows_with_their_values():
    rows = [line.split() for line in screen_report(shown=True).describe().splitlines()]
    assert ["answer_contains_fact:", "0.0"] in rows and ["shown_holds_facts:", "1.0"] in rows


def test_the_assistant_reports_the_first_passage_as_shown_only_when_the_chat_opens_it(indexed):
    system = AssistantSystem(indexed)
    ordinary, summary = system.answer(ORDINARY, []), system.answer(SUMMARY, [])
    assert ordinary.shown_open == ordinary.cited_texts[:1] and summary.shown_open == ()
    report = evaluate(system, [Question(id="pcn", question=ORDINARY, facts=("30,000 to 50,000", "two hours"))])
    assert report.metrics()["shown_holds_facts"] == report.metrics()["answer_contains_fact"] == 1.0


def test_the_quality_bench_tables_show_it_beside_what_the_answer_says():
    from bench.quality import GROUPS, SYSTEMS, tables

    metrics = screen_report(shown=True).metrics()
    rows = tables({"splits": {"tune": {name: metrics for name in SYSTEMS}}, GROUPS: {}}).splitlines()
    assert f"| answer_contains_fact | {' | '.join(['0.0'] * len(SYSTEMS))} |" in rows
    assert f"| shown_holds_facts | {' | '.join(['1.0'] * len(SYSTEMS))} |" in rows
