"""`ltp sections`, `ltp checklist` and `ltp review`: for commissioners, what a section requires and whether a draft
plan covers it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from assistant.cli.common import OUTPUT, current_assistant, needs_file_name, run_library, write_export

DOCUMENT_FORMAT = click.option("--format", "fmt", type=click.Choice(["md", "csv", "json", "docx"]), default="md",
                               show_default=True)


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--doc", "doc_id", help="Only this document's sections.")
def sections(as_json: bool, doc_id: str | None) -> None:
    """List plan sections (id, document, title, path) usable for checklists."""
    found = run_library(lambda: current_assistant().sections(doc_id))
    if as_json:
        click.echo(json.dumps([s.to_dict() for s in found], indent=2, ensure_ascii=False))
        return
    for section in found:
        page = f"p. {section.page}" if section.page is not None else ""
        click.echo(f"{'  ' * (section.level - 1)}{section.title}  [{section.id}] {page}")


@click.command()
@click.argument("section_or_topic")
@DOCUMENT_FORMAT
@OUTPUT
def checklist(section_or_topic: str, fmt: str, output: Path | None) -> None:
    """Checklist of commitments and deadlines for a SECTION (id or title words) or a topic."""
    from assistant.checklists import build_checklist
    from assistant.exports import export

    found = run_library(lambda: build_checklist(current_assistant(), section_or_topic))
    data = export(found, fmt)
    needs_file_name(fmt, output, "checklist.docx")
    write_export(data, output, f"{len(found.items)} items")


@click.command()
@click.argument("plan_file", type=click.Path(path_type=Path))
@click.option("--against", required=True, help="system-plan, a section id, or a topic (e.g. \"primary care networks\").")
@DOCUMENT_FORMAT
@OUTPUT
def review(plan_file: Path, against: str, fmt: str, output: Path | None) -> None:
    """Check a draft PLAN_FILE (PDF, Word or Markdown) against a checklist: covered, partial or missing per item."""
    from assistant.review import export_review, review_plan

    needs_file_name(fmt, output, "review.docx")
    found = run_library(lambda: review_plan(current_assistant(), plan_file, against))
    counts = found.summary
    write_export(export_review(found, fmt), output,
                 f"{counts['covered']} covered, {counts['partial']} partial, {counts['missing']} missing:")
