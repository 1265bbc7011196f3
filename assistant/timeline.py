"""Every dated commitment and deadline in the indexed documents, in date order, each cited: for a programme
board's forward look, and as an iCalendar file that Outlook opens.

Entries are the checklist items that carry a calendar date (durations such as "within two hours" are service
standards, not dates), merged across documents by meaning just as checklists are.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np

from assistant.checklists import ChecklistItem, extract_items, merge_items, remember_actions
from assistant.exports import MEDIA_TYPES, render
from assistant.spreadsheet import csv_text
from assistant.vector_cache import remember
from indexer.errors import BadInput, NotFound
from indexer.passage import Document

FORMATS = {fmt: MEDIA_TYPES[fmt] for fmt in ("md", "csv", "json", "ics")}
TOPIC_SIMILARITY = 0.35
"""An entry is about a topic when its source sentence is at least this close to the topic's words (MiniLM
cosine); "pelvic health" finds the pelvic health milestones at 0.45-0.6 and none of the cancer ones (< 0.2)."""
PRODID = "-//LTP Assistant//Deadlines timeline//EN"


@dataclass(frozen=True)
class TimelineFilters:
    doc_id: str | None = None
    topic: str | None = None
    owner: str | None = None
    year_from: int | str | None = None
    year_to: int | str | None = None
    """A calendar year (2023: 1 January to 31 December) or a financial year as the documents write it ("2023/24":
    1 April 2023 to 31 March 2024, the date their own "by 2023/24" is given); `from` keeps dates on or after the
    year's first day, `to` dates up to its last."""

    @classmethod
    def parse(cls, doc_id: str | None = None, topic: str | None = None, owner: str | None = None,
              year_from: object = None, year_to: object = None) -> TimelineFilters:
        """Filters as a user typed them; a year that is not a year, or years the wrong way round (an empty
        timeline that looks like "nothing is due"), is BadInput naming it."""
        first, last = _year(year_from, "from"), _year(year_to, "to")
        if first is not None and last is not None and _first_day(first) > _last_day(last):
            raise BadInput(f"the years are the wrong way round: from {first} is after to {last}")
        return cls(doc_id or None, (topic or "").strip() or None, (owner or "").strip() or None, first, last)


FINANCIAL_YEAR = re.compile(r"(\d{4})\s*[/\u2013-]\s*(\d{2}|\d{4})")
"""2023/24, 2023-24, 2023/2024 (and 2023\u201324 with an en dash, as a copy from a PDF has it)."""


def _year(value: object, name: str) -> int | str | None:
    """A calendar year as an int, a financial year as the documents write it ("2023/24"); BadInput otherwise."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    financial = FINANCIAL_YEAR.fullmatch(text)
    if financial and 1990 <= int(financial[1]) <= 2100:
        start, end = int(financial[1]), int(financial[2])
        if end not in ((start + 1) % 100, start + 1):
            raise BadInput(f"{name}: {text!r} is not a financial year (one runs April to March, as 2023/24 does)")
        return f"{start}/{(start + 1) % 100:02d}"
    if not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise BadInput(f"{name} must be a year such as 2020, or a financial year such as 2023/24, not {text!r}")
    return int(text)


def _first_day(year: int | str) -> str:
    return f"{year}-01-01" if isinstance(year, int) else f"{year[:4]}-04-01"


def _last_day(year: int | str) -> str:
    return f"{year}-12-31" if isinstance(year, int) else f"{int(year[:4]) + 1}-03-31"


@dataclass(frozen=True)
class Timeline:
    filters: TimelineFilters
    entries: list[ChecklistItem]
    documents: Mapping[str, Document]

    def to_dict(self) -> dict:
        return {"filters": {k: v for k, v in vars(self.filters).items() if v is not None},
                "entries": [e.to_dict() for e in self.entries]}


def build_timeline(assistant, filters: TimelineFilters = TimelineFilters()) -> Timeline:
    """Every dated item of every indexed document (user-added ones too), filtered and in date order."""
    snapshot = assistant.snapshot()
    if filters.doc_id and filters.doc_id not in snapshot.documents:
        raise NotFound(f"unknown document {filters.doc_id!r}; use one of: {', '.join(sorted(snapshot.documents))}")
    order = list(snapshot.documents)
    passages = sorted((p for p in snapshot.passages if not filters.doc_id or p.doc_id == filters.doc_id),
                      key=lambda p: (order.index(p.doc_id) if p.doc_id in order else len(order), p.order))
    dated = [item for p in passages for item in extract_items(p) if item.due]
    dated = [item for item in dated if _in_years(item, filters) and _has_owner(item, filters.owner)]
    if filters.topic and dated:
        remember(assistant, [_topic_text(i) for i in dated])
        dated = _about(dated, filters.topic, assistant.embeddings)
    remember_actions(assistant, dated)
    def in_document_order(item):
        return item.due, order.index(item.doc_id) if item.doc_id in order else 0

    entries = sorted(merge_items(dated, assistant.embeddings), key=in_document_order)
    return Timeline(filters, entries, snapshot.documents)


def _in_years(item: ChecklistItem, filters: TimelineFilters) -> bool:
    if item.due is None:
        return False
    return (filters.year_from is None or item.due >= _first_day(filters.year_from)) and \
        (filters.year_to is None or item.due[:10] <= _last_day(filters.year_to))


def _has_owner(item: ChecklistItem, owner: str | None) -> bool:
    return not owner or any(owner.lower() in who.lower() for who in item.responsible)


def _about(items: list[ChecklistItem], topic: str, embeddings) -> list[ChecklistItem]:
    vectors = np.asarray(embeddings.embed_sentences([_topic_text(i) for i in items]))
    wanted = np.asarray(embeddings.embed_query(topic))
    return [item for item, score in zip(items, vectors @ wanted, strict=True) if score >= TOPIC_SIMILARITY]


def _topic_text(item: ChecklistItem) -> str:
    return f"{item.section}. {item.text}"


def export_timeline(timeline: Timeline, fmt: str) -> bytes:
    return render(timeline, fmt, {
        "md": to_markdown, "csv": to_csv, "json": lambda t: json.dumps(t.to_dict(), indent=2, ensure_ascii=False),
        "ics": to_ics})


def cite(item: ChecklistItem, documents: Mapping[str, Document]) -> str:
    """Each source of the item on one line (document title, section title, para, page), "; " between them."""
    return "; ".join(c.line(documents) for c in item.citations)


def to_markdown(timeline: Timeline) -> str:
    lines = ["# Deadlines timeline", ""]
    for item in timeline.entries:
        who = f" — {', '.join(item.responsible)}" if item.responsible else ""
        lines.append(f"- **{item.due}** ({item.deadline}) {item.action}{who}")
        lines.append(f"  - Source: {cite(item, timeline.documents)}")
    if not timeline.entries:
        lines.append("No dated commitments match these filters.")
    return "\n".join(lines) + "\n"


def to_csv(timeline: Timeline) -> str:
    header = ["due", "deadline", "action", "responsible", "kind", "document", "section", "para", "page", "url", "sources"]
    return csv_text(header, ([item.due, item.deadline, item.action, "; ".join(item.responsible), item.kind, item.doc_id,
                              item.section, item.para or "", item.page if item.page is not None else "", item.url or "",
                              cite(item, timeline.documents)] for item in timeline.entries))  # added documents' text too


def to_ics(timeline: Timeline, stamp: datetime | None = None) -> bytes:
    """One all-day VEVENT per deadline; the UID is stable (date and source passage), so re-importing updates."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "NHS Long Term Plan deadlines")
    stamp = stamp or datetime.now(UTC)
    for item in timeline.entries:
        if item.due is None:  # never so: only dated items reach a timeline
            continue
        event = Event()
        digest = hashlib.sha1(f"{item.passage_id}|{item.action}".encode()).hexdigest()[:12]
        event.add("uid", f"{item.due}-{digest}@ltp-assistant")
        event.add("dtstamp", stamp)
        event.add("dtstart", date.fromisoformat(item.due))
        event.add("summary", _summary(item))
        lines = [item.action, f"Deadline: {item.deadline}"]
        if item.responsible:
            lines.append(f"Who: {', '.join(item.responsible)}")
        lines.append(f"Source: {cite(item, timeline.documents)}")
        lines += [c.url for c in item.citations if c.url][:1]
        event.add("description", "\n".join(lines))
        if item.url:
            event.add("url", item.url)
        calendar.add_component(event)
    return calendar.to_ical()


def _summary(item: ChecklistItem) -> str:
    words = item.action.split()
    return " ".join(words[:14]) + (" …" if len(words) > 14 else "")
