"""Designed PDFs (strategies, plans, papers) come out as their authors structured them, not as their fonts
suggest: pull quotes, lead paragraphs, chart labels and boxes are not headings, columns are read in order."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pdf_fixtures import BODY, DesignedPdf, make_strategy_pdf
from pypdf import PdfReader, PdfWriter

from assistant.cli import cli
from indexer.documents import load_source, read_document
from indexer.manifest import Source
from indexer.pdf import load_pdf
from indexer.structure import Heading, Paragraph

CONTENTS = [
    "Foreword",
    "Commitment one: Care closer to home",
    "Commitment two: Faster diagnosis and treatment for everyone who needs it",
    "Commitment three: A great place to work",
]


def outline_of(path):
    return load_source(Source(id="doc", title="Doc", files=(path,)), path.parent)


@pytest.fixture(scope="module")
def strategy(tmp_path_factory):
    return outline_of(make_strategy_pdf(tmp_path_factory.mktemp("designed") / "strategy.pdf"))


def top_level(outline):
    return [s for s in outline.sections if len(s.path) == 1 and s.id != outline.doc_id]


def passage_with(outline, words):
    return next(p for p in outline.passages if words in p.text)


def test_outline_reads_like_the_contents_page(strategy):
    assert [s.title for s in top_level(strategy)] == ["About this document", *CONTENTS]
    assert [s.page for s in top_level(strategy)] == [2, 3, 4, 5, 6]


def test_commitment_chapters_are_siblings_with_their_own_subsections(strategy):
    children = [s.path for s in strategy.sections if len(s.path) == 2]
    assert children == [(title, "What we will do") for title in CONTENTS[1:]]


def test_pull_quote_and_lead_paragraph_are_text_not_headings(strategy):
    titles = " ".join(s.title for s in strategy.sections)
    assert "“" not in titles and "Our hospitals" not in titles
    quote = passage_with(strategy, "When my mum came home")
    assert quote.text.startswith("“When my mum came home from hospital") and "explain it all again.”" in quote.text
    assert passage_with(strategy, "Our hospitals have served").section_title == "Foreword"


def test_attribution_does_not_run_into_the_next_paragraph(strategy):
    assert passage_with(strategy, "Over the next five years").text.startswith("Over the next five years")


def test_contents_entries_are_skipped_but_the_rest_of_their_page_is_kept(strategy):
    intro = passage_with(strategy, "agreed by the trust board")
    assert intro.section_title == "About this document" and intro.page == 2
    assert not any("....." in p.text or "Care closer to home 4" in p.text for p in strategy.passages)


def test_case_study_box_is_its_own_passage_labelled_as_a_box(strategy):
    box = passage_with(strategy, "Case study: ward 2")
    assert box.text.startswith("Box: Case study: ward 2. Since the change")
    assert box.section_path[0] == CONTENTS[2] and box.page == 5
    assert "Since the change" not in passage_with(strategy, "By 2027 commitment 2").text


def test_decorative_chapter_numbers_and_the_cover_are_left_out(strategy):
    assert not any(p.text.strip() in ("01", "02", "03") for p in strategy.passages)
    assert "Our strategy 2025 to 2030" not in [s.title for s in strategy.sections]


def two_column_page(path, row_by_row: bool):
    """Two columns of 6 lines; `row_by_row` writes them as some producers do: left line, right line, ..."""
    left = [f"Left column sentence {n} explains how local teams work together." for n in range(1, 7)]
    right = [f"Right column sentence {n} describes what patients told us about it." for n in range(1, 7)]
    doc = DesignedPdf(path)
    doc.line("Findings", 780, size=16, font="Helvetica-Bold")
    rows = list(zip(left, right, strict=True))
    for n, (l_text, r_text) in enumerate(rows if row_by_row else []):
        doc.line(l_text, 740 - n * 12, size=8)
        doc.line(r_text, 740 - n * 12, x=310, size=8)
    if not row_by_row:
        doc.lines(left, 740, size=8, leading=12)
        doc.lines(right, 740, x=310, size=8, leading=12)
    return doc.save(), " ".join(left), " ".join(right)


@pytest.mark.parametrize("row_by_row", [True, False], ids=["rows-interleaved", "column-after-column"])
def test_two_columns_are_read_one_after_the_other(tmp_path, row_by_row):
    path, left, right = two_column_page(tmp_path / "columns.pdf", row_by_row)
    text = " ".join(b.text for b in load_pdf(path) if isinstance(b, Paragraph))
    assert left in text and right in text


def test_chart_labels_captions_and_figures_are_not_headings(tmp_path):
    doc = DesignedPdf(tmp_path / "chart.pdf")
    doc.line("Waiting times", 780, size=18, font="Helvetica-Bold")
    doc.lines(BODY, 750)
    doc.line("0   5   10   15   20", 640, size=14, font="Helvetica-Bold")
    doc.line("8b 62b 540b", 620, size=14, font="Helvetica-Bold")
    doc.line("£4.5m", 590, size=30, font="Helvetica-Bold")
    doc.line("Figure 1: Median wait in days by month since the hub opened", 560, size=12, font="Helvetica-Bold")
    doc.lines(BODY, 530)
    headings = [b.title for b in load_pdf(doc.save()) if isinstance(b, Heading)]
    assert headings == ["Waiting times"]


def test_bylines_and_dates_under_a_title_are_not_headings(tmp_path):
    doc = DesignedPdf(tmp_path / "paper.pdf")
    doc.line("Waiting times after a diagnostic hub opens", 780, size=18, font="Helvetica-Bold")
    doc.line("A. Patel, B. Jones and C. Okafor", 755, size=13, font="Helvetica-Bold")
    doc.line("29 September 2025", 735, size=13)
    doc.line("1 Introduction", 700, size=14, font="Helvetica-Bold")
    doc.lines(BODY, 680)
    doc.line("2 Methods", 630, size=14, font="Helvetica-Bold")
    doc.lines(BODY, 610)
    headings = [b.title for b in load_pdf(doc.save()) if isinstance(b, Heading)]
    assert headings == ["1 Introduction", "2 Methods"]


def test_numbering_sets_levels_when_the_sizes_do_not(tmp_path):
    doc = DesignedPdf(tmp_path / "numbered.pdf")
    y = 780
    for title in ["1 Introduction", "1.1 Background", "1.1.1 Earlier plans", "2 Delivery", "Annex A: Glossary"]:
        doc.line(title, y, size=13, font="Helvetica-Bold")
        y = doc.lines(BODY, y - 20) - 20
    levels = [(b.title, b.level) for b in load_pdf(doc.save()) if isinstance(b, Heading)]
    assert levels == [("1 Introduction", 1), ("1.1 Background", 2), ("1.1.1 Earlier plans", 3), ("2 Delivery", 1),
                      ("Annex A: Glossary", 1)]


def test_ligatures_become_plain_letters(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    doc = DesignedPdf(tmp_path / "ligatures.pdf")
    doc.lines(["The ﬁrst hubs made the workﬂow of referring practices simpler and waits fell", "signiﬁcantly."],
              700, font="Vera")
    text = " ".join(b.text for b in load_pdf(doc.save()) if isinstance(b, Paragraph))
    assert "first hubs" in text and "workflow" in text and "significantly" in text
    assert not any(ch in text for ch in "\ufb00\ufb01\ufb02\ufb03\ufb04")


def test_unreadable_line_is_dropped_with_a_warning_naming_its_page(tmp_path):
    doc = DesignedPdf(tmp_path / "encoded.pdf")
    doc.lines(BODY, 700)
    doc.new_page()
    doc.line("2EV<RXSXWW#3O\\QQLQJ#IRU#WKH#IXWXUH#RI#SULPDU\\#FDUH", 700)
    doc.lines(BODY, 680)
    problems: list[str] = []
    text = " ".join(b.text for b in load_pdf(doc.save(), "encoded.pdf", problems) if isinstance(b, Paragraph))
    assert "RXSXWW" not in text and "first time" in text
    assert problems == ["encoded.pdf: page 2: left out 1 line(s) that are not readable text "
                        "(a font without a text encoding)"]


def test_passage_ids_are_unique_when_numbers_repeat_or_only_look_like_paragraph_numbers(tmp_path):
    doc = DesignedPdf(tmp_path / "ids.pdf")
    doc.line("Our area", 780, size=16, font="Helvetica-Bold")
    y = doc.lines(["1.1 The population of Northshire is growing faster than the national average and", "ageing."], 750)
    y = doc.lines(["1.2 million people live in Northshire, and by 2030 one in four will be over 65 years",
                   "old."], y - 8)
    doc.line("Annex: the same numbering again", y - 30, size=16, font="Helvetica-Bold")
    doc.lines(["1.1 The annex repeats a paragraph number that the main text has already used for", "itself."], y - 60)
    outline = outline_of(doc.save())
    ids = [p.id for p in outline.passages]
    assert len(ids) == len(set(ids)) and not outline.problems
    assert [p.para for p in outline.passages] == ["1.1", None, None]


def test_pages_come_from_page_labels_when_the_pdf_has_them(tmp_path):
    doc = DesignedPdf(tmp_path / "unlabelled.pdf")
    for n in range(3):
        doc.line(f"Part {n + 1}", 780, size=16, font="Helvetica-Bold")
        doc.lines(BODY, 750)
        doc.new_page()
    reader = PdfReader(doc.save())
    writer = PdfWriter()
    for page in reader.pages[:3]:
        writer.add_page(page)
    writer.set_page_label(0, 2, style="/D", start=11)
    labelled = tmp_path / "labelled.pdf"
    writer.write(labelled)
    assert [b.page for b in load_pdf(labelled) if isinstance(b, Heading)] == [11, 12, 13]
    assert [b.page for b in load_pdf(doc.path) if isinstance(b, Heading)] == [1, 2, 3]


def test_running_header_of_a_two_page_document_is_dropped(tmp_path):
    doc = DesignedPdf(tmp_path / "short.pdf")
    for _ in range(2):
        doc.line("Northshire ICB | Joint forward plan", 815, size=8)
        doc.lines(BODY, 700)
        doc.new_page()
    text = " ".join(b.text for b in load_pdf(doc.save()) if isinstance(b, Paragraph))
    assert "Joint forward plan" not in text


def test_contents_with_spaced_leaders_and_headers_carrying_the_page_number_are_dropped(tmp_path):
    """As LaTeX sets them: ". . . ." leaders, the page number in a cell of its own, and a running header
    "2 Northshire plan CONTENTS" that starts with the page's own number."""
    doc = DesignedPdf(tmp_path / "latex.pdf")
    for page, entries in [(2, ["Foreword", "Our area", "Our priorities"]), (3, ["Workforce", "Finance", "Annex"])]:
        doc.line(f"{page} Northshire plan CONTENTS", 770, size=10)
        if page == 2:
            doc.line("Contents", 720, size=16, font="Helvetica-Bold")
        for n, title in enumerate(entries):
            doc.line(f"{title} " + ". " * 30, 690 - n * 20, size=10, font="Helvetica-Bold")
            doc.canvas.drawRightString(540, 690 - n * 20, str(10 + n))
        doc.new_page()
    doc.line("Foreword", 720, size=16, font="Helvetica-Bold")
    doc.lines(BODY, 690)
    reader = PdfReader(doc.save())
    writer = PdfWriter()
    for page in reader.pages[:3]:
        writer.add_page(page)
    writer.set_page_label(0, 2, style="/D", start=2)
    labelled = tmp_path / "labelled.pdf"
    writer.write(labelled)
    blocks = load_pdf(labelled)
    assert [(b.title, b.page) for b in blocks if isinstance(b, Heading)] == [("Foreword", 4)]
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == [" ".join(BODY)]


def test_read_document_gives_headings_and_paragraphs_with_pages(tmp_path):
    blocks = read_document(make_strategy_pdf(tmp_path / "draft.pdf"))
    assert isinstance(blocks[0], Heading) and (blocks[0].title, blocks[0].page) == ("About this document", 2)
    assert isinstance(blocks[1], Paragraph) and blocks[1].page == 2
    assert [b.page for b in blocks if isinstance(b, Heading) and b.title.startswith("Commitment")] == [4, 5, 6]


@pytest.mark.slow
def test_ltp_sections_of_an_added_designed_document_reads_like_its_contents(fresh_fake_assistant, monkeypatch, tmp_path):
    monkeypatch.setenv("LTP_DATA_DIR", str(fresh_fake_assistant.settings.data_dir))
    monkeypatch.setenv("LTP_CORPUS_DIR", str(fresh_fake_assistant.settings.corpus_dir))
    runner = CliRunner()
    path = make_strategy_pdf(tmp_path / "strategy.pdf")
    added = runner.invoke(cli, ["index", "--add", str(path), "--title", "Our strategy", "--id", "strategy"],
                          obj=fresh_fake_assistant)
    assert added.exit_code == 0, added.output
    result = runner.invoke(cli, ["sections", "--json", "--doc", "strategy"], obj=fresh_fake_assistant)
    chapters = [s for s in json.loads(result.output) if s["level"] == 1]
    expected = [("About this document", 2), *zip(CONTENTS, [3, 4, 5, 6], strict=True)]
    assert [(s["title"], s["page"]) for s in chapters] == expected
