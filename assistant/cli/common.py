"""What every `ltp` command shares: the run's one Assistant, made on first use, and the edge where library errors
become exit codes (2: the user can fix it; 1: the index or a backend is not there) and exports become files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from assistant.settings import Settings
from indexer.errors import BackendUnavailable, IndexMissing, LtpError

T = TypeVar("T")

OUTPUT = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
"""The option of every command that writes an export: without it, the export goes to stdout."""


class UserError(click.ClickException):
    """Printed as "Error: ..." with exit code 2 (usage or input the user can fix)."""

    exit_code = 2


class LazyAssistant:
    """The one Assistant a command line run uses, made on first use: `ltp --help` and `ltp corpus fetch` load no
    model. A caller (a test, a script) may hand in its own through `cli(obj=assistant)`."""

    def __init__(self) -> None:
        self._assistant: Any = None

    def get(self) -> Any:
        if self._assistant is None:
            from assistant.engine import Assistant

            self._assistant = Assistant(Settings.from_env())
        return self._assistant


def current_assistant() -> Any:
    """The run's Assistant: the one handed to the group as `obj`, else the group's lazily built one."""
    obj = click.get_current_context().find_root().obj
    return obj.get() if isinstance(obj, LazyAssistant) else obj


def run_library(call: Callable[[], T]) -> T:
    """Run a library call; errors the user can fix exit 2, an unavailable index or backend exits 1."""
    try:
        return call()
    except (IndexMissing, BackendUnavailable) as exc:
        raise click.ClickException(str(exc)) from exc
    except LtpError as exc:
        raise UserError(str(exc)) from exc


def needs_file_name(fmt: str, output: Path | None, example: str) -> None:
    """A Word file cannot go to the terminal: ask for -o instead of printing bytes."""
    if output is None and fmt == "docx":
        raise UserError(f"a Word file needs a name: add -o {example}")


def write_export(data: bytes, output: Path | None, written: str | None = None) -> None:
    """Print an export, or write it to `output` and say so on stderr ("`written` written to FILE") when `written` is
    given; a missing folder or a full disk is a message and exit 2, not a traceback."""
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise UserError(f"could not write {output}: {exc.strerror or exc}; check the folder exists and has space") from exc
    if written is not None:
        click.echo(f"{written} written to {output}", err=True)
