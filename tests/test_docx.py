"""Word documents index like PDFs: heading styles make the outline, tables keep their text, and pages are
counted from page breaks or left unknown, never guessed. Bad files are refused with the reason."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.text import WD_BREAK

from indexer.documents import load_source, read_document
from indexer.docx import load_docx
from indexer.errors import BadInput, SourceError
from indexer.manifest import Source
from indexer.structure import Heading, Paragraph
from indexer.user_documents import add_document, load_added

INTRO = "This draft plan sets out how the partnership will improve community services over five years."
RESPONSE = "Urgent community response teams will reach people in crisis within two hours by 2025."


def make_plan_docx(path, page_breaks: bool = False):
    document = docx.Document()
    document.add_heading("Northshire draft plan", level=0)
    document.add_paragraph(INTRO)
    document.add_heading("1. Community services", level=1)
    document.add_heading("Urgent response", level=2)
    paragraph = document.add_paragraph(f"1.1 {RESPONSE}")
    if page_breaks:
        paragraph.add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("Funding", level=3)
    table = document.add_table(rows=3, cols=3)
    cells = [["Programme", "2024/25", "2025/26"], ["Community services", "£210m", "£226m"],
             ["Mental health", "£305m", "£331m"]]
    for row, texts in zip(table.rows, cells, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    document.add_heading("2. Workforce", level=1)
    document.add_paragraph("We will recruit two hundred more community nurses and therapists by March 2027.")
    document.save(path)
    return path


def test_heading_styles_make_the_outline(tmp_path):
    outline = load_source(Source(id="plan", title="Plan", files=(make_plan_docx(tmp_path / "plan.docx"),)), tmp_path)
    assert [s.path for s in outline.sections] == [
        ("Northshire draft plan",),
        ("1. Community services",),
        ("1. Community services", "Urgent response"),
        ("1. Community services", "Urgent response", "Funding"),
        ("2. Workforce",),
    ]
    response = next(p for p in outline.passages if p.para == "1.1")
    assert response.text == RESPONSE and response.section_title == "Urgent response"
    assert response.id == "plan:1.1"


def test_tables_keep_their_text_row_by_row_with_the_headers(tmp_path):
    blocks = load_docx(make_plan_docx(tmp_path / "plan.docx"))
    rows = [b.text for b in blocks if isinstance(b, Paragraph) and "£" in b.text]
    assert rows == ["Programme: Community services; 2024/25: £210m; 2025/26: £226m",
                    "Programme: Mental health; 2024/25: £305m; 2025/26: £331m"]


def test_pages_are_unknown_without_page_breaks(tmp_path):
    blocks = load_docx(make_plan_docx(tmp_path / "plan.docx"))
    assert {b.page for b in blocks} == {None}


def test_pages_are_counted_from_explicit_page_breaks(tmp_path):
    blocks = load_docx(make_plan_docx(tmp_path / "plan.docx", page_breaks=True))
    pages = {b.title if isinstance(b, Heading) else b.text[:20]: b.page for b in blocks}
    assert pages["Urgent response"] == 1 and pages[RESPONSE[:20]] == 1
    assert pages["Funding"] == 2 and pages["2. Workforce"] == 2


def _zip_bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/padding.bin", b"\0" * (40 * 2**20))


def _password_protected(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)


def _damaged(path):
    data = io.BytesIO()
    make_plan_docx(data)
    path.write_bytes(data.getvalue()[:2000])


def _not_word(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "a zip, but not a Word document")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_zip_bomb, "zip bomb"),
        (_password_protected, "password-protected"),
        (_damaged, "damaged"),
        (lambda p: p.write_text("plain text saved with the wrong extension"), "not a Word .docx file"),
        (_not_word, "not a Word document"),
        (lambda p: p.write_bytes(b""), "empty"),
    ],
    ids=["zip-bomb", "password-protected", "truncated", "text-file", "other-zip", "zero-byte"],
)
def test_bad_word_file_is_refused_with_the_reason(tmp_path, make, reason):
    path = tmp_path / "bad.docx"
    make(path)
    with pytest.raises(SourceError) as error:
        load_docx(path, "bad.docx")
    assert str(error.value).startswith("bad.docx: ") and reason in str(error.value)


def test_corrupt_part_inside_a_valid_zip_is_reported_as_damaged(tmp_path):
    path = tmp_path / "bad.docx"
    make_plan_docx(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = b"<w:document><unclosed"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(SourceError, match="damaged"):
        load_docx(path, "bad.docx")


def test_ltp_index_add_accepts_a_word_file(tmp_path):
    folder = tmp_path / "documents"
    source = add_document(folder, make_plan_docx(tmp_path / "draft.docx"), "Northshire draft plan")
    assert source.files[0].name == "northshire-draft-plan.docx"
    assert [s.id for s in load_added(folder)] == ["northshire-draft-plan"]


def test_ltp_index_add_refuses_a_bad_word_file_and_changes_nothing(tmp_path):
    folder = tmp_path / "documents"
    bad = tmp_path / "draft.docx"
    _password_protected(bad)
    with pytest.raises(BadInput, match="password-protected"):
        add_document(folder, bad, "Draft")
    assert not folder.exists()


@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_read_document_turns_a_file_into_headings_and_paragraphs(tmp_path, suffix):
    path = tmp_path / f"plan{suffix}"
    if suffix == ".docx":
        make_plan_docx(path)
    else:
        path.write_text(f"# 1. Community services\n\n## Urgent response\n\n1.1 {RESPONSE}\n", encoding="utf-8")
    blocks = read_document(path)
    headings = [b.title for b in blocks if isinstance(b, Heading)]
    assert "1. Community services" in headings and "Urgent response" in headings
    assert any(isinstance(b, Paragraph) and RESPONSE in b.text for b in blocks)
