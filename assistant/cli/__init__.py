"""`ltp`: a thin click layer over the indexer and assistant. Parse options, call a function, print.

This module is the group and its entry point; each command group lives in a module of its own, beside the shared
edge (`common.py`: the run's Assistant, errors to exit codes, writing exports)."""

from __future__ import annotations

import logging

import click

from assistant.cli.answers import ask, eval_command
from assistant.cli.checklists import checklist, review, sections
from assistant.cli.common import LazyAssistant
from assistant.cli.corpus import corpus, index
from assistant.cli.feedback import feedback
from assistant.cli.programmes import programmes
from assistant.cli.serve import serve
from assistant.cli.timeline import timeline

__all__ = ["cli", "main"]


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log what is happening to stderr.")
@click.version_option(package_name="ltp-assistant")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """LTP Assistant: cited answers, checklists and programmes from the NHS Long Term Plan."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if ctx.obj is None:
        ctx.obj = LazyAssistant()


for command in (index, ask, sections, checklist, timeline, review, programmes, feedback, corpus, serve, eval_command):
    cli.add_command(command)


def main() -> None:
    cli()
