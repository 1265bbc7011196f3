"""The digest convention: headings, attribute lines, entry markers and page inheritance."""

from __future__ import annotations

from conftest import DIGEST

from indexer.markdown import read_markdown
from indexer.structure import build_outline

DOC_URL = "https://www.longtermplan.nhs.uk/publication/implementation-framework/"


def outline_of(tmp_path, text):
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    parsed = read_markdown(path)
    outline = build_outline(parsed.meta["doc_id"], parsed.blocks, root_title=parsed.meta.get("title", ""), url=DOC_URL)
    outline.problems[:0] = parsed.problems
    return outline


def test_entries_carry_para_section_url_and_inherited_page(tmp_path):
    outline = outline_of(tmp_path, DIGEST)
    first = outline.passages[0]
    assert (first.id, first.para, first.page, first.page_basis) == ("framework:9.1", "9.1", 31, "section")
    assert first.url == "https://www.longtermplan.nhs.uk/implementation-framework/"
    assert first.section_path == ("9. Next steps",)


def test_entry_with_checked_page_is_printed_and_id_entries_keep_their_id(tmp_path):
    outline = outline_of(tmp_path, DIGEST)
    by_id = {p.id: p for p in outline.passages}
    assert by_id["framework:C.1"].page == 41 and by_id["framework:C.1"].page_basis == "printed"
    assert by_id["framework:pelvic-health"].para is None
    assert by_id["framework:pelvic-health"].url == DOC_URL, "a heading without url falls back to the document's"
    assert outline.problems == []


def test_short_digest_entries_are_never_merged(tmp_path):
    outline = outline_of(tmp_path, "---\ndoc_id: d\n---\n# A\n\n{para=1.1}\nShort one.\n\n{para=1.2}\nShort two.\n")
    assert [p.text for p in outline.passages] == ["Short one.", "Short two."]


def test_duplicate_paragraph_and_unknown_attribute_are_reported(tmp_path):
    outline = outline_of(tmp_path, "---\ndoc_id: d\n---\n# A\n\n{para=1.1}\nOne.\n\n{para=1.1 colour=red}\nTwo.\n")
    assert any("appears twice" in p for p in outline.problems)
    assert any("colour=red" in p for p in outline.problems)


def test_plain_markdown_paragraphs_become_entries_with_leading_numbers(tmp_path):
    outline = outline_of(tmp_path, "---\ndoc_id: notes\n---\n# Local plan\n\n"
                         "2.4 Our PCN will hire two first contact physiotherapists by April 2021 to see MSK patients.\n\n"
                         "A second paragraph without a number, long enough to stand as its own passage here.\n")
    assert [p.para for p in outline.passages] == ["2.4", None]
    assert outline.passages[0].text.startswith("Our PCN will hire")
