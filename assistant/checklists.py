"""Checklists for commissioners: what a section or topic requires, one action per item, cited.

Sentences become requirements in `assistant.requirements`; items that mean the same are merged in
`assistant.same_requirement` (a plan commitment, the framework's requirement and the CSP's guidance on it become one
item with three citations); here the background a section opens with becomes a short context note instead of items,
and the items are grouped by document (`assistant.checklist_items`).
"""

from __future__ import annotations

from collections.abc import Mapping

# Re-exported: callers import a checklist's types and merging from here.
from assistant.checklist_items import Checklist, ChecklistGroup, ChecklistItem, ItemSource  # noqa: F401
from assistant.requirements import is_item, requirements, responsible  # noqa: F401  (re-exported)
from assistant.same_requirement import SAME_REQUIREMENT, merge_items, remember_actions  # noqa: F401
from assistant.sections import SectionInfo, find_section, in_section
from indexer import cite
from indexer.errors import NotFound
from indexer.passage import Document, Passage, find_document, sentences

CONTEXT_SENTENCES = 2
SYSTEM_PLAN = "system-plan"
SYSTEM_PLAN_QUERY = "what every five-year system plan must contain and when it is due"
SYSTEM_PLAN_MATCHES = 20
SYSTEM_PLAN_NAMES = {"system-plan", "system plan", "system plans", "system-plans", "five-year system plans"}


def extract_items(passage: Passage) -> list[ChecklistItem]:
    """Every requirement the passage states, one item each, cited to the passage."""
    items = []
    for sentence in sentences(passage.text):
        source = ItemSource(passage.doc_id, cite.section_label(passage.section_path), passage.para, passage.page,
                            passage.page_basis, passage.url, passage.id, sentence)
        for found in requirements(sentence):
            deadline = found.deadline
            items.append(ChecklistItem(found.action, found.kind, deadline.wording if deadline else None,
                                       deadline.iso if deadline else None, found.responsible, found.figures, (source,)))
    return items


def context_note(passages: list[Passage]) -> str:
    """The first sentences of the group that are background rather than requirements."""
    background = [s for p in passages[:3] for s in sentences(p.text) if not is_item(s)]
    return " ".join(background[:CONTEXT_SENTENCES])


def checklist_for_passages(title: str, scope: str, query: str, passages: list[Passage], documents: Mapping[str, Document],
                           section_id: str | None = None, embeddings=None, assistant=None) -> Checklist:
    """Items from `passages`, merged across documents, grouped by the document that states each first."""
    order = list(documents)
    ranked = sorted(passages, key=lambda p: (order.index(p.doc_id) if p.doc_id in order else len(order), p.order))
    found = [item for p in ranked for item in extract_items(p)]
    if assistant is not None:
        remember_actions(assistant, found)
    items = merge_items(found, embeddings)
    return _grouped(Checklist(title=title, scope=scope, query=query, section_id=section_id), items, ranked, documents)


def _grouped(checklist: Checklist, items: list[ChecklistItem], passages: list[Passage],
             documents: Mapping[str, Document]) -> Checklist:
    for doc_id in dict.fromkeys(p.doc_id for p in passages):
        doc_items = [i for i in items if i.doc_id == doc_id]
        if not doc_items:
            continue
        doc_passages = [p for p in passages if p.doc_id == doc_id]
        document = find_document(documents, doc_id)
        sections = list(dict.fromkeys(cite.section_label(p.section_path) for p in doc_passages))
        checklist.groups.append(ChecklistGroup(doc_id, document.title, document.kind, sections, doc_items,
                                               context_note(doc_passages)))
    return checklist


def build_checklist(assistant, query: str, topic_similarity: float = 0.45) -> Checklist:
    """A checklist for the system plan, a section (by id or title words), or else a topic across the documents."""
    query = (query or "").strip()
    if not query:
        raise NotFound("name a section id or a topic, e.g. `ltp checklist \"primary care networks\"`")
    snapshot = assistant.snapshot()
    if query.lower() in SYSTEM_PLAN_NAMES:
        return system_plan_checklist(assistant)
    try:
        section = find_section(query, snapshot.sections)
    except NotFound:
        section = None
    if section:
        passages = [p for p in snapshot.passages if in_section(p, section.id)]
        return checklist_for_passages(section.title, "section", query, passages, snapshot.documents, section.id,
                                      assistant.embeddings, assistant)
    return _topic_checklist(assistant, snapshot, snapshot.sections, query, topic_similarity)


def system_plan_checklist(assistant) -> Checklist:
    """What every five-year system plan must contain: the section that states it (the one most of the best
    matches come from), with the same requirements elsewhere (the CSP's summary, say) merged in as citations.
    The matches are BM25's alone: they find the same section as the full search, and need no model, so a first
    call in a new process costs only the merge (docs/history/plan-review.md, "Plan review")."""
    snapshot = assistant.snapshot()
    by_id = {p.id: p for p in snapshot.passages}
    hits = [by_id[i] for i, _ in snapshot.retriever.lexical.search(SYSTEM_PLAN_QUERY, SYSTEM_PLAN_MATCHES) if i in by_id]
    if not hits:
        raise NotFound("no passage describes system plans; is the Implementation Framework indexed?")
    tops = ["/".join(p.section_id.split("/")[:2]) for p in hits]
    home = max(dict.fromkeys(tops), key=tops.count)
    core = [p for p in snapshot.passages if in_section(p, home)]
    others = [p for p in snapshot.passages if p.section_id in {h.section_id for h in hits} and not in_section(p, home)]
    ranked = core + sorted(others, key=lambda p: (p.doc_id, p.order))
    found = [item for p in ranked for item in extract_items(p)]
    remember_actions(assistant, found)
    items = merge_items(found, assistant.embeddings)
    core_ids = {p.id for p in core}
    items = [i for i in items if i.passage_id in core_ids]
    title = next((s.title for s in snapshot.sections if s.id == home), home)
    checklist = Checklist(title="Five-year system plan", scope=SYSTEM_PLAN, query=SYSTEM_PLAN, section_id=home)
    checklist = _grouped(checklist, items, core, snapshot.documents)
    for group in checklist.groups:
        group.sections = [title]
    return checklist


def _topic_checklist(assistant, snapshot, sections: list[SectionInfo], query: str, threshold: float) -> Checklist:
    hits = [h for h in snapshot.retriever.search(query, k=12) if h.similarity >= threshold]
    if not hits:
        find_section(query, sections)  # raises NotFound with the closest sections suggested
    chosen = list(dict.fromkeys(h.passage.section_id for h in hits))
    passages = [p for p in snapshot.passages if p.section_id in chosen]
    return checklist_for_passages(f"Topic: {query}", "topic", query, passages, snapshot.documents,
                                  embeddings=assistant.embeddings, assistant=assistant)
