"""Check my plan: every checklist item is covered, partial (mentioned in passing) or missing, with evidence."""

from __future__ import annotations

import json

import pytest

from assistant.checklists import checklist_for_passages
from assistant.plan_files import MAX_PLAN_BYTES, check_plan, read_plan, save_plan
from assistant.review import ReviewThresholds, review_text
from indexer.errors import BadInput
from indexer.passage import Document, Passage

FEATURES = Passage(
    id="framework:features", doc_id="framework", section_id="framework/1-plans", section_path=("1. System plans",),
    text=("The framework lists the features that every five-year system plan must have: clinically led; locally owned; "
          "focused on prevention; engaged with local authorities; and driving innovation."),
    para="1.5", page=4, page_basis="section", url="https://example.org/framework",
)
COVERED = {
    "Clinical leadership": [
        "Clinicians lead this plan. Senior clinical leaders from our trusts and primary care networks chair the boards "
        "that wrote each proposal, and clinical leads signed off every change to care.",
    ],
    "Partners and ownership": [
        "This plan is owned locally. Patient groups and the voluntary sector helped write it, and "
        "people who use services shaped our priorities at listening events.",
    ],
}
IN_PASSING = ("Other matters", ["Our area has three hospitals and forty GP practices.",
                                "Topics such as prevention will be covered in a later document."])
EXPECTED = {
    "Show the plan is clinically led": "covered",
    "Show the plan is locally owned": "covered",
    "Show the plan is focused on prevention": "partial",
    "Show the plan is engaged with local authorities": "missing",
    "Show the plan is driving innovation": "missing",
}


def plan_sections():
    return [*COVERED.items(), IN_PASSING]


def write_docx(path):
    from docx import Document as WordFile

    document = WordFile()
    document.add_heading("Our five-year system plan", level=1)
    for heading, paragraphs in plan_sections():
        document.add_heading(heading, level=2)
        for text in paragraphs:
            document.add_paragraph(text)
    document.save(str(path))
    return path


def write_pdf(path):
    from fpdf import FPDF

    class NumberedPages(FPDF):
        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 10, str(self.page_no()), align="C")

    pdf = NumberedPages(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    for heading, paragraphs in plan_sections():
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.multi_cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        for text in paragraphs:
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    pdf.output(str(path))
    return path


@pytest.fixture(scope="session")
def reranker():
    from assistant.rerank import CrossEncoderReranker

    return CrossEncoderReranker()


@pytest.fixture(scope="module")
def features_checklist():
    return checklist_for_passages("System plans", "section", "system plans", [FEATURES],
                                  {"framework": Document("framework", "NHS Long Term Plan Implementation Framework")})


@pytest.mark.parametrize("writer", [write_docx, write_pdf], ids=["docx", "pdf"])
def test_review_finds_exactly_what_the_plan_covers_mentions_in_passing_and_omits(writer, tmp_path, features_checklist,
                                                                                  shared_embeddings, reranker):
    plan = read_plan(writer(tmp_path / f"plan.{writer.__name__[6:]}"))
    review = review_text(plan, features_checklist, shared_embeddings, reranker=reranker)
    assert {entry.item.action: entry.status for entry in review.items} == EXPECTED
    assert review.summary == {"covered": 2, "partial": 1, "missing": 2}
    clinical = next(e for e in review.items if "clinically" in e.item.action)
    assert "Clinicians lead this plan" in clinical.evidence_text or "clinical leads" in clinical.evidence_text


def test_evidence_names_the_page_of_a_pdf_and_the_heading_of_a_word_file(tmp_path, features_checklist, shared_embeddings,
                                                                          reranker):
    pdf = review_text(read_plan(write_pdf(tmp_path / "plan.pdf")), features_checklist, shared_embeddings, reranker=reranker)
    docx = review_text(read_plan(write_docx(tmp_path / "plan.docx")), features_checklist, shared_embeddings, reranker=reranker)
    owned = "Show the plan is locally owned"
    assert next(e for e in pdf.items if e.item.action == owned).evidence_page == 2
    assert next(e for e in docx.items if e.item.action == owned).evidence_page == "Partners and ownership"


def test_review_json_lists_missing_items_without_evidence_and_cites_the_requirement(tmp_path, features_checklist,
                                                                                     shared_embeddings, reranker):
    from assistant.review import export_review

    review = review_text(read_plan(write_docx(tmp_path / "plan.docx")), features_checklist, shared_embeddings,
                         against="system-plan", reranker=reranker)
    data = json.loads(export_review(review, "json"))
    assert data["against"] == "system-plan" and data["plan"] == {"file": "plan.docx", "pages": data["plan"]["pages"]}
    assert data["summary"] == {"covered": 2, "partial": 1, "missing": 2}
    innovation = next(i for i in data["items"] if i["item"] == "Show the plan is driving innovation")
    assert innovation["status"] == "missing" and innovation["evidence"] is None
    assert innovation["citations"][0]["para"] == "1.5"
    markdown = export_review(review, "md").decode()
    assert markdown.index("## Missing") < markdown.index("## Partial") < markdown.index("## Covered")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("plan.exe", b"MZ....", "unsupported file type"),
        ("plan.pdf", b"", "empty"),
        ("plan.pdf", b"<html>not a pdf</html>", "not a PDF"),
        ("plan.docx", b"%PDF-1.4", "not a DOCX"),
        ("plan.md", b"x" * (MAX_PLAN_BYTES + 1), "limit is 20 MB"),
    ],
)
def test_a_bad_upload_is_refused_with_the_reason(name, content, reason):
    with pytest.raises(BadInput, match=reason):
        check_plan(name, content)


def test_a_damaged_word_file_is_refused_with_the_reason(tmp_path):
    damaged = tmp_path / "plan.docx"
    damaged.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    with pytest.raises(BadInput, match="cannot read the plan: plan.docx"):
        read_plan(damaged)


def test_a_sentence_on_a_neighbouring_theme_is_not_a_mention(shared_embeddings):
    from assistant.coverage import term_shares

    sentences = ["This plan is owned locally.", "Engagement with local authorities will follow later."]
    shares = term_shares(["engages with local authorities"], sentences)[0]
    assert shares[0] < ReviewThresholds().terms <= shares[1]


def test_uploaded_plans_are_kept_under_the_data_dir_not_the_corpus(tmp_path):
    saved = save_plan(tmp_path / "var", "../../Our plan!.md", b"# Plan\n\nWe will be clinically led.\n")
    assert saved.parent == tmp_path / "var" / "reviews" and saved.name.endswith("-Our-plan.md")


def _cli(indexed, monkeypatch, *args):
    from click.testing import CliRunner

    from assistant.cli import cli

    return CliRunner().invoke(cli, list(args), obj=indexed)


def test_cli_review_reports_the_missing_deadline_first(indexed, monkeypatch, tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text("# Timetable\n\nWe will send NHS England our draft five-year system plan by mid-September 2019. "
                    "The draft is being written now by the system's planning team.\n", encoding="utf-8")
    result = _cli(indexed, monkeypatch, "review", str(plan), "--against", "framework/9-next-steps", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    statuses = {i["due"]: i["status"] for i in data["items"]}
    assert statuses["2019-09-15"] == "covered" and statuses["2019-11-30"] in ("missing", "partial")


def test_cli_review_of_a_bad_file_is_exit_2_naming_the_reason(indexed, monkeypatch, tmp_path):
    bad = tmp_path / "plan.pdf"
    bad.write_bytes(b"not a pdf at all")
    result = _cli(indexed, monkeypatch, "review", str(bad), "--against", "system-plan")
    assert result.exit_code == 2 and "not a PDF" in result.output


def test_review_page_takes_an_upload_with_csrf(client, tmp_path):
    import re

    page = client.get("/review")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True))[1]
    plan = b"# Timetable\n\nWe will send NHS England our draft five-year system plan by mid-September 2019.\n"
    import io

    response = client.post("/review", data={"csrf_token": token, "against": "framework/9-next-steps",
                                            "plan": (io.BytesIO(plan), "plan.md")}, content_type="multipart/form-data")
    assert response.status_code == 200 and "missing" in response.get_data(as_text=True)
    assert "plan.md against" in response.get_data(as_text=True)  # the upload's own name, not the saved one
    refused = client.post("/review", data={"against": "framework/9-next-steps", "plan": (io.BytesIO(plan), "plan.md")},
                          content_type="multipart/form-data")
    assert refused.status_code == 400
    wrong = client.post("/review", data={"csrf_token": token, "plan": (io.BytesIO(b"MZ"), "plan.exe")},
                        content_type="multipart/form-data")
    assert wrong.status_code == 400 and "unsupported file type" in wrong.get_data(as_text=True)


def test_a_real_sized_plan_is_reviewed(client):
    """A draft plan is hundreds of KB: the page must take it (the app's 64 KB request limit refused it as "too large;
    questions must be under 2,000 characters")."""
    import io
    import re

    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/review").get_data(as_text=True))[1]
    line = b"We will send NHS England our draft five-year system plan by mid-September 2019. "
    plan = b"# Timetable\n\n" + line * 4000
    response = client.post("/review", data={"csrf_token": token, "against": "framework/9-next-steps",
                                            "plan": (io.BytesIO(plan), "plan.md")}, content_type="multipart/form-data")
    assert len(plan) > 300_000 and response.status_code == 200 and "plan.md against" in response.get_data(as_text=True)


def test_a_refused_upload_is_named_as_the_user_named_it(client, tmp_path):
    """The page says "cannot read the plan: draft.pdf: the PDF is password-protected", not the saved name."""
    import io
    import re

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/review").get_data(as_text=True))[1]
    response = client.post("/review", data={"csrf_token": token, "plan": (io.BytesIO(locked.getvalue()), "draft.pdf")},
                           content_type="multipart/form-data")
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and "draft.pdf: the PDF is password-protected" in text
    assert not re.search(r"[0-9a-f]{12}-draft", text)
    reviews = client.application.extensions["ltp_settings"].data_dir / "reviews"
    assert not list(reviews.glob("*draft*"))  # a plan that could not be reviewed is not kept


@pytest.mark.parametrize("name", ["../../outside.md", "..\\..\\outside.md", "/etc/cron.d/outside.md", "plan\r\nX-Evil: 1.md"])
def test_an_upload_name_cannot_place_the_file_outside_the_reviews_folder(tmp_path, name):
    path = save_plan(tmp_path / "var", name, b"# Our plan\n\nWe will be clinically led.\n")
    assert path.parent == tmp_path / "var" / "reviews" and path.is_file()
    assert "\r" not in path.name and "\n" not in path.name and ".." not in path.name


def test_review_csv_never_lets_a_plan_sentence_run_as_a_formula(tmp_path, features_checklist, shared_embeddings,
                                                                 reranker):
    """A draft plan is someone's text: a sentence such as =HYPERLINK(...) must open in Excel as text, not run."""
    import csv
    import dataclasses
    import io

    from assistant.review import export_review

    review = review_text(read_plan(write_docx(tmp_path / "plan.docx")), features_checklist, shared_embeddings,
                         reranker=reranker)
    review.items = [dataclasses.replace(e, evidence_text='=HYPERLINK("http://evil.example","x")', evidence_page="@Risks")
                    if e.evidence_text else e for e in review.items]
    rows = list(csv.DictReader(io.StringIO(export_review(review, "csv").decode())))
    evidence = [row for row in rows if row["evidence"]]
    assert evidence and all(row["evidence"].startswith("'=HYPERLINK") for row in evidence)
    assert all(row["evidence_page"] == "'@Risks" for row in evidence)


def test_review_word_export_survives_control_characters_in_the_plan(tmp_path, features_checklist, shared_embeddings,
                                                                      reranker):
    """A plan converted from another format can carry form feeds and other control characters; the Word export
    drops them instead of failing with a traceback."""
    import dataclasses
    import io

    from docx import Document as WordFile

    from assistant.review import export_review

    review = review_text(read_plan(write_docx(tmp_path / "plan.docx")), features_checklist, shared_embeddings,
                         reranker=reranker)
    review.items = [dataclasses.replace(e, evidence_text="Clinicians lead\x0c this plan.\x01") if e.evidence_text else e
                    for e in review.items]
    cells = [cell.text for table in WordFile(io.BytesIO(export_review(review, "docx"))).tables
             for row in table.rows for cell in row.cells]
    assert any(text.startswith("Clinicians lead this plan.") for text in cells)


def test_a_plan_over_the_upload_limit_is_refused_saying_how_large_a_file_may_be(client):
    """A 21 MB file gets 413 and "larger than 20 MB", not the chat's "questions must be under 2,000 characters".
    The body is a stream we own and close: the test client's own spooled multipart body stays open and, with
    `filterwarnings = error`, fails whichever test runs next."""
    import io
    import re

    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/review").get_data(as_text=True))[1]
    boundary = "ltp-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"plan\"; filename=\"big.md\"\r\n"
            f"Content-Type: text/markdown\r\n\r\n").encode() + b"x" * (MAX_PLAN_BYTES + 2**20) + \
        f"\r\n--{boundary}--\r\n".encode()
    with io.BytesIO(body) as stream:
        response = client.post("/review", input_stream=stream, content_length=len(body),
                               content_type=f"multipart/form-data; boundary={boundary}")
    text = response.get_data(as_text=True)
    assert response.status_code == 413 and f"larger than {MAX_PLAN_BYTES // 2**20} MB" in text
    assert "2,000 characters" not in text
    reviews = client.application.extensions["ltp_settings"].data_dir / "reviews"
    assert not list(reviews.glob("*big*"))


def test_the_review_page_offers_the_csv_and_word_downloads_the_cli_makes(client):
    """A commissioner who reviewed a plan on the web takes the result away as a spreadsheet or a Word file."""
    import csv
    import html
    import io
    import re

    from docx import Document as WordFile

    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/review").get_data(as_text=True))[1]
    plan = b"# Timetable\n\nWe will send NHS England our draft five-year system plan by mid-September 2019.\n"
    page = client.post("/review", data={"csrf_token": token, "against": "framework/9-next-steps",
                                        "plan": (io.BytesIO(plan), "Our draft.md")}, content_type="multipart/form-data")
    links = {fmt: html.unescape(link) for link, fmt in
             re.findall(r'href="(/review/download\?format=(csv|docx)[^"]*)"', page.get_data(as_text=True))}
    assert set(links) == {"csv", "docx"}
    spreadsheet = client.get(links["csv"])
    assert spreadsheet.status_code == 200 and spreadsheet.mimetype == "text/csv"
    assert 'filename="review-Our-draft.csv"' in spreadsheet.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(spreadsheet.get_data(as_text=True))))
    assert rows and "missing" in {row["status"] for row in rows}
    assert any(row["item"].startswith("Send NHS England a draft") and row["evidence"] for row in rows)
    word = client.get(links["docx"])
    assert word.status_code == 200
    document = WordFile(io.BytesIO(word.data))
    assert any("Our draft.md" in p.text for p in document.paragraphs)  # the upload's own name, not the saved one
    assert client.get("/review/download?format=csv&plan=../../sources.toml&against=system-plan").status_code == 404
    assert client.get(links["csv"].replace("format=csv", "format=exe")).status_code == 400
