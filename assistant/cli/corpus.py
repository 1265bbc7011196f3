"""`ltp index` and `ltp corpus`: the documents the assistant knows, listed, fetched, added and indexed."""

from __future__ import annotations

import json
from pathlib import Path

import click

from assistant.cli.common import UserError, current_assistant, run_library
from assistant.settings import Settings


@click.command()
@click.option("--rebuild", is_flag=True, help="Re-embed everything instead of reusing unchanged passages.")
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
@click.option("--add", "add_file", type=click.Path(path_type=Path),
              help="Add your own PDF, Word (.docx), HTML or Markdown file first.")
@click.option("--title", help="With --add: the document's title, as citations should show it.")
@click.option("--id", "doc_id", help="With --add: a short id (default: made from the title).")
@click.option("--url", help="With --add: where readers can find the original.")
def index(rebuild: bool, no_progress: bool, add_file: Path | None, title: str | None, doc_id: str | None,
          url: str | None) -> None:
    """Build or update the index from the corpus (LTP_CORPUS_DIR), fetched sources and added files."""
    assistant = current_assistant()
    if add_file is None:
        summary = run_library(lambda: assistant.index(rebuild=rebuild, progress=not no_progress))
    elif not title:
        raise UserError('--add needs --title, e.g. ltp index --add plan.pdf --title "Our ICS five-year plan"')
    else:
        from assistant.added_documents import add_and_index

        summary = run_library(lambda: add_and_index(
            assistant, add_file, title, doc_id, url, rebuild=rebuild, progress=not no_progress,
            on_added=lambda added: click.echo(f"added {added.id}: {added.title}")))
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)
    for failure in summary.failures:
        click.echo(f"failed: {failure}", err=True)
    click.echo(summary.describe())
    if summary.failures:
        raise UserError(f"{len(summary.failures)} document(s) could not be indexed; fix the files named above")


@click.group()
def corpus() -> None:
    """The documents the assistant knows."""


@corpus.command("list")
@click.option("--json", "as_json", is_flag=True)
def corpus_list(as_json: bool) -> None:
    """List the corpus sources from the manifest."""
    from indexer.manifest import load_manifest

    settings = Settings.from_env()
    sources = run_library(lambda: load_manifest(settings.corpus_dir))
    if as_json:
        rows = [
            {"id": s.id, "kind": s.kind, "title": s.title, "publisher": s.publisher, "published": s.published,
             "files": len(s.files), "url": s.url}
            for s in sources
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "kind", "title", "publisher", "published", "files", "official text")
    for s in sources:
        table.add_row(s.id, s.kind, s.title, s.publisher, s.published, str(len(s.files)), s.url or "")
    Console(width=200).print(table)


@corpus.command("fetch")
@click.option("--force", is_flag=True, help="Download again even when the local copy is complete.")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds to wait for the server.")
@click.option("--no-progress", is_flag=True)
def corpus_fetch(force: bool, timeout: float, no_progress: bool) -> None:
    """Download the official documents (needs the internet); then run `ltp index`."""
    from indexer.fetch import fetch_official
    from indexer.manifest import load_manifest

    settings = Settings.from_env()
    sources = run_library(lambda: load_manifest(settings.corpus_dir))
    results = fetch_official(sources, settings.sources_dir, timeout=timeout, force=force, progress=not no_progress)
    for result in results:
        detail = result.message or f"{result.bytes:,} bytes, sha256 {result.sha256[:12]}…"
        click.echo(f"{result.status:>10}  {result.file}  {detail}")
    failed = [r for r in results if r.status == "failed"]
    if failed:
        raise click.ClickException(f"{len(failed)} download(s) failed; nothing else was changed")
    if not results:
        click.echo("no document in the manifest has an official copy to fetch")
        return
    click.echo(f'saved in {settings.sources_dir}; run "ltp index" to index the official text (LTP_SOURCES decides how)')
