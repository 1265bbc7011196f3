"""Checklists for commissioners: what a section or topic requires, one action per item, cited.

Sentences become requirements in `assistant.requirements`; here they are merged when they mean the same
(a plan commitment, the framework's requirement and the CSP's guidance on it become one item with three
citations), and the background a section opens with becomes a short context note instead of items.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from assistant.requirements import is_item, requirements, responsible  # noqa: F401  (re-exported)
from assistant.sections import SectionInfo, find_section, in_section
from assistant.vector_cache import remember
from indexer import cite
from indexer.errors import NotFound
from indexer.passage import Document, Passage, find_document, sentences

SAME_REQUIREMENT = 0.6
"""Cosine similarity (all-MiniLM-L6-v2) above which two actions are one requirement. Calibrated on the
framework's section 1 with the words every plan item shares left out: a feature and its own entry score 0.61-1.0
("locally owned" against "locally owned, developed with local partners" 0.82); two different features 0.05-0.21."""
LONG_ACTION_WORDS = 10
LONG_ACTION_SIMILARITY = 0.75
"""For actions longer than LONG_ACTION_WORDS: a cancer milestone and a workforce requirement scored 0.6-0.7."""
CONTEXT_SENTENCES = 2
SYSTEM_PLAN = "system-plan"
SYSTEM_PLAN_QUERY = "what every five-year system plan must contain and when it is due"
SYSTEM_PLAN_MATCHES = 20
SYSTEM_PLAN_NAMES = {"system-plan", "system plan", "system plans", "system-plans", "five-year system plans"}


@dataclass(frozen=True)
class ItemSource:
    """Where an item's requirement is stated: one passage of one document."""

    doc_id: str
    section: str
    para: str | None
    page: int | None
    page_basis: str | None
    url: str | None
    passage_id: str
    text: str
    """The source sentence, as indexed."""

    @property
    def reference(self) -> str:
        """Where in its document: "para 4.5, section from p. 79" (indexer.cite)."""
        return cite.locator(self)

    @property
    def section_title(self) -> str:
        return cite.section_title(self.section)

    def line(self, documents: Mapping[str, Document]) -> str:
        """"The NHS Long Term Plan, Primary care networks, para 1.10, p. 14": one source on one line."""
        return cite.source_line(find_document(documents, self.doc_id).title, self.section, self)

    def to_dict(self) -> dict:
        return {**asdict(self), "reference": self.reference, "section_title": self.section_title}


@dataclass(frozen=True)
class ChecklistItem:
    action: str
    """What must be done or shown, as a whole sentence or phrase, never cut."""
    kind: str
    deadline: str | None
    """The deadline in the documents' words, tidied: "by mid-September 2019"."""
    due: str | None
    """The deadline as a date, "2019-09-15"; None when there is none or it is a duration."""
    responsible: tuple[str, ...]
    figures: tuple[str, ...]
    citations: tuple[ItemSource, ...]

    @property
    def source(self) -> ItemSource:
        return self.citations[0]

    text = property(lambda self: self.source.text)
    passage_id = property(lambda self: self.source.passage_id)
    doc_id = property(lambda self: self.source.doc_id)
    section = property(lambda self: self.source.section)
    para = property(lambda self: self.source.para)
    page = property(lambda self: self.source.page)
    page_basis = property(lambda self: self.source.page_basis)
    url = property(lambda self: self.source.url)
    reference = property(lambda self: self.source.reference)

    def to_dict(self) -> dict:
        return {
            "action": self.action, "kind": self.kind, "deadline": self.deadline, "due": self.due,
            "responsible": list(self.responsible), "figures": list(self.figures),
            "citations": [c.to_dict() for c in self.citations],
            # the first citation's fields, flat, as before citations were lists
            "text": self.text, "passage_id": self.passage_id, "doc_id": self.doc_id, "section": self.section,
            "para": self.para, "page": self.page, "page_basis": self.page_basis, "url": self.url,
            "reference": self.reference,
        }


@dataclass
class ChecklistGroup:
    doc_id: str
    doc_title: str
    source_kind: str
    sections: list[str]
    items: list[ChecklistItem] = field(default_factory=list)
    context: str = ""
    """Background from the documents (what the section is about), not things to do."""


@dataclass
class Checklist:
    title: str
    scope: str
    """"section", "topic" (relevant sections across documents) or "system-plan"."""
    query: str
    groups: list[ChecklistGroup] = field(default_factory=list)
    section_id: str | None = None

    @property
    def items(self) -> list[ChecklistItem]:
        return [item for group in self.groups for item in group.items]

    def to_dict(self) -> dict:
        return {
            "title": self.title, "scope": self.scope, "query": self.query, "section_id": self.section_id,
            "items": len(self.items),
            "groups": [
                {"doc_id": g.doc_id, "doc_title": g.doc_title, "source_kind": g.source_kind, "sections": g.sections,
                 "context": g.context, "items": [i.to_dict() for i in g.items]}
                for g in self.groups
            ],
        }


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


def merge_items(items: list[ChecklistItem], embeddings=None, threshold: float = SAME_REQUIREMENT) -> list[ChecklistItem]:
    """One item per requirement: a later item that means the same as an earlier one adds its citation there.

    Meaning is compared with the embedding model when one is given; without it, only near-identical wording
    (the same words, ignoring order) merges."""
    if not items:
        return []
    similar = _similarity(items, embeddings)
    kept: list[int] = []
    merged: dict[int, ChecklistItem] = {}
    for n, item in enumerate(items):
        match = next((k for k in kept if _compatible(items[k], item, similar[n, k], threshold)), None)
        if match is None:
            kept.append(n)
            merged[n] = item
            continue
        merged[match] = _combine(merged[match], item)
    return [merged[k] for k in kept]


def _similarity(items: list[ChecklistItem], embeddings) -> np.ndarray:
    texts = [_core(item.action) for item in items]
    if embeddings is not None:
        vectors = np.asarray(embeddings.embed_sentences(texts))
        return vectors @ vectors.T
    words = [frozenset(re.findall(r"[a-z0-9£%/]+", t.lower())) for t in texts]
    return np.array([[len(a & b) / max(1, len(a | b)) for b in words] for a in words])


def _core(action: str) -> str:
    """The action without the words every plan requirement shares, so two features are compared on what differs."""
    return re.sub(r"^Show the plan (is )?", "", action)


def _compatible(first: ChecklistItem, other: ChecklistItem, similarity: float, threshold: float) -> bool:
    """Requirements with different due dates are different milestones, however alike their wording. Long
    actions share many words with any other long action, so they must be closer to count as one."""
    if first.due != other.due:
        return False
    longest = max(len(_core(first.action).split()), len(_core(other.action).split()))
    return similarity >= (threshold if longest <= LONG_ACTION_WORDS else LONG_ACTION_SIMILARITY)


def _combine(first: ChecklistItem, other: ChecklistItem) -> ChecklistItem:
    citations = first.citations + tuple(c for c in other.citations if c.passage_id not in {x.passage_id for x in first.citations})
    return replace(
        first, citations=citations,
        deadline=first.deadline or other.deadline, due=first.due or other.due,
        responsible=first.responsible or other.responsible,
        figures=tuple(dict.fromkeys(first.figures + other.figures)),
    )


def remember_actions(assistant, items: list[ChecklistItem]) -> None:
    """The vectors merging compares, from LTP_DATA_DIR's cache: a first checklist in a new process then needs no
    model at all (assistant.vector_cache)."""
    remember(assistant, [_core(i.action) for i in items])


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
    call in a new process costs only the merge (docs/benchmarks.md, "Plan review")."""
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
