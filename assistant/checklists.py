"""Checklists for commissioners: every commitment, requirement, target and deadline in a section or topic.

Items are found in the text itself, sentence by sentence: obligation language ("must", "are required
to"), commitments ("will" with an actor, a date or a figure), targets and deadlines. Sentences that only
describe or explain ("This chapter will set out…", "people will live longer") are not items.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from assistant.errors import NotFound
from assistant.sections import SectionInfo, find_section, in_section
from indexer.passage import PAGE_SECTION, Passage, sentences

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
SEASONS = "spring|summer|autumn|winter"
YEAR = r"(?:19|20)\d{2}(?:/\d{2})?"
DEADLINE = re.compile(
    rf"\b(?P<prep>by|from|in|during|before|until|no later than|within|over)\s+(?:the\s+)?"
    rf"(?P<when>(?:(?:end|start|beginning|middle) of\s+(?:the\s+)?)?"
    rf"(?:(?:early|mid|late)[- ])?(?:(?:{MONTHS}|{SEASONS}|Q[1-4])\s+)?{YEAR}"
    rf"|(?:the\s+)?(?:next|coming|first)\s+(?:\w+\s+)?(?:years?|months?)"
    rf"|(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:years?|months?|weeks?|days?|hours?))",
    re.I,
)
BARE_DEADLINE = re.compile(rf"\b(?P<when>(?:(?:early|mid|late)[- ])?(?:{MONTHS}|{SEASONS})\s+{YEAR})\b", re.I)
OBLIGATION = re.compile(
    r"\b(must|shall|are required to|is required to|required|need to|needs to|are expected to|is expected to|"
    r"should|will need to|are asked to|has to|have to|commits? to|committed to|guarantee[sd]?|"
    r"target|aim(?:s)? to|ambition|deadline|by (?:19|20)\d{2}|will)\b",
    re.I,
)
NON_COMMITMENT = re.compile(
    r"^(this|the) (chapter|section|document|framework|plan|annex|report) (will )?(set|sets|explain|describe|look|outline)s?\b|"
    r"\b(may|might|could) \b|\bwill (also )?(be|become|continue to be) (important|needed|possible|likely|harder|easier)\b|"
    r"\b(people|patients|the population|demand|costs?) will (live|grow|rise|increase|continue)\b",
    re.I,
)
ACTORS = {
    "ICS": r"\bintegrated care systems?\b|\bICSs?\b",
    "STP": r"\bSTPs?\b|\bsustainability and transformation partnerships?\b",
    "system": r"\b(every|each|all|local) (health )?systems?\b|\bsystems (must|will|should|need|are|decide)\b|^systems\b",
    "PCN": r"\bprimary care networks?\b|\bPCNs?\b",
    "CCG": r"\bCCGs?\b|\bclinical commissioning groups?\b",
    "trusts": r"\b(NHS |acute |hospital |ambulance |mental health |community )?trusts?\b|\bproviders\b",
    "GP practices": r"\bGP practices\b|\bgeneral practices?\b",
    "NHS England": r"\bNHS England\b",
    "NHS Improvement": r"\bNHS Improvement\b",
    "Health Education England": r"\bHealth Education England\b|\bHEE\b",
    "Public Health England": r"\bPublic Health England\b|\bPHE\b",
    "local authorities": r"\blocal (authorities|government|councils?)\b",
    "commissioners": r"\bcommissioners\b",
    "Government": r"\b(the )?Government\b|\bDepartment of Health\b",
}
FIGURE = re.compile(
    r"£\s?\d[\d,.]*\s*(?:billion|million|bn|m|k)?|\b\d[\d,.]*\s?%|\b\d[\d,]*(?:\.\d+)?\s+(?:more\s+|additional\s+|new\s+|extra\s+)?"
    r"(?:people|patients|staff|nurses|doctors|places|posts|practitioners|pharmacists|physiotherapists|beds|GPs|"
    r"children|women|mothers|adults|schools|trainees|apprentices|volunteers|sites|networks|hours|days|weeks)\b",
    re.I,
)
LEAD_IN = re.compile(
    r"^(the (plan|framework|NHS|CSP) (also |therefore |now )?(commits|promises|says|expects|sets out|states|confirms|asks)"
    r"( that| to)?|it (also )?(commits|says)( that| to)?|in addition,?|as a result,?|to do this,?|over the next five years,?)\s+",
    re.I,
)
MAX_ACTION_WORDS = 28


@dataclass(frozen=True)
class ChecklistItem:
    action: str
    """A short phrase of what is to be done (the sentence, with lead-in and deadline phrase removed)."""
    kind: str
    """"requirement" (must/required), "deadline" (a date), "target" (a figure), or "commitment"."""
    deadline: str | None
    responsible: tuple[str, ...]
    figures: tuple[str, ...]
    text: str
    """The source sentence, as indexed."""
    passage_id: str
    doc_id: str
    section: str
    para: str | None
    page: int | None
    page_basis: str | None
    url: str | None

    @property
    def reference(self) -> str:
        parts = [f"para {self.para}" if self.para else None]
        if self.page is not None:
            parts.append(f"section from p. {self.page}" if self.page_basis == PAGE_SECTION else f"p. {self.page}")
        return ", ".join(p for p in parts if p)

    def to_dict(self) -> dict:
        return {**asdict(self), "responsible": list(self.responsible), "figures": list(self.figures),
                "reference": self.reference}


@dataclass
class ChecklistGroup:
    doc_id: str
    doc_title: str
    source_kind: str
    sections: list[str]
    items: list[ChecklistItem] = field(default_factory=list)


@dataclass
class Checklist:
    title: str
    scope: str
    """"section" (one section and everything below it) or "topic" (relevant sections across documents)."""
    query: str
    groups: list[ChecklistGroup] = field(default_factory=list)
    section_id: str | None = None

    @property
    def items(self) -> list[ChecklistItem]:
        return [item for group in self.groups for item in group.items]

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "scope": self.scope,
            "query": self.query,
            "section_id": self.section_id,
            "items": len(self.items),
            "groups": [
                {"doc_id": g.doc_id, "doc_title": g.doc_title, "source_kind": g.source_kind, "sections": g.sections,
                 "items": [i.to_dict() for i in g.items]}
                for g in self.groups
            ],
        }


def normalise_deadline(sentence: str) -> str | None:
    """The sentence's deadline, normalised: "by 2023/24", "from April 2020", "by mid-September 2019".

    With several, a dated "by …" wins over other dates, and any date over a duration ("within two hours"
    is a service standard, not a deadline).
    """
    found = [(m["prep"].lower(), m["when"]) for m in DEADLINE.finditer(sentence)]
    found += [("", m["when"]) for m in BARE_DEADLINE.finditer(sentence) if not any(m["when"] in w for _, w in found)]
    if not found:
        return None
    dated = [(p, w) for p, w in found if re.search(YEAR, w)]
    prep, when = next(((p, w) for p, w in dated if p in ("by", "before", "no later than")), None) or (dated or found)[0]
    prep = {"during": "in", "before": "by", "no later than": "by"}.get(prep, prep)
    return f"{prep} {_tidy_when(when)}".strip()


def _tidy_when(when: str) -> str:
    when = " ".join(when.split())
    when = re.sub(r"^the\s+", "", when, flags=re.I)
    when = re.sub(r"\b(early|mid|late) ", r"\1-", when, flags=re.I)
    when = re.sub(r"\b(end|start|beginning|middle) of the ", r"\1 of ", when, flags=re.I)
    words = [w.capitalize() if re.fullmatch(MONTHS, w, re.I) else w for w in re.split(r"(\s|-)", when)]
    text = "".join(words)
    return re.sub(r"^(Early|Mid|Late)-", lambda m: m[1].lower() + "-", text)


PAST = re.compile(r"\b(was|were|had|has been|have been|since|rose|fell|grew|saw|did|ago|last year)\b", re.I)


def is_item(sentence: str) -> bool:
    """Commitment, obligation, target or deadline language, and not mere description."""
    if NON_COMMITMENT.search(sentence):
        return False
    if not OBLIGATION.search(sentence):
        dated = DEADLINE.search(sentence) or BARE_DEADLINE.search(sentence)
        return bool(dated and re.search(YEAR, dated[0]) and not PAST.search(sentence))
    if re.search(r"\bwill\b", sentence, re.I) and not re.search(r"\b(must|required|should|need|expected|target|commit|guarantee)", sentence, re.I):
        return bool(DEADLINE.search(sentence) or BARE_DEADLINE.search(sentence) or FIGURE.search(sentence) or responsible(sentence))
    return True


def responsible(sentence: str) -> tuple[str, ...]:
    return tuple(name for name, pattern in ACTORS.items() if re.search(pattern, sentence, re.I if name not in {"ICS", "STP", "PCN", "CCG"} else 0))


def action_phrase(sentence: str) -> str:
    """The sentence as a short action. A deadline that opens or closes it ("By 2023/24, every PCN will...")
    is lifted out, since the item shows it; one in the middle stays, as cutting it would break the sentence."""
    text = LEAD_IN.sub("", sentence.strip())
    deadline = normalise_deadline(text)
    for match in list(DEADLINE.finditer(text)) + list(BARE_DEADLINE.finditer(text)):
        if not deadline or _tidy_when(match["when"]) not in deadline:
            continue
        at_start, at_end = not text[: match.start()].strip(), not text[match.end() :].strip(" .")
        if at_start or at_end:
            text = (text[: match.start()] + text[match.end() :]).strip()
        break
    text = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip(" ,;:")
    text = re.sub(r"^,\s*", "", text)
    words = text.split()
    if len(words) > MAX_ACTION_WORDS:
        text = " ".join(words[:MAX_ACTION_WORDS]).rstrip(",;:") + "…"
    return text[:1].upper() + text[1:] if text else sentence


def item_kind(sentence: str, deadline: str | None, figures: tuple[str, ...]) -> str:
    if re.search(r"\b(must|required|need to|needs to|are expected to|is expected to|should|are asked to)\b", sentence, re.I):
        return "requirement"
    if deadline:
        return "deadline"
    if figures or re.search(r"\btarget\b", sentence, re.I):
        return "target"
    return "commitment"


def extract_items(passage: Passage) -> list[ChecklistItem]:
    items: list[ChecklistItem] = []
    for sentence in sentences(passage.text):
        if not is_item(sentence):
            continue
        deadline = normalise_deadline(sentence)
        figures = tuple(dict.fromkeys(" ".join(m.split()) for m in FIGURE.findall(sentence)))
        items.append(
            ChecklistItem(
                action=action_phrase(sentence),
                kind=item_kind(sentence, deadline, figures),
                deadline=deadline,
                responsible=responsible(sentence),
                figures=figures,
                text=sentence,
                passage_id=passage.id,
                doc_id=passage.doc_id,
                section=" › ".join(passage.section_path),
                para=passage.para,
                page=passage.page,
                page_basis=passage.page_basis,
                url=passage.url,
            )
        )
    return items


def dedupe(items: list[ChecklistItem]) -> list[ChecklistItem]:
    """Drop an item whose words nearly all appear in an earlier one (a repeat in a summary, say)."""
    kept: list[ChecklistItem] = []
    seen: list[set[str]] = []
    for item in items:
        words = set(re.findall(r"[a-z0-9£%/]+", item.text.lower()))
        if any(len(words & other) / max(1, len(words | other)) > 0.8 for other in seen):
            continue
        kept.append(item)
        seen.append(words)
    return kept


def checklist_for_passages(title: str, scope: str, query: str, passages: list[Passage], documents: dict,
                           section_id: str | None = None) -> Checklist:
    checklist = Checklist(title=title, scope=scope, query=query, section_id=section_id)
    by_doc: dict[str, list[Passage]] = {}
    for passage in sorted(passages, key=lambda p: (list(documents).index(p.doc_id) if p.doc_id in documents else 99, p.order)):
        by_doc.setdefault(passage.doc_id, []).append(passage)
    for doc_id, doc_passages in by_doc.items():
        info = documents.get(doc_id, {})
        items = dedupe([item for p in doc_passages for item in extract_items(p)])
        if items:
            sections = list(dict.fromkeys(" › ".join(p.section_path) for p in doc_passages))
            checklist.groups.append(ChecklistGroup(doc_id, info.get("title", doc_id), info.get("kind", "user"), sections, items))
    return checklist


def build_checklist(assistant, query: str, topic_similarity: float = 0.45) -> Checklist:
    """A checklist for a section (by id or title words), else for a topic across the documents."""
    query = (query or "").strip()
    if not query:
        raise NotFound("name a section id or a topic, e.g. `ltp checklist \"primary care networks\"`")
    snapshot = assistant.snapshot()
    sections = snapshot.sections
    try:
        section = find_section(query, sections)
    except NotFound:
        section = None
    if section:
        passages = [p for p in snapshot.passages if in_section(p, section.id)]
        return checklist_for_passages(section.title, "section", query, passages, snapshot.documents, section.id)
    return _topic_checklist(snapshot, sections, query, topic_similarity)


def _topic_checklist(snapshot, sections: list[SectionInfo], query: str, threshold: float) -> Checklist:
    hits = [h for h in snapshot.retriever.search(query, k=12) if h.similarity >= threshold]
    if not hits:
        find_section(query, sections)  # raises NotFound with the closest sections suggested
    chosen = list(dict.fromkeys(h.passage.section_id for h in hits))
    passages = [p for p in snapshot.passages if p.section_id in chosen]
    return checklist_for_passages(f"Topic: {query}", "topic", query, passages, snapshot.documents)
