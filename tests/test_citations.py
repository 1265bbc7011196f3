"""A citation reads the same everywhere: indexer/cite.py writes the reference ("para 9.1, section from p. 31"),
the section label ("Chapter 1 › Networks") and its last title, and every answer, checklist, timeline, review,
page and script shows what it wrote. The source tree is read (like tests/test_layering.py) to keep it so."""

from __future__ import annotations

import ast
import re
from html import unescape
from pathlib import Path

import pytest
from test_pages import csrf_token

from assistant.answer import make_citation
from assistant.checklists import extract_items
from assistant.retrieve import Hit
from indexer.manifest import load_manifest
from indexer.passage import Document, Passage, documents_from_info

ROOT = Path(__file__).resolve().parents[1]
FORMATTER = ROOT / "indexer" / "cite.py"
PLAN = Document("ltp", "The NHS Long Term Plan", url="https://www.longtermplan.nhs.uk/", kind="official")


def passage(para: str | None, page: int | None, basis: str | None = "printed") -> Passage:
    return Passage(id="ltp:x", doc_id="ltp", section_id="ltp/chapter-1/networks",
                   section_path=("Chapter 1: A new service model", "Primary care networks"),
                   text="Networks will typically cover 30,000 to 50,000 people.", para=para, page=page, page_basis=basis)


@pytest.mark.parametrize(("para", "page", "basis", "expected"), [
    ("1.10", 14, "printed", "The NHS Long Term Plan, para 1.10, p. 14"),
    ("9.1", 31, "section", "The NHS Long Term Plan, para 9.1, section from p. 31"),
    (None, 31, "section", "The NHS Long Term Plan, section from p. 31"),
    ("1.10", None, None, "The NHS Long Term Plan, para 1.10"),
    (None, None, None, "The NHS Long Term Plan"),
])
def test_a_reference_names_the_document_paragraph_and_page_and_never_guesses(para, page, basis, expected):
    citation = make_citation(1, Hit(passage(para, page, basis), 0.5, 0.5), {"ltp": PLAN})
    assert citation.reference == expected
    data = citation.to_dict()
    assert data["reference"] == expected and data["section_title"] == "Primary care networks"
    assert data["section"] == "Chapter 1: A new service model › Primary care networks"


def test_a_checklist_item_says_where_in_the_document_with_the_same_rule():
    [item] = extract_items(Passage(id="f:9.1", doc_id="framework", section_id="framework/9", section_path=("9. Next steps",),
                                   text="Every system must send a draft plan by mid-September 2019.", para="9.1", page=31,
                                   page_basis="section"))
    source = item.citations[0]
    assert source.reference == "para 9.1, section from p. 31" and source.section_title == "9. Next steps"
    framework = Document("framework", "NHS Long Term Plan Implementation Framework")
    assert source.line({"framework": framework}) == (
        "NHS Long Term Plan Implementation Framework, 9. Next steps, para 9.1, section from p. 31")
    assert source.line({}) == "framework, 9. Next steps, para 9.1, section from p. 31"


def test_an_unknown_document_is_cited_by_its_id():
    citation = make_citation(1, Hit(passage("1.1", 5), 0.5, 0.5), {})
    assert (citation.doc_title, citation.source_kind, citation.url) == ("ltp", "user", None)


def test_documents_are_stored_with_the_index_as_before_and_read_back_whole(corpus_dir):
    """The index keeps the record it always kept (so an older index still loads and nothing re-embeds)."""
    source = next(s for s in load_manifest(corpus_dir) if s.id == "framework")
    record = source.document(pages=3).to_info()
    assert record == {"title": "NHS Long Term Plan Implementation Framework",
                      "short_title": "NHS Long Term Plan Implementation Framework",
                      "url": "https://www.longtermplan.nhs.uk/implementation-framework/", "kind": "digest",
                      "publisher": "NHS England and NHS Improvement", "published": "2019-06-27", "pages": 3}
    assert documents_from_info({"framework": record}) == {"framework": source.document(pages=3)}
    assert documents_from_info({"x": {"title": "X", "kind": "nonsense"}})["x"].kind == "user"


# --- the rule is written once -------------------------------------------------------------------------------

def code_strings(path: Path) -> list[str]:
    """The text a file could show a user: string literals of Python code (docstrings left out: they may
    give examples), and the whole of a template or script."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return [text]
    tree = ast.parse(text, str(path))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def writers_of(pattern: str, root: Path = ROOT) -> set[str]:
    """Source files (code, templates, scripts) whose strings contain `pattern`."""
    files = [p for package in ("assistant", "indexer", "web") for p in (root / package).rglob("*")
             if p.suffix in (".py", ".html", ".js") and not {"node_modules", "vendor"} & set(p.parts)]
    return {str(p.relative_to(root)) for p in files if any(re.search(pattern, s) for s in code_strings(p))}


def test_the_section_from_page_rule_is_written_once():
    assert writers_of(r"section from p") == {"indexer/cite.py"}


def test_section_paths_are_joined_and_split_in_one_place():
    assert writers_of(r" › ") == {"indexer/cite.py"}


def test_a_planted_second_copy_of_the_rule_is_found(tmp_path):
    """The two checks above can fail: a copy in code, a template or a script is found; a docstring is not."""
    for name, text in [("assistant/copy.py", '"""Reads "section from p. 3"."""\nLABEL = f"section from p. {3}"\n'),
                       ("assistant/doc_only.py", '"""Reads "section from p. 3" and "a › b"."""\n'),
                       ("web/templates/copy.html", '{{ c.section.split(" › ")[-1] }}'),
                       ("web/static/copy.js", 'const s = `section from p. ${c.page}`;')]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert writers_of(r"section from p", tmp_path) == {"assistant/copy.py", "web/static/copy.js"}
    assert writers_of(r" › ", tmp_path) == {"web/templates/copy.html"}


# --- the page and the JSON agree ------------------------------------------------------------------------------

QUESTIONS = ["When must systems send a draft five-year system plan?", "What do the headline metrics track?",
             "How big is a primary care network?"]
"""The test corpus (tests/conftest.py) cites the framework digest by its section's first page ("{page=31}" above
9.1) and by a paragraph's own page ("{para=C.1 page=41}"), and the test plan PDF by printed page."""


def test_the_chat_page_shows_the_reference_the_json_sends(client):
    """The no-JavaScript page and the JSON (which chat.js renders) read the same, for both kinds of page."""
    shown = []
    for question in QUESTIONS:
        data = client.post("/api/ask", json={"question": question}).get_json()
        form = {"csrf_token": csrf_token(client), "question": question, "history": "[]"}
        page = unescape(client.post("/", data=form).get_data(as_text=True))
        summaries = re.findall(r'<span class="nhsuk-details__summary-text">(.*?)</span>', page)
        assert summaries == [f"[{c['n']}] {c['reference']}" for c in data["citations"]]
        shown += [c["reference"] for c in data["citations"]]
    assert "NHS Long Term Plan Implementation Framework, para 9.1, section from p. 31" in shown
    assert any(re.search(r"para 1\.\d+, p\. \d+$", r) for r in shown), shown


def test_the_script_builds_no_reference_of_its_own():
    script = (ROOT / "web" / "static" / "chat.js").read_text(encoding="utf-8")
    assert "c.reference" in script and "page_basis" not in script and "c.para" not in script


def test_answer_json_keeps_the_contract_fields(client):
    data = client.post("/api/ask", json={"question": QUESTIONS[0]}).get_json()
    citation = data["citations"][0]
    contract = {"n", "doc_id", "doc_title", "section", "para", "page", "url", "source_kind", "text", "score"}
    assert contract <= citation.keys() and {"reference", "section_title"} <= citation.keys()
