"""`ltp feedback export`: the ratings and comments users gave answers in the web chat, as CSV or JSON lines."""

from __future__ import annotations

from pathlib import Path

import click

from assistant.cli.common import OUTPUT, run_library, write_export
from assistant.settings import Settings


@click.group()
def feedback() -> None:
    """Feedback users gave on answers in the web chat."""


@feedback.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@OUTPUT
def feedback_export(fmt: str, output: Path | None) -> None:
    """Write every piece of feedback (question, answer, citations, rating, comment)."""
    from assistant.database import Database
    from assistant.feedback import export_feedback

    data = run_library(lambda: export_feedback(Database.from_settings(Settings.from_env()), fmt))
    write_export(data.encode("utf-8"), output)
