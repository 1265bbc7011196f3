"""`ltp timeline`: every dated commitment and deadline in the documents, filtered, as a table or a calendar."""

from __future__ import annotations

from pathlib import Path

import click

from assistant.cli.common import OUTPUT, current_assistant, run_library, write_export


@click.command()
@click.option("--doc", "doc_id", help="Only this document's dates (see `ltp corpus list`).")
@click.option("--topic", help="Only dates about these words (e.g. cancer).")
@click.option("--owner", help="Only dates for this organisation (e.g. PCN, trust, NHS England).")
@click.option("--from", "year_from", help="From this year on: 2020 (from 1 January) or 2023/24 (from 1 April 2023).")
@click.option("--to", "year_to", help="Up to this year: 2024 (to 31 December) or 2023/24 (to 31 March 2024).")
@click.option("--format", "fmt", type=click.Choice(["md", "csv", "json", "ics"]), default="md", show_default=True)
@OUTPUT
def timeline(doc_id: str | None, topic: str | None, owner: str | None, year_from: str | None, year_to: str | None,
             fmt: str, output: Path | None) -> None:
    """Every dated commitment and deadline in the documents, in date order, cited (.ics opens in Outlook)."""
    from assistant.timeline import TimelineFilters, build_timeline, export_timeline

    filters = run_library(lambda: TimelineFilters.parse(doc_id, topic, owner, year_from, year_to))
    found = run_library(lambda: build_timeline(current_assistant(), filters))
    write_export(export_timeline(found, fmt), output, f"{len(found.entries)} dates")
