"""The PDF loader recovers the official structure: sections, paragraph numbers and printed pages."""

from __future__ import annotations

import pytest
from pdf_fixtures import FIRST_PRINTED_PAGE, RUNNING_HEADER, make_plan_pdf
from pypdf import PdfReader, PdfWriter

from indexer.documents import load_source
from indexer.errors import SourceError
from indexer.manifest import Source
from indexer.pdf import join_lines, load_pdf
from indexer.structure import Heading, Paragraph


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = make_plan_pdf(tmp_path_factory.mktemp("pdf") / "plan.pdf")
    source = Source(id="plan", title="Plan", files=(path,))
    return load_source(source, path.parent)


def by_para(outline, para):
    return next(p for p in outline.passages if p.para == para)


def test_numbered_paragraph_gets_its_section_and_printed_page(plan):
    passage = by_para(plan, "1.2")
    assert passage.section_path == (
        "Chapter 1: A new service model for the 21st century",
        "Primary care networks of local GP practices and community teams",
    )
    assert passage.page == FIRST_PRINTED_PAGE
    assert passage.page_basis == "printed"
    assert passage.id == "plan:1.2"


def test_hyphenated_line_break_is_joined(plan):
    assert "community health teams" in by_para(plan, "1.2").text
    assert "commun-" not in by_para(plan, "1.2").text


def test_endnote_marker_is_kept_out_of_the_text(plan):
    assert "teams so that" in by_para(plan, "1.2").text
    assert "teams7" not in by_para(plan, "1.2").text and " 7 " not in by_para(plan, "1.2").text


def test_paragraph_continues_across_page_break(plan):
    passage = by_para(plan, "1.3")
    assert passage.text.endswith("as part of the ageing well programme.")
    assert "within two hours" in passage.text
    assert passage.page == FIRST_PRINTED_PAGE + 1


def test_running_header_footer_and_contents_page_are_dropped(plan):
    text = " ".join(p.text for p in plan.passages)
    assert RUNNING_HEADER not in text
    assert ".........." not in text
    assert all(not p.text.strip().isdigit() for p in plan.passages)


def test_next_chapter_starts_a_new_top_level_section(plan):
    passage = by_para(plan, "2.1")
    assert passage.section_path == ("Chapter 2: More NHS action on prevention and health inequalities",)
    assert passage.section_id == "plan/chapter-2"


def test_join_lines_keeps_real_hyphens():
    assert join_lines(["NHS-", "funded care"]) == "NHS-funded care"
    assert join_lines(["well-being is commun-", "ity"]) == "well-being is community"


def _encrypted(path):
    reader = PdfReader(make_plan_pdf(path.with_name("plain.pdf")))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt("secret")
    with open(path, "wb") as handle:
        writer.write(handle)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_text("<html>not a pdf</html>"), "not a PDF"),
        (lambda p: p.write_bytes(make_plan_pdf(p.with_name("ok.pdf")).read_bytes()[:900]), "damaged"),
        (_encrypted, "password-protected"),
    ],
    ids=["zero-byte", "mislabelled", "truncated", "encrypted"],
)
def test_bad_pdf_fails_with_the_file_and_reason(tmp_path, make, reason):
    path = tmp_path / "bad.pdf"
    make(path)
    with pytest.raises(SourceError) as error:
        load_pdf(path, "bad.pdf")
    assert "bad.pdf" in str(error.value)
    assert reason in str(error.value)


def test_loader_emits_headings_then_paragraphs(tmp_path):
    blocks = load_pdf(make_plan_pdf(tmp_path / "p.pdf"))
    assert isinstance(blocks[0], Heading) and blocks[0].title.startswith("Chapter 1")
    assert isinstance(blocks[1], Paragraph) and blocks[1].para == "1.1"


def test_body_text_that_repeats_on_every_page_is_not_taken_for_a_running_header(tmp_path):
    """Forty pages of paragraphs that share their wording (as boilerplate does) must all survive; only the
    header and page numbers at the page edges are dropped."""
    blocks = load_pdf(make_plan_pdf(tmp_path / "long.pdf", filler_paragraphs=400))
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    assert sum("Filler paragraph number" in p.text for p in paragraphs) == 400
    assert not any(RUNNING_HEADER in p.text for p in paragraphs)
