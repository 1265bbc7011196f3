"""`ltp`: a thin click layer over the indexer and assistant. Parse options, call a function, print."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from assistant.evaluate import SPLITS
from assistant.settings import Settings
from indexer.errors import BackendUnavailable, BadInput, IndexMissing, LtpError


class UserError(click.ClickException):
    """Printed as "Error: ..." with exit code 2 (usage or input the user can fix)."""

    exit_code = 2


class _Lazy:
    """The one Assistant a command line run uses, made on first use: `ltp --help` and `ltp corpus fetch` load no
    model. A caller (a test, a script) may hand in its own through `cli(obj=assistant)`."""

    def __init__(self) -> None:
        self._assistant = None

    def get(self):
        if self._assistant is None:
            from assistant.engine import Assistant

            self._assistant = Assistant(Settings.from_env())
        return self._assistant


def _assistant():
    """The run's Assistant: the one handed to the group as `obj`, else the group's lazily built one."""
    obj = click.get_current_context().find_root().obj
    return obj.get() if isinstance(obj, _Lazy) else obj


def _run(call):
    """Run a library call; errors the user can fix exit 2, an unavailable index or backend exits 1."""
    try:
        return call()
    except (IndexMissing, BackendUnavailable) as exc:
        raise click.ClickException(str(exc)) from exc
    except LtpError as exc:
        raise UserError(str(exc)) from exc


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log what is happening to stderr.")
@click.version_option(package_name="ltp-assistant")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """LTP Assistant: cited answers, checklists and programmes from the NHS Long Term Plan."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if ctx.obj is None:
        ctx.obj = _Lazy()


@cli.command()
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
    assistant = _assistant()
    if add_file is not None:
        from indexer.user_documents import add_document, remove_document

        if not title:
            raise UserError('--add needs --title, e.g. ltp index --add plan.pdf --title "Our ICS five-year plan"')
        folder = assistant.settings.data_dir / "documents"
        taken = _run(lambda: [source.id for source in assistant.sources()])
        added = _run(lambda: add_document(folder, add_file, title, doc_id, url, taken))
        click.echo(f"added {added.id}: {added.title}")
        try:
            summary = _run(lambda: assistant.index(rebuild=rebuild, progress=not no_progress))
        except BaseException:  # interrupted or failed: the document was not indexed, so un-register it
            remove_document(folder, added.id)
            raise
    else:
        summary = _run(lambda: assistant.index(rebuild=rebuild, progress=not no_progress))
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)
    for failure in summary.failures:
        click.echo(f"failed: {failure}", err=True)
    click.echo(summary.describe())
    if summary.failures:
        raise UserError(f"{len(summary.failures)} document(s) could not be indexed; fix the files named above")


def _write_output(output: Path, data: bytes) -> None:
    """Write an export; a missing folder or a full disk is a message and exit 2, not a traceback."""
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise UserError(f"could not write {output}: {exc.strerror or exc}; check the folder exists and has space") from exc


@cli.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the answer JSON of the contract.")
@click.option("-k", default=5, show_default=True, help="How many passages to retrieve.")
@click.option("--doc", "doc_id", help="Only search this document (see `ltp corpus list`).")
@click.option("--batch", type=click.File("rb"), help="JSONL file of {id, question, history} ('-' for stdin).")
def ask(question: str | None, as_json: bool, k: int, doc_id: str | None, batch) -> None:
    """Answer one QUESTION, or every line of a --batch file."""
    if batch is not None:
        _ask_batch(batch, k, doc_id)
        return
    if not question:
        raise UserError('give a question, e.g. ltp ask "how big should a PCN be?"')
    answer = _run(lambda: _assistant().ask(question, k=k, doc_id=doc_id))
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        return
    click.echo(answer.answer)
    for citation in answer.citations:
        click.echo(f"  [{citation.n}] {citation.reference} — {citation.section}")
        if citation.url:
            click.echo(f"      {citation.url}")


def _ask_batch(lines, k: int, doc_id: str | None) -> None:
    """One JSON answer per input line, in order, ids echoed; a bad line gets its own error object and the
    lines after it are still answered."""
    from assistant.json_input import load_json

    assistant = _assistant()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = load_json(line)
        except BadInput as exc:
            item = exc
        if not isinstance(item, dict):
            reason = f": {item}" if isinstance(item, BadInput) else ""
            _batch_error(None, number, f"line {number} is not a JSON object{reason}")
            continue
        try:
            answer = assistant.ask(item.get("question"), item.get("history"), k=k, doc_id=doc_id, id=item.get("id"))
            click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        except (IndexMissing, BackendUnavailable) as exc:
            raise click.ClickException(str(exc)) from exc
        except LtpError as exc:
            _batch_error(item.get("id"), number, str(exc))
        sys.stdout.flush()


def _batch_error(item_id: object, number: int, message: str) -> None:
    click.echo(json.dumps({"id": item_id, "line": number, "error": message}, ensure_ascii=False))


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--doc", "doc_id", help="Only this document's sections.")
def sections(as_json: bool, doc_id: str | None) -> None:
    """List plan sections (id, document, title, path) usable for checklists."""
    found = _run(lambda: _assistant().sections(doc_id))
    if as_json:
        click.echo(json.dumps([s.to_dict() for s in found], indent=2, ensure_ascii=False))
        return
    for section in found:
        page = f"p. {section.page}" if section.page is not None else ""
        click.echo(f"{'  ' * (section.level - 1)}{section.title}  [{section.id}] {page}")


@cli.command()
@click.argument("section_or_topic")
@click.option("--format", "fmt", type=click.Choice(["md", "csv", "json", "docx"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
def checklist(section_or_topic: str, fmt: str, output: Path | None) -> None:
    """Checklist of commitments and deadlines for a SECTION (id or title words) or a topic."""
    from assistant.checklists import build_checklist
    from assistant.exports import export

    found = _run(lambda: build_checklist(_assistant(), section_or_topic))
    data = export(found, fmt)
    if output is None and fmt == "docx":
        raise UserError("a Word file needs a name: add -o checklist.docx")
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    _write_output(output, data)
    click.echo(f"{len(found.items)} items written to {output}", err=True)


@cli.command()
@click.option("--doc", "doc_id", help="Only this document's dates (see `ltp corpus list`).")
@click.option("--topic", help="Only dates about these words (e.g. cancer).")
@click.option("--owner", help="Only dates for this organisation (e.g. PCN, trust, NHS England).")
@click.option("--from", "year_from", type=int, help="From this year on (e.g. 2020).")
@click.option("--to", "year_to", type=int, help="Up to this year (e.g. 2024).")
@click.option("--format", "fmt", type=click.Choice(["md", "csv", "json", "ics"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
def timeline(doc_id: str | None, topic: str | None, owner: str | None, year_from: int | None, year_to: int | None,
             fmt: str, output: Path | None) -> None:
    """Every dated commitment and deadline in the documents, in date order, cited (.ics opens in Outlook)."""
    from assistant.timeline import TimelineFilters, build_timeline, export_timeline

    filters = _run(lambda: TimelineFilters.parse(doc_id, topic, owner, year_from, year_to))
    found = _run(lambda: build_timeline(_assistant(), filters))
    _write(export_timeline(found, fmt), output, f"{len(found.entries)} dates")


@cli.command()
@click.argument("plan_file", type=click.Path(path_type=Path))
@click.option("--against", required=True, help="system-plan, a section id, or a topic (e.g. \"primary care networks\").")
@click.option("--format", "fmt", type=click.Choice(["md", "csv", "json", "docx"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
def review(plan_file: Path, against: str, fmt: str, output: Path | None) -> None:
    """Check a draft PLAN_FILE (PDF, Word or Markdown) against a checklist: covered, partial or missing per item."""
    from assistant.review import export_review, review_plan

    if output is None and fmt == "docx":
        raise UserError("a Word file needs a name: add -o review.docx")
    found = _run(lambda: review_plan(_assistant(), plan_file, against))
    counts = found.summary
    _write(export_review(found, fmt), output,
           f"{counts['covered']} covered, {counts['partial']} partial, {counts['missing']} missing:")


def _write(data: bytes, output: Path | None, what: str) -> None:
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    output.write_bytes(data)
    click.echo(f"{what} written to {output}", err=True)


@cli.command()
@click.option("--type", "kind", type=click.Choice(["foundational", "opt-in", "national"]), help="Only this type.")
@click.option("--profession", help="Only programmes involving this profession (e.g. physiotherapists).")
@click.option("--topic", help="Only programmes about these words (e.g. stroke).")
@click.option("--json", "as_json", is_flag=True)
def programmes(kind: str | None, profession: str | None, topic: str | None, as_json: bool) -> None:
    """The programme catalogue: foundational, opt-in with targeted funding, and national programmes."""
    found = _run(lambda: _assistant().find_programmes(kind, profession, topic))
    if as_json:
        rows = [{**p.to_dict(), "sources": [c.to_dict() for c in sources]} for p, sources in found]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
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


@cli.group()
def feedback() -> None:
    """Feedback users gave on answers in the web chat."""


@feedback.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
def feedback_export(fmt: str, output: Path | None) -> None:
    """Write every piece of feedback (question, answer, citations, rating, comment)."""
    from assistant.database import Database
    from assistant.feedback import export_feedback

    data = _run(lambda: export_feedback(Database.from_settings(Settings.from_env()), fmt))
    if output is None:
        click.echo(data, nl=False)
    else:
        _write_output(output, data.encode("utf-8"))


@cli.group()
def corpus() -> None:
    """The documents the assistant knows."""


@corpus.command("list")
@click.option("--json", "as_json", is_flag=True)
def corpus_list(as_json: bool) -> None:
    """List the corpus sources from the manifest."""
    from indexer.manifest import load_manifest

    settings = Settings.from_env()
    sources = _run(lambda: load_manifest(settings.corpus_dir))
    rows = [
        {"id": s.id, "kind": s.kind, "title": s.title, "publisher": s.publisher, "published": s.published,
         "files": len(s.files), "url": s.url}
        for s in sources
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "kind", "title", "publisher", "published", "files", "official text")
    for row in rows:
        table.add_row(row["id"], row["kind"], row["title"], row["publisher"], row["published"], str(row["files"]),
                      row["url"] or "")
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
    sources = _run(lambda: load_manifest(settings.corpus_dir))
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


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@click.option("--debug", is_flag=True, help="Flask's debugger and reloader: for development only.")
@click.option("--prod", is_flag=True, help="Serve with gunicorn (several workers); needs LTP_SECRET_KEY.")
@click.option("--workers", default=2, show_default=True, help="With --prod: worker processes (about one per core).")
@click.option("--connections", default=1000, show_default=True,
              help="With --prod: open connections each worker holds at once (gevent: idle ones cost no thread).")
@click.option("--threads", default=None, type=int, hidden=True,
              help="Accepted for older scripts and ignored: workers are gevent workers, not thread pools.")
def serve(host: str, port: int, debug: bool, prod: bool, workers: int, connections: int, threads: int | None) -> None:
    """Run the web app (chat page and JSON API)."""
    settings = Settings.from_env()
    if prod:
        if debug:
            raise UserError("--debug is for development only; drop it with --prod")
        from web.production import serve_production

        _run(lambda: serve_production(settings, host, port, workers, connections))
        return
    from web import create_app

    create_app(settings).run(host=host, port=port, debug=debug, use_reloader=debug, threaded=True)


@cli.command("eval")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--split", type=click.Choice(["all", *SPLITS]), default="all", show_default=True,
              help="Which questions to run; metrics are printed per split, held-out splits first.")
@click.option("--json", "as_json", is_flag=True)
def eval_command(path: str | None, split: str, as_json: bool) -> None:
    """Run the question set (default: the bundled dev set) and print quality metrics per split. Misses are listed
    for the tune split only: settings are chosen on tune, the held-out splits (holdout, unseen) only report."""
    from assistant.evaluate import DEV_SET, AssistantSystem, evaluate, load_questions, select_split

    report = _run(lambda: evaluate(AssistantSystem(_assistant()), select_split(load_questions(path or DEV_SET), split)))
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.describe())


def main() -> None:
    cli()


if __name__ == "__main__":  # `python -m assistant.cli`, as the CLI is run from a checkout without installing
    main()
