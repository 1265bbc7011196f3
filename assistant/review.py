"""Check a draft plan against a checklist: for each item, is it covered, covered only in passing, or missing?

The plan's sentences are embedded with the same model as the corpus and weighed with each item by meaning, key
terms and the cross-encoder (`assistant.coverage`); the report lists what is missing first, each item with the
plan sentence that counts as evidence (its page, or the heading it sits under) and the requirement's sources.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.checklists import SYSTEM_PLAN, Checklist, ChecklistItem, build_checklist, system_plan_checklist
from assistant.coverage import COVERED, MISSING, PARTIAL, Evidence, ReviewThresholds, judge, other_date, term_shares
from assistant.exports import render, xml_text
from assistant.glossary import expand_acronyms
from assistant.plan_files import PlanText, read_plan
from assistant.same_requirement import action_core
from assistant.spreadsheet import csv_text
from assistant.vector_cache import remember
from indexer import cite
from indexer.errors import BadInput

STATUS_ORDER = (MISSING, PARTIAL, COVERED)
DEFAULT_THRESHOLDS = ReviewThresholds()
__all__ = ["COVERED", "MISSING", "PARTIAL", "Review", "ReviewItem", "ReviewThresholds", "review_plan", "review_text"]


@dataclass(frozen=True)
class ReviewItem:
    item: ChecklistItem
    status: str
    evidence_text: str | None
    evidence_page: int | str | None
    score: float

    def to_dict(self) -> dict:
        evidence = None if self.evidence_text is None else {"text": self.evidence_text, "page": self.evidence_page}
        return {"item": self.item.action, "status": self.status, "evidence": evidence, "score": round(self.score, 3),
                "deadline": self.item.deadline, "due": self.item.due, "responsible": list(self.item.responsible),
                "citations": [c.to_dict() for c in self.item.citations]}


@dataclass
class Review:
    against: str
    title: str
    plan: PlanText
    items: list[ReviewItem] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        return {status: sum(1 for i in self.items if i.status == status) for status in (COVERED, PARTIAL, MISSING)}

    def by_status(self) -> list[ReviewItem]:
        """Missing first, then partial, then covered; checklist order within each."""
        return sorted(self.items, key=lambda i: STATUS_ORDER.index(i.status))

    def to_dict(self) -> dict:
        return {"against": self.against, "title": self.title,
                "plan": {"file": self.plan.file, "pages": self.plan.pages},
                "summary": self.summary, "items": [i.to_dict() for i in self.items]}


def checklist_for(assistant, against: str) -> Checklist:
    against = (against or "").strip()
    if not against:
        raise BadInput(f"say what to check the plan against: {SYSTEM_PLAN}, a section id or a topic")
    return system_plan_checklist(assistant) if against.lower() in (SYSTEM_PLAN, "system plan", "system plans") \
        else build_checklist(assistant, against)


def review_plan(assistant, path: Path, against: str, thresholds: ReviewThresholds = DEFAULT_THRESHOLDS,
                name: str | None = None) -> Review:
    """The plan at `path` (called `name` in the report, if given) checked against the checklist named by `against`."""
    from assistant.rerank import CrossEncoderReranker

    plan = read_plan(path, name)
    checklist = checklist_for(assistant, against)
    spelled = [expand_acronyms(i.action) for i in checklist.items]
    remember(assistant, spelled + [action_core(a) for a in spelled])
    reranker = getattr(assistant, "reranker", None) or CrossEncoderReranker()
    return review_text(plan, checklist, assistant.embeddings, thresholds, against, reranker)


def review_text(plan: PlanText, checklist: Checklist, embeddings, thresholds: ReviewThresholds = DEFAULT_THRESHOLDS,
                against: str = "", reranker=None) -> Review:
    """Each checklist item against the plan's sentences. With a cross-encoder (`reranker`), the closest sentences
    are also read with the item, which finds sentences that answer it in other words (docs/history/plan-review.md)."""
    review = Review(against or checklist.query, checklist.title, plan)
    evidence_per_item = plan_evidence(plan, checklist.items, embeddings, thresholds, reranker)
    for item, evidence in zip(checklist.items, evidence_per_item, strict=True):
        verdict = judge(evidence, thresholds)
        sentence = None if verdict.sentence is None else plan.sentences[verdict.sentence]
        review.items.append(ReviewItem(item, verdict.status, sentence.text if sentence else None,
                                       sentence.page if sentence else None, verdict.score))
    return review


def plan_evidence(plan: PlanText, items: list[ChecklistItem], embeddings, thresholds: ReviewThresholds = DEFAULT_THRESHOLDS,
                  reranker=None) -> list[Evidence]:
    """Meaning, key terms and (with a cross-encoder) developed-point scores of every item against the plan: the
    plan is embedded once and compared with all items at once."""
    if not items:
        return []
    texts = [s.text for s in plan.sentences]
    plan_vectors = np.asarray(embeddings.embed_documents(texts))
    # The action alone, and without the words every plan item shares: the source sentence of a list item is the
    # whole list, close to any sentence about plans (0.4-0.5), which drowned the difference between items.
    spelled = [expand_acronyms(i.action) for i in items]
    actions = np.asarray(embeddings.embed_sentences(spelled))
    cores = np.asarray(embeddings.embed_sentences([action_core(a) for a in spelled]))
    meaning = np.maximum(actions @ plan_vectors.T, cores @ plan_vectors.T)
    terms = term_shares([action_core(a) for a in spelled], texts)
    words = tuple(len(t.split()) for t in texts)
    paragraphs = tuple(s.paragraph for s in plan.sentences)
    found = []
    for item, row, shares in zip(items, meaning, terms, strict=True):
        answers: dict[int, float] = {}
        if reranker is not None:
            closest = [int(n) for n in np.argsort(-row, kind="stable")[: thresholds.candidates]
                       if not other_date(item.due, texts[int(n)])]
            answers = dict(zip(closest, reranker.score(item.action, [texts[n] for n in closest]), strict=True)) if closest else {}
        found.append(Evidence(row, shares, words, paragraphs, answers))
    return found


def export_review(review: Review, fmt: str) -> bytes:
    return render(review, fmt, {
        "md": to_markdown, "csv": to_csv, "json": lambda r: json.dumps(r.to_dict(), indent=2, ensure_ascii=False),
        "docx": to_docx})


def _where(page: int | str | None) -> str:
    return "" if page is None else f"p. {page}" if isinstance(page, int) else f"under “{page}”"


def _cite(item: ChecklistItem) -> str:
    return "; ".join(cite.source_line(c.doc_id, c.section, c) for c in item.citations)


def to_markdown(review: Review) -> str:
    counts = review.summary
    lines = [f"# Plan review: {review.plan.file} against {review.title}", "",
             f"{counts[COVERED]} covered, {counts[PARTIAL]} partial, {counts[MISSING]} missing "
             f"(of {len(review.items)} requirements; plan: {review.plan.pages} pages or sections).", ""]
    for status in STATUS_ORDER:
        chosen = [i for i in review.items if i.status == status]
        if not chosen:
            continue
        lines += [f"## {status.capitalize()} ({len(chosen)})", ""]
        for entry in chosen:
            due = f" — **{entry.item.deadline}**" if entry.item.deadline else ""
            lines.append(f"- [{'x' if status == COVERED else ' '}] {entry.item.action}{due}")
            if entry.evidence_text:
                lines.append(f"  - Your plan ({_where(entry.evidence_page)}): “{entry.evidence_text}”")
            lines.append(f"  - Requirement: {_cite(entry.item)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_csv(review: Review) -> str:
    header = ["status", "item", "deadline", "responsible", "evidence", "evidence_page", "score", "citations"]
    return csv_text(header, ([entry.status, entry.item.action, entry.item.deadline or "",  # evidence: the uploader's text
                              "; ".join(entry.item.responsible), entry.evidence_text or "",
                              "" if entry.evidence_page is None else entry.evidence_page, f"{entry.score:.3f}",
                              _cite(entry.item)] for entry in review.by_status()))


def to_docx(review: Review) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(xml_text(f"Plan review: {review.plan.file}"), level=1)
    counts = review.summary
    document.add_paragraph(xml_text(f"Against: {review.title}. {counts[COVERED]} covered, {counts[PARTIAL]} partial, "
                                    f"{counts[MISSING]} missing."))
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ["Status", "Requirement", "Evidence in the plan", "Source"], strict=True):
        cell.text = title
    for entry in review.by_status():
        row = table.add_row().cells
        row[0].text = entry.status
        row[1].text = xml_text(entry.item.action + (f" ({entry.item.deadline})" if entry.item.deadline else ""))
        # the plan's own text: a form feed or other control character from its file would make python-docx raise
        row[2].text = xml_text(f"{entry.evidence_text} ({_where(entry.evidence_page)})") if entry.evidence_text else ""
        row[3].text = xml_text(_cite(entry.item))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
