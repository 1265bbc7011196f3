"""`ltp ask` and `ltp eval`: questions to cited answers, one at a time, a batch of JSON lines, or the question set
scored."""

from __future__ import annotations

import json
import sys
from typing import IO

import click

from assistant.cli.common import UserError, current_assistant, run_library
from assistant.evaluate import SPLITS
from indexer.errors import BackendUnavailable, BadInput, IndexMissing, LtpError


@click.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the answer JSON of the contract.")
@click.option("-k", default=5, show_default=True, help="How many passages to retrieve.")
@click.option("--doc", "doc_id", help="Only search this document (see `ltp corpus list`).")
@click.option("--batch", type=click.File("rb"), help="JSONL file of {id, question, history} ('-' for stdin).")
def ask(question: str | None, as_json: bool, k: int, doc_id: str | None, batch: IO[bytes] | None) -> None:
    """Answer one QUESTION, or every line of a --batch file."""
    if batch is not None:
        _ask_batch(batch, k, doc_id)
        return
    if not question:
        raise UserError('give a question, e.g. ltp ask "how big should a PCN be?"')
    answer = run_library(lambda: current_assistant().ask(question, k=k, doc_id=doc_id))
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        return
    click.echo(answer.answer)
    for citation in answer.citations:
        click.echo(f"  [{citation.n}] {citation.reference} — {citation.section}")
        if citation.url:
            click.echo(f"      {citation.url}")


def _ask_batch(lines: IO[bytes], k: int, doc_id: str | None) -> None:
    """One JSON answer per input line, in order, ids echoed; a bad line gets its own error object and the
    lines after it are still answered."""
    from assistant.json_input import load_json

    assistant = current_assistant()
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


@click.command("eval")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--split", type=click.Choice(["all", *SPLITS]), default="all", show_default=True,
              help="Which questions to run; metrics are printed per split, held-out splits first.")
@click.option("--json", "as_json", is_flag=True)
def eval_command(path: str | None, split: str, as_json: bool) -> None:
    """Run the question set (default: the bundled dev set) and print quality metrics per split. Misses are listed
    for the tune split only: settings are chosen on tune, the held-out splits (holdout, unseen) only report."""
    from assistant.evaluate import DEV_SET, AssistantSystem, evaluate, load_questions, select_split

    report = run_library(
        lambda: evaluate(AssistantSystem(current_assistant()), select_split(load_questions(path or DEV_SET), split)))
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.describe())
