""""What are the chapters of the plan?", "which annexes does the framework have?": answered completely from the
document outline recorded at index time, one bullet per chapter or annex, each cited to its opening passage.
Retrieval would find one passage that mentions a few of them; the outline has them all."""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.answer import Answer, make_citation
from assistant.retrieve import Hit
from assistant.sections import SectionInfo, in_section
from indexer.passage import Document, Passage, find_document

OUTLINE_QUESTION = re.compile(
    r"\b(what|which|list|name|how many)\b(?:\s+\w+){0,6}?\s+(?P<kind>chapters|annexes|annexe?s|appendices|sections)\b",
    re.I)
NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def outline_answer(question: str, sections: list[SectionInfo], passages: list[Passage],
                   documents: Mapping[str, Document], doc_id: str | None = None) -> Answer | None:
    """The chapters (or annexes, or top-level sections) of the document the question names; None when the
    question does not ask for them or the outline has none."""
    match = OUTLINE_QUESTION.search(question)
    if not match:
        return None
    doc = doc_id or named_document(question, documents)
    kind = "annex" if match["kind"].lower().startswith(("annex", "append")) else match["kind"].lower().rstrip("s")
    wanted = [s for s in sections if s.doc_id == doc and s.level == 1 and _is_kind(s.title, kind)]
    if not wanted:
        return None
    citations, lines = [], []
    for section in wanted:
        opening = next((p for p in passages if in_section(p, section.id)), None)
        if opening is None:
            lines.append(f"- {section.title}")
            continue
        citations.append(make_citation(len(citations) + 1, Hit(opening, 1.0, 1.0), documents))
        lines.append(f"- {section.title} [{citations[-1].n}]")
    title = find_document(documents, doc).label
    count = NUMBERS.get(len(wanted), str(len(wanted)))
    noun = {"annex": "annexes", "chapter": "chapters"}.get(kind, "main sections")
    lead = f"The {title} has {count} {noun}:"
    return Answer(question, "\n".join([lead, *lines]), abstained=False, citations=citations)


def named_document(question: str, documents: Mapping[str, Document]) -> str:
    """The document a question names ("the framework", "the CSP's guidance"); the Long Term Plan by default."""
    q = question.lower()
    for doc_id, info in documents.items():
        words = {doc_id.lower(), info.short_title.lower()}
        if any(w and w in q for w in words):
            return doc_id
    if "framework" in q and "framework" in documents:
        return "framework"
    return next(iter(documents), "")


def _is_kind(title: str, kind: str) -> bool:
    """An annex is titled "Annex X"; a chapter "Chapter n: ..." or "n. ..."; a section is anything but an annex."""
    lowered = title.lower()
    if kind == "annex":
        return lowered.startswith(("annex", "appendix"))
    if re.match(r"^(chapter\s+)?\d+[.:]?\s", lowered):
        return True
    return kind == "section" and not lowered.startswith(("annex", "appendix"))
