"""Checklist items are found in the text: commitments, requirements, targets and deadlines, cited."""

from __future__ import annotations

import pytest

from assistant.checklists import build_checklist, checklist_for_passages, extract_items, is_item
from assistant.deadlines import find_deadline, normalise_deadline
from assistant.requirements import requirements
from indexer.errors import NotFound
from indexer.passage import Document, Passage


def documents(*ids: str) -> dict[str, Document]:
    """Documents titled by their ids, for checklists made from passages written in a test."""
    return {doc_id: Document(doc_id, doc_id) for doc_id in ids}


@pytest.mark.parametrize(
    "sentence",
    [
        "All smokers admitted to hospital will be offered NHS-funded tobacco treatment services by 2023/24.",
        "Draft five-year system plans must be submitted by mid-September 2019.",
        "From April 2020 every PCN will receive funding for first contact physiotherapists.",
        "Systems decide in summer 2019 whether to opt in to the early adopter programmes.",
        "Every trust should have a plan by the end of 2020.",
        "Integrated care systems will cover the whole country by April 2021.",
    ],
)
def test_commitments_requirements_and_deadlines_are_items(sentence):
    assert is_item(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "This chapter will set out how services will change.",
        "People will live longer, with more long-term conditions.",
        "The NHS has made great progress since 2010.",
        "In 2017/18 the service saw 3 million more patients than it did in 2010.",
        "It will be important to learn from the vanguards.",
        "Local areas could choose to pool budgets.",
    ],
)
def test_description_and_explanation_are_not_items(sentence):
    assert not is_item(sentence)


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("Plans are due by mid September 2019.", "by mid-September 2019"),
        ("Funding starts from april 2020.", "from April 2020"),
        ("Every area will be covered by 2023/24.", "by 2023/24"),
        ("This happens during 2019/20.", "in 2019/20"),
        ("Services will be in place by the end of 2020.", "by end of 2020"),
        ("Teams respond within two hours.", "within two hours"),
        ("The decision falls in summer 2019.", "in summer 2019"),
        ("Final plans come in November 2019.", "in November 2019"),
        ("No date here at all.", None),
    ],
)
def test_deadlines_are_normalised(sentence, deadline):
    assert normalise_deadline(sentence) == deadline


def test_item_carries_action_deadline_actor_figures_and_citation():
    passage = Passage(
        id="ltp:4.5", doc_id="ltp", section_id="ltp/chapter-4", section_path=("Chapter 4",),
        text="The NHS has grown. By 2023/24 every PCN will employ first contact physiotherapists, funded by £4.5 billion.",
        para="4.5", page=79, page_basis="section", url="https://example.org/ch4",
    )
    [item] = extract_items(passage)
    assert (item.deadline, item.due) == ("by 2023/24", "2024-03-31")
    assert item.responsible == ("PCN",)
    assert "£4.5 billion" in item.figures
    assert item.action.startswith("Every PCN will employ first contact physiotherapists")
    assert (item.para, item.page, item.reference) == ("4.5", 79, "para 4.5, section from p. 79")


@pytest.mark.parametrize(
    ("sentence", "action", "who"),
    [
        ("By 2023/24, every PCN will employ first contact physiotherapists.",
         "Every PCN will employ first contact physiotherapists.", ("PCN",)),
        ("Each system should pick out senior clinicians to lead the work.", "Pick out senior clinicians to lead the work.",
         ("system",)),
        ("Every system plan must be clinically led.", "Show the plan is clinically led.", ("system",)),
        ("Every plan must describe how the STP will become an ICS by April 2021, the date by which ICSs cover England.",
         "Describe how the STP will become an ICS by April 2021, the date by which ICSs cover England.", ("system",)),
        ("Every system sends NHS England a draft plan by mid-September 2019.", "Send NHS England a draft plan.", ("system",)),
    ],
)
def test_requirements_read_as_actions_with_who_must_act(sentence, action, who):
    [found] = requirements(sentence)
    assert (found.action + ".", found.responsible) == (action.rstrip(".") + ".", who)


def test_a_list_of_features_is_one_item_per_feature():
    sentence = ("The framework lists features every system plan must have: clinically led; locally owned; "
                "based on realistic workforce planning; and driving innovation.")
    assert [r.action for r in requirements(sentence)] == [
        "Show the plan is clinically led", "Show the plan is locally owned",
        "Show the plan is based on realistic workforce planning", "Show the plan is driving innovation"]


def test_two_dated_steps_in_one_sentence_are_two_items_with_their_own_dates():
    found = requirements("STPs and ICSs prepare draft plans by mid-September 2019 and submit final versions by November 2019.")
    assert [(r.action, r.deadline.iso, r.responsible) for r in found] == [
        ("Prepare draft plans", "2019-09-15", ("ICS/STP",)), ("Submit final versions", "2019-11-30", ("ICS/STP",))]


@pytest.mark.parametrize(
    ("sentence", "due"),
    [("by mid-September 2019", "2019-09-15"), ("by 2023/24", "2024-03-31"), ("from April 2020", "2020-04-01"),
     ("by the end of 2020", "2020-12-31"), ("in summer 2019", "2019-08-31"), ("by November 2019", "2019-11-30"),
     ("within two hours", None)],
)
def test_deadlines_become_dates(sentence, due):
    assert find_deadline(f"Do it {sentence}.").iso == due


def test_background_is_a_context_note_not_an_item(shared_embeddings):
    passage = Passage(id="f:1", doc_id="framework", section_id="framework/1", section_path=("1. Introduction",),
                      text="The NHS Long Term Plan, published in January 2019, laid out a ten-year programme. "
                           "Every system plan must be clinically led.")
    checklist = checklist_for_passages("Intro", "section", "", [passage], documents("framework"), embeddings=shared_embeddings)
    assert [i.action for i in checklist.items] == ["Show the plan is clinically led"]
    assert checklist.groups[0].context.startswith("The NHS Long Term Plan, published in January 2019")


def test_the_same_requirement_in_two_documents_is_one_item_with_both_citations(shared_embeddings):
    framework = Passage(id="framework:features", doc_id="framework", section_id="framework/1", section_path=("1. Plans",),
                        text="Every system plan must have these features: clinically led; locally owned; and driving innovation.",
                        para="1.5")
    csp = Passage(id="csp:owned", doc_id="csp", section_id="csp/news", section_path=("Framework news",),
                  text="Under the Implementation Framework, local plans must be locally owned, developed with local partners.")
    checklist = checklist_for_passages("Plans", "topic", "plans", [framework, csp], documents("framework", "csp"),
                                       embeddings=shared_embeddings)
    assert len(checklist.items) == 3
    owned = next(i for i in checklist.items if "locally owned" in i.action)
    assert [c.doc_id for c in owned.citations] == ["framework", "csp"]


def test_section_checklist_lists_items_in_document_order(indexed):
    checklist = build_checklist(indexed, "framework/9-next-steps")
    assert checklist.scope == "section"
    deadlines = [item.deadline for item in checklist.items]
    assert deadlines == ["by mid-September 2019", "in November 2019"]
    assert all(item.para for item in checklist.items)


def test_topic_checklist_groups_items_by_source(indexed):
    checklist = build_checklist(indexed, "urgent community response and reablement")
    assert checklist.scope == "topic"
    assert [g.doc_id for g in checklist.groups] == ["plan"]
    assert any(item.deadline == "by 2023/24" for item in checklist.items)


def test_unknown_section_suggests_closest(indexed):
    with pytest.raises(NotFound, match="Closest"):
        build_checklist(indexed, "zzzz qqqq")


def _cli(indexed, monkeypatch, *args):
    from click.testing import CliRunner

    from assistant.cli import cli

    return CliRunner().invoke(cli, list(args), obj=indexed)


def test_markdown_export_has_tick_boxes_and_citations(indexed, monkeypatch):
    result = _cli(indexed, monkeypatch, "checklist", "Next steps", "--format", "md")
    assert result.exit_code == 0
    assert "- [ ] " in result.output and "**by mid-September 2019**" in result.output
    assert "para 9.1, section from p. 31" in result.output
    assert "own-words summary" in result.output


def test_csv_export_has_one_row_per_item_with_citation_columns(indexed, monkeypatch):
    import csv
    import io

    result = _cli(indexed, monkeypatch, "checklist", "framework/9-next-steps", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["deadline"] for r in rows] == ["by mid-September 2019", "in November 2019"]
    assert rows[0]["para"] == "9.1" and rows[0]["page"] == "31" and rows[0]["url"].startswith("https://")


def test_docx_export_reads_back_with_items_and_sources(indexed, monkeypatch, tmp_path):
    from docx import Document as WordFile

    target = tmp_path / "next-steps.docx"
    result = _cli(indexed, monkeypatch, "checklist", "Next steps", "--format", "docx", "-o", str(target))
    assert result.exit_code == 0
    table = WordFile(str(target)).tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Done", "Action", "Deadline", "Who", "Source"]
    assert rows[1][2] == "by mid-September 2019" and "para 9.1" in rows[1][4]


def test_docx_without_output_file_is_a_usage_error(indexed, monkeypatch):
    assert _cli(indexed, monkeypatch, "checklist", "Next steps", "--format", "docx").exit_code == 2


@pytest.mark.parametrize("query", ["🏥", "?!"])
def test_a_query_with_no_words_is_not_offered_an_empty_list_of_closest_sections(indexed, query):
    with pytest.raises(NotFound) as refused:
        build_checklist(indexed, query)
    assert "Closest: ." not in str(refused.value) and "ltp sections" in str(refused.value)


def test_unknown_section_is_exit_2_with_suggestions(indexed, monkeypatch):
    result = _cli(indexed, monkeypatch, "checklist", "zzzz qqqq")
    assert result.exit_code == 2 and "Closest" in result.output


def test_checklist_api_json_and_downloads(client):
    data = client.get("/api/checklists/framework/9-next-steps").get_json()
    assert data["items"] == 2 and data["groups"][0]["items"][0]["para"] == "9.1"
    download = client.get("/api/checklists/framework/9-next-steps?format=docx")
    assert download.status_code == 200 and download.data[:2] == b"PK"
    assert "attachment" in download.headers["Content-Disposition"]
    assert client.get("/api/checklists/zzzz%20qqqq").status_code == 404
    assert client.get("/api/checklists/framework/9-next-steps?format=pdf").status_code == 400


@pytest.mark.parametrize(("fmt", "content_type"), [("md", "text/markdown; charset=utf-8"), ("csv", "text/csv; charset=utf-8")])
def test_checklist_downloads_name_their_charset_once(client, fmt, content_type):
    """`text/csv; charset=utf-8; charset=utf-8` is a malformed header some clients and proxies reject."""
    download = client.get(f"/api/checklists/framework/9-next-steps?format={fmt}")
    assert download.headers["Content-Type"] == content_type


def test_checklist_csv_cells_never_start_a_formula():
    from assistant.spreadsheet import safe_cell

    assert [safe_cell(v) for v in ["=1+1", "+44", "-x", "@a", "\t=x", "plain", 3]] == \
        ["'=1+1", "'+44", "'-x", "'@a", "'\t=x", "plain", 3]


def test_a_list_that_shares_one_modal_is_one_item_per_part():
    found = requirements("A plan should be clinically led; rest on realistic workforce planning; be focused on prevention; "
                         "engage with local authorities; and keep driving innovation.")
    assert [r.action for r in found] == [
        "Show the plan is clinically led", "Show the plan rests on realistic workforce planning",
        "Show the plan is focused on prevention", "Show the plan engages with local authorities",
        "Show the plan keeps driving innovation"]


def test_a_list_of_things_a_plan_has_to_do_reads_as_actions():
    found = requirements("Every system plan has to: run from 2019/20 to 2023/24; show how the system will meet each "
                         "foundational commitment; and explain how the STP will become an ICS by April 2021.")
    assert [(r.action, r.deadline and r.deadline.iso) for r in found] == [
        ("Show the plan runs from 2019/20 to 2023/24", "2019-04-01"),
        ("Show how the system will meet each foundational commitment", None),
        ("Explain how the STP will become an ICS", "2021-04-30")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Published in January 2019, the NHS Long Term Plan set a ten-year programme of phased improvements.",
        "Alongside the framework, NHS England published Designing integrated care systems (June 2019), which describes "
        "the levels at which an ICS operates.",
        "Section 6 links planning to the Interim NHS People Plan, published by NHS England in June 2019.",
        "A July 2019 news item from the CSP reports that NHS England set up a new taskforce.",
        "The CSP backed NHS England's move to introduce urgent community response teams in January 2020.",
        "As with the others, local health systems decided in summer 2019 whether to take part.",
    ],
)
def test_past_facts_told_as_background_are_not_items(sentence):
    assert requirements(sentence) == []


def test_bracketed_asides_and_dates_are_left_out_of_the_action():
    [owned, agreed] = requirements("Each plan must work with local authorities (which run the public health and social "
                                   "care services that plans rely on); final plans are to be agreed by mid-November 2019 "
                                   "and published locally soon after.")
    assert owned.action == "Show the plan works with local authorities"
    assert (agreed.action, agreed.deadline.wording) == ("Show the plan is agreed and published locally soon after",
                                                        "by mid-November 2019")


def test_exports_show_the_context_note_and_every_citation_of_an_item(shared_embeddings, tmp_path):
    import csv
    import io

    from docx import Document as WordFile

    from assistant.exports import export

    framework = Passage(id="framework:features", doc_id="framework", section_id="framework/1", section_path=("1. Plans",),
                        text="The framework describes how systems plan. Every system plan must be locally owned.",
                        para="1.5", page=4, page_basis="printed")
    csp = Passage(id="csp:owned", doc_id="csp", section_id="csp/news", section_path=("Framework news",),
                  text="Under the Implementation Framework, local plans must be locally owned.", para="2.1")
    checklist = checklist_for_passages("Plans", "topic", "plans", [framework, csp], documents("framework", "csp"),
                                       embeddings=shared_embeddings)
    [owned] = checklist.items
    assert [c.doc_id for c in owned.citations] == ["framework", "csp"]
    markdown = export(checklist, "md").decode()
    assert "_Context: The framework describes how systems plan._" in markdown
    assert "Source: framework: 1. Plans; para 1.5, p. 4" in markdown and "Source: csp: Framework news; para 2.1" in markdown
    [row] = list(csv.DictReader(io.StringIO(export(checklist, "csv").decode())))
    assert row["sources"] == "framework: 1. Plans; para 1.5, p. 4 | csp: Framework news; para 2.1"
    assert row["context"] == "The framework describes how systems plan."
    (tmp_path / "c.docx").write_bytes(export(checklist, "docx"))
    document = WordFile(str(tmp_path / "c.docx"))
    assert any(p.text == "The framework describes how systems plan." for p in document.paragraphs)
    assert document.tables[0].rows[1].cells[4].text.splitlines() == ["framework: 1. Plans; para 1.5, p. 4",
                                                                      "csp: Framework news; para 2.1"]


def test_checklist_page_shows_the_context_note_and_every_source(client):
    from html import unescape

    data = client.get("/api/checklists/system%20plans?format=json").get_json()
    page = unescape(client.get("/checklists?topic=system+plans").get_data(as_text=True))
    contexts = [g["context"] for g in data["groups"] if g["context"]]
    assert contexts and all(context in page for context in contexts)
    citations = [c for g in data["groups"] for i in g["items"] for c in i["citations"]]
    assert page.count("Source: ") == len(citations)


def test_a_new_process_builds_the_system_plan_checklist_without_loading_the_model(indexed):
    from assistant.checklists import system_plan_checklist
    from assistant.engine import Assistant
    from indexer.embeddings import SentenceEmbeddings

    class NoModel(SentenceEmbeddings):
        def _encode(self, texts, batch_size):
            raise AssertionError(f"the model was asked to embed {texts[:2]}")

    first = system_plan_checklist(indexed)
    again = Assistant(indexed.settings, embeddings=NoModel(), reranker=indexed.reranker)
    assert first.items and system_plan_checklist(again).to_dict() == first.to_dict()


def test_a_clause_that_points_back_stays_with_the_one_it_is_about():
    [found] = requirements("NHS 111 will book patients into GP practices and refer them to community pharmacies; "
                           "both start from 2019.")
    assert (found.action, found.deadline.wording) == (
        "NHS 111 will book patients into GP practices and refer them to community pharmacies", "from 2019")
