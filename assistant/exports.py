"""Checklist exports a commissioner can paste into a plan: Markdown, CSV, JSON and Word (.docx)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Mapping
from typing import TypeVar

from assistant.checklists import Checklist
from assistant.spreadsheet import csv_text

T = TypeVar("T")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "ics": "text/calendar; charset=utf-8",
}
"""Every export format's media type; each kind of export offers its own subset (its FORMATS)."""
FORMATS = {fmt: MEDIA_TYPES[fmt] for fmt in ("md", "csv", "json", "docx")}
DIGEST_NOTE = (
    "Items from a digest are the LTP Assistant project's own-words summary of the official text; "
    "check the official document (linked) before relying on the wording."
)


def render(value: T, fmt: str, writers: Mapping[str, Callable[[T], str | bytes]]) -> bytes:
    """`value` written by the writer for `fmt`, as bytes (text in UTF-8): what every export returns."""
    result = writers[fmt](value)
    return result.encode("utf-8") if isinstance(result, str) else result


def export(checklist: Checklist, fmt: str) -> bytes:
    return render(checklist, fmt, {"md": to_markdown, "csv": to_csv, "json": to_json, "docx": to_docx})


def sources(item) -> list[str]:
    """Every place the item's requirement is stated (a commitment restated by the framework and the CSP has
    three), each as "document: section; para, page"."""
    return [f"{c.doc_id}: {c.section}" + (f"; {c.reference}" if c.reference else "") for c in item.citations]


def to_markdown(checklist: Checklist) -> str:
    lines = [f"# Checklist: {checklist.title}", ""]
    if any(g.source_kind == "digest" for g in checklist.groups):
        lines += [f"_{DIGEST_NOTE}_", ""]
    for group in checklist.groups:
        lines += [f"## {group.doc_title}", ""]
        if group.context:
            lines += [f"_Context: {group.context}_", ""]
        for item in group.items:
            details = " · ".join(x for x in [item.deadline and f"**{item.deadline}**", ", ".join(item.responsible)] if x)
            lines.append(f"- [ ] {item.action}" + (f" — {details}" if details else ""))
            for citation, where in zip(item.citations, sources(item), strict=True):
                lines.append(f"  - Source: {where}" + (f" — <{citation.url}>" if citation.url else ""))
        lines.append("")
    if not checklist.items:
        lines.append("No commitments, requirements or deadlines were found in this part of the documents.")
    return "\n".join(lines).rstrip() + "\n"


def to_csv(checklist: Checklist) -> str:
    header = ["done", "action", "kind", "deadline", "responsible", "figures", "document", "section", "para", "page",
              "page_basis", "url", "source_text", "sources", "context", "note"]
    return csv_text(header, (["", item.action, item.kind, item.deadline or "", "; ".join(item.responsible),
                              "; ".join(item.figures), group.doc_title, item.section, item.para or "",
                              item.page if item.page is not None else "", item.page_basis or "", item.url or "",
                              item.text, " | ".join(sources(item)), group.context, ""]
                             for group in checklist.groups for item in group.items))


def to_json(checklist: Checklist) -> str:
    return json.dumps(checklist.to_dict(), indent=2, ensure_ascii=False)


def xml_text(text: str) -> str:
    """Text Word can hold: XML 1.0 allows no control characters but tab and newlines (python-docx raises on a
    NUL from a user's document or a topic typed with control characters), and no lone surrogates."""
    return NOT_XML.sub("", text)


def to_docx(checklist: Checklist) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(xml_text(f"Checklist: {checklist.title}"), level=1)
    if any(g.source_kind == "digest" for g in checklist.groups):
        document.add_paragraph(DIGEST_NOTE).italic = True
    for group in checklist.groups:
        document.add_heading(xml_text(group.doc_title), level=2)
        if group.context:
            document.add_paragraph(xml_text(group.context)).italic = True
        table = document.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, title in zip(table.rows[0].cells, ["Done", "Action", "Deadline", "Who", "Source"], strict=True):
            cell.text = title
        for item in group.items:
            row = table.add_row().cells
            row[0].text = "☐"
            row[1].text = xml_text(item.action)
            row[2].text = xml_text(item.deadline or "")
            row[3].text = xml_text(", ".join(item.responsible))
            row[4].text = xml_text("\n".join(where + (f" ({c.url})" if c.url else "")
                                             for c, where in zip(item.citations, sources(item), strict=True)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
