"""`ltp programmes`: the catalogue for CSP members, filtered by type, profession or topic."""

from __future__ import annotations

import json

import click

from assistant.cli.common import current_assistant, run_library
from assistant.programmes import programme_json


@click.command()
@click.option("--type", "kind", type=click.Choice(["foundational", "opt-in", "national"]), help="Only this type.")
@click.option("--profession", help="Only programmes involving this profession (e.g. physiotherapists).")
@click.option("--topic", help="Only programmes about these words (e.g. stroke).")
@click.option("--json", "as_json", is_flag=True)
def programmes(kind: str | None, profession: str | None, topic: str | None, as_json: bool) -> None:
    """The programme catalogue: foundational, opt-in with targeted funding, and national programmes."""
    found = run_library(lambda: current_assistant().find_programmes(kind, profession, topic))
    if as_json:
        click.echo(json.dumps([programme_json(p, sources) for p, sources in found], indent=2, ensure_ascii=False))
        return
    for programme, sources in found:
        click.echo(f"{programme.name}  [{programme.type_label}]")
        click.echo(f"  {programme.summary}")
        for label, value in (("Who decides", programme.who_decides), ("Funding", programme.funding),
                             ("Timeline", programme.timeline), ("What you can do", programme.local_action)):
            if value:
                click.echo(f"  {label}: {value}")
        for citation in sources:
            click.echo(f"  [{citation.n}] {citation.reference} — {citation.section}")
        click.echo()
    if not found:
        click.echo("no programme matches those filters")
