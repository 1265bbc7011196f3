"""The bundled digest, read with the real loaders: every document parses cleanly, every section of the
official contents is there, and every passage carries what a citation needs. No model is loaded."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest

from assistant.programmes import TYPES, load_catalogue
from assistant.settings import PROJECT_ROOT
from indexer.documents import load_source
from indexer.manifest import load_manifest

CORPUS = PROJECT_ROOT / "corpus"
MAX_ENTRY_WORDS = 120
MIN_LTP_ENTRIES = 350
MIN_SECTION_WORDS = 60
"""A section with less digest than this is a placeholder, not a digest of what the section says."""
KNOWN_THIN_SECTIONS = {
    # Issue 3/4 gap: no public copy we could reach shows the annex's content, only its title and page, so the
    # digest points the reader to the official page rather than guess. test_known_thin_sections_are_still_thin
    # fails (strict xfail) once it is filled, so this list cannot go stale.
    "framework/annex-d",
}
UNVERIFIED_PAGE_SECTIONS = {
    # The copies of the plan we could check show its contents page only up to Chapter 4 section 7 (section 8,
    # Volunteers, is cited at p. 90 elsewhere), so the printed pages below are unknown; their citations say so
    # (page null) rather than guess.
    "ltp/chapter-4", "ltp/chapter-5", "ltp/chapter-6", "ltp/chapter-7",
}

# The contents pages of the two paginated documents (verified titles; see corpus/README.md).
LTP_SECTIONS = [
    "The NHS Long Term Plan – Overview and summary",
    "Chapter 1: A new service model for the 21st century",
    "1. We will boost 'out-of-hospital' care, and finally dissolve the historic divide between primary and "
    "community health services",
    "A new NHS offer of urgent community response and recovery support",
    "Primary care networks of local GP practices and community teams",
    "Guaranteed NHS support to people living in care homes",
    "Supporting people to age well",
    "2. The NHS will reduce pressure on emergency hospital services",
    "Pre-hospital urgent care",
    "Reforms to hospital emergency care – Same Day Emergency Care",
    "Cutting delays in patients being able to go home",
    "3. People will get more control over their own health and more personalised care when they need it",
    "4. Digitally-enabled primary and outpatient care will go mainstream across the NHS",
    "5. Local NHS organisations will increasingly focus on population health – moving to Integrated Care Systems everywhere",
    "Chapter 2: More NHS action on prevention and health inequalities",
    "Smoking", "Obesity", "Alcohol", "Air pollution", "Antimicrobial resistance",
    "Stronger NHS action on health inequalities",
    "Chapter 3: Further progress on care quality and outcomes",
    "A strong start in life for children and young people",
    "Maternity and neonatal services",
    "Children and young people's mental health services",
    "Learning disability and autism",
    "Children and young people with cancer",
    "Redesigning other health services for children and young people",
    "Better care for major health conditions",
    "Cancer", "Cardiovascular disease", "Stroke care", "Diabetes", "Respiratory disease",
    "Adult mental health services", "Short waits for planned care",
    "Research and innovation to drive future outcomes improvement",
    "Chapter 4: NHS staff will get the backing they need",
    "1. A comprehensive new workforce implementation plan",
    "2. Expanding the number of nurses, midwives, AHPs and other staff",
    "3. Growing the medical workforce",
    "4. International Recruitment",
    "5. Supporting our current NHS staff",
    "6. Enabling productive working",
    "7. Leadership and talent management",
    "8. Volunteers",
    "Chapter 5: Digitally-enabled care will go mainstream across the NHS",
    "Chapter 6: Taxpayers' investment will be used to maximum effect",
    # Titles below checked against the official online version (its contents lines for Chapter 6 were not seen).
    "Test 1: The NHS (including providers) will return to financial balance",
    "Test 4: The NHS will reduce unjustified variation in performance",
    "Chapter 7: Next steps",
]
FRAMEWORK_SECTIONS = [
    "1. Introduction to the NHS Long Term Plan Implementation Framework",
    "2. Delivering a new service model for the 21st century",
    "Transformed 'out-of-hospital care' and fully integrated community-based care",
    "Reducing pressure on emergency hospital services",
    "Giving people more control over their own health and more personalised care",
    "Digitally-enabling primary care and outpatient care",
    "Better care for major health conditions: Improving cancer outcomes",
    "Better care for major health conditions: Improving mental health services",
    "Better care for major health conditions: Shorter waits for planned care",
    "3. Increasing the focus on population health",
    "4. More NHS action on prevention",
    "5. Delivering Further progress on care quality and outcomes",
    "A strong start in life for children and young people",
    "Learning disabilities and autism",
    "Better care for major health conditions",
    "Cardiovascular disease", "Stroke care", "Diabetes", "Respiratory disease",
    "Research and innovation to drive future outcomes improvement",
    "Genomics", "Volunteering", "Wider social impact",
    "6. Giving NHS staff the backing they need",
    "7. Delivering digitally-enabled care across the NHS",
    "8. Using taxpayers' investment to maximum effect",
    "Financial and planning assumptions for systems", "Improving productivity",
    "Reducing variation across the health system",
    "9. Next steps",
    "Annex A: Funding the Long Term Plan",
    "Annex B: Financial assumptions for strategic plans",
    "Annex C: LTP headline metrics",
    "Annex D: Supporting wider social goals",
]


def fold(title: str) -> str:
    """Compare titles as printed, ignoring case, dash and quote styles."""
    return re.sub(r"[–—-]", "-", title.lower().replace("’", "'")).strip()


@cache
def sources() -> dict:
    return {source.id: source for source in load_manifest(CORPUS)}


@cache
def outline(doc_id: str):
    return load_source(sources()[doc_id], CORPUS)


def test_manifest_describes_every_document_fully():
    assert set(sources()) == {"ltp", "framework", "csp"}
    for source in sources().values():
        assert source.kind == "digest"
        assert source.title and source.publisher and source.published and source.licence
        assert source.url.startswith("https://")
        assert source.files and all(path.exists() for path in source.files)
    assert all(sources()[doc].official.pdf_url.endswith(".pdf") for doc in ("ltp", "framework"))


@pytest.mark.parametrize("doc_id", ["ltp", "framework", "csp"])
def test_digest_parses_without_problems(doc_id):
    assert outline(doc_id).problems == []


@pytest.mark.parametrize(("doc_id", "title"), [("ltp", t) for t in LTP_SECTIONS] + [("framework", t) for t in FRAMEWORK_SECTIONS])
def test_every_section_of_the_contents_is_present(doc_id, title):
    titles = {fold(section.title) for section in outline(doc_id).sections}
    assert fold(title) in titles


@pytest.mark.parametrize("doc_id", ["ltp", "framework", "csp"])
def test_every_entry_is_citable_and_short(doc_id):
    for passage in outline(doc_id).passages:
        assert passage.text.strip(), passage.id
        assert len(passage.text.split()) <= MAX_ENTRY_WORDS, f"{passage.id} is over {MAX_ENTRY_WORDS} words"
        assert passage.section_path and passage.url, passage.id


@pytest.mark.parametrize("doc_id", ["ltp", "framework"])
def test_entries_lack_a_printed_page_only_where_it_could_not_be_verified(doc_id):
    without_page = {p.section_id for p in outline(doc_id).passages if p.page is None}
    unverified = {s for s in UNVERIFIED_PAGE_SECTIONS if s.startswith(f"{doc_id}/")}
    assert {s for s in without_page if not any(s == u or s.startswith(u + "/") for u in unverified)} == set()


@pytest.mark.parametrize("doc_id", ["ltp", "framework", "csp"])
def test_paragraph_references_are_unique_and_well_formed(doc_id):
    paras = [p.para for p in outline(doc_id).passages if p.para]
    assert [para for para, count in Counter(paras).items() if count > 1] == []
    assert all(re.fullmatch(r"[0-9A-D]+\.[0-9]+(-[0-9A-D]+\.[0-9]+)?", para) for para in paras)


@pytest.mark.parametrize("doc_id", ["ltp", "framework"])
def test_no_section_is_a_one_line_stub(doc_id):
    document = outline(doc_id)
    parents = {section.parent_id for section in document.sections}
    words = Counter()
    for passage in document.passages:
        words[passage.section_id] += len(passage.text.split())
    stubs = [s.id for s in document.sections
             if s.id not in parents and s.id not in KNOWN_THIN_SECTIONS and words[s.id] < MIN_SECTION_WORDS]
    assert stubs == []


def section_words(section_id: str) -> int:
    doc_id = section_id.split("/")[0]
    return sum(len(p.text.split()) for p in outline(doc_id).passages if p.section_id == section_id)


@pytest.mark.xfail(strict=True, reason="issue 3/4: Annex D's content could not be verified from any reachable source")
@pytest.mark.parametrize("section_id", sorted(KNOWN_THIN_SECTIONS))
def test_known_thin_sections_are_filled(section_id):
    assert section_words(section_id) >= MIN_SECTION_WORDS


@pytest.mark.xfail(strict=True, reason=(
    "issue 3: the digest holds only the paragraphs whose facts could be checked (about 290); the stored public "
    "copies of the plan show too little of most pages to verify the rest, and the brief forbids guessing"))
def test_long_term_plan_digest_is_deep_enough():
    assert len(outline("ltp").passages) >= MIN_LTP_ENTRIES


def test_programme_catalogue_cites_real_passages():
    passage_ids = {p.id for doc in sources() for p in outline(doc).passages}
    programmes = load_catalogue(CORPUS)
    assert len({p.id for p in programmes}) == len(programmes)
    for programme in programmes:
        assert programme.type in TYPES and programme.summary and programme.professions, programme.id
        assert programme.citations, f"{programme.id} cites nothing"
        assert set(programme.citations) <= passage_ids, f"{programme.id} cites a passage that does not exist"


@pytest.mark.parametrize(
    ("type", "must_include"),
    [
        ("foundational", ["first contact"]),
        ("opt-in", ["pelvic health", "stroke", "pulmonary rehabilitation"]),
    ],
)
def test_catalogue_has_the_programmes_csp_members_ask_about(type, must_include):
    names = " | ".join(p.name.lower() for p in load_catalogue(CORPUS) if p.type == type)
    for words in must_include:
        assert words in names, f"no {type} programme about {words}"


SYSTEM_PLAN_REQUIREMENTS = [
    # (what a commissioner must find in the checklist, words an item's text must contain)
    ("draft plan by mid-September 2019", "mid-September 2019"),
    ("final plan by November 2019", "November 2019"),
    ("STP becomes an ICS by April 2021", "April 2021"),
    ("plan covers 2019/20 to 2023/24", "2023/24"),
    ("clinically led", "clinically led"),
    ("locally owned", "locally owned"),
    ("realistic workforce planning", "realistic workforce planning"),
    ("financially balanced", "financially balanced"),
    ("all commitments and national access standards", "national access standards"),
    ("reducing health inequalities", "health inequalities"),
    ("focused on prevention", "prevention"),
    ("engagement with local authorities", "local authorities"),
    ("driving innovation", "innovation"),
    ("five financial tests", "five financial tests"),
    ("foundational commitments in every plan", "foundational commitments"),
]


@pytest.mark.parametrize(("requirement", "words"), SYSTEM_PLAN_REQUIREMENTS, ids=[r for r, _ in SYSTEM_PLAN_REQUIREMENTS])
def test_system_plan_checklist_is_complete_against_the_framework_digest(requirement, words):
    """The checklist a commissioner gets for the framework's section on system plans, built from the text by
    the same extraction as any section, holds every requirement the digest states."""
    from assistant.checklists import checklist_for_passages

    document = outline("framework")
    passages = [p for p in document.passages if p.section_id.startswith("framework/1-")]
    items = checklist_for_passages("system plans", "section", "", passages, {"framework": {}}).items
    assert any(words.lower() in item.text.lower() for item in items), f"no checklist item for: {requirement}"


ORIGINALITY_CHECK = PROJECT_ROOT.parent / "shared" / "tools" / "originality-check"
ALLOW_FILE = CORPUS / "originality-allow.txt"


def test_digest_shares_no_run_of_words_with_the_official_texts():
    """The digest is in our own words: no run of 8+ words shared with public copies of the official texts (the
    check holds only fingerprints of them), warnings included, except names listed in the allow file. The tool
    lives beside the project in ../shared (CI always has it)."""
    import os
    import subprocess

    if not ORIGINALITY_CHECK.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{ORIGINALITY_CHECK} is missing: CI must run the own-words check")
        pytest.skip(f"{ORIGINALITY_CHECK} not found (it ships beside the project in CI)")
    result = subprocess.run([str(ORIGINALITY_CHECK), str(CORPUS), "--allow", str(ALLOW_FILE)],
                            capture_output=True, text=True, timeout=120)
    shared = [line for line in result.stdout.splitlines() if line.startswith(("FAIL", "warn"))]
    assert result.returncode == 0 and not shared, "\n".join(shared[:20])


def test_allow_file_holds_only_names():
    """Only names, titles and lists of organisations may be allowed: short lines, no sentence punctuation."""
    lines = [line for line in ALLOW_FILE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    for line in lines:
        assert len(line.split()) <= 14 and not re.search(r"\b(will|must|should|by 20\d\d)\b", line), line
