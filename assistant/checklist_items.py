"""What a checklist is made of: items (an action, its deadline, who acts, its figures) each cited to the
passages that state it, grouped by the document that states them first. Plain data between the checklist
builder (`assistant.checklists`), the timeline, plan review and the exports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from indexer import cite
from indexer.passage import Document, find_document


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
