"""References to the measurements cannot rot: code, tests, bench scripts and docs quote a section as
`docs/<file>.md, "Section title"` (or `"Section title" in docs/<file>.md`), and every such quote must name a file
that exists with a heading starting with that title. docs/benchmarks.md keeps only the current figures; the rounds
and topics moved to docs/history/ in round 25, and a reference left pointing at the old place fails here."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT

PATH = r"(docs/[\w./-]+?\.md)"
TITLE = r'"([^"\n]+)"'
PATH_THEN_TITLE = re.compile(PATH + r"\)?,?\s+\(?" + TITLE)
TITLE_THEN_PATH = re.compile(TITLE + r"\)?\s+in\s+" + PATH)
"""The two ways a reference is written: `docs/x.md, "Title"` (also `(docs/x.md "Title")`) and `"Title" in docs/x.md`."""

SKIPPED_DIRS = ("var", "__pycache__", "node_modules", "build", "dist")


def flattened(text: str) -> str:
    """A file's text with line breaks, their indentation and comment marks read as one space, so a title wrapped
    over two lines of a docstring or comment reads as it is quoted."""
    return re.sub(r"[ \t]*\n[ \t]*(?:#+[ \t]*)?", " ", text)


def referring_files() -> list[Path]:
    """Every *.py, *.md and Makefile of the project, outside data folders and hidden ones."""
    found = []
    for folder, dirs, files in os.walk(PROJECT_ROOT):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not d.startswith(SKIPPED_DIRS)
                         and not d.endswith(".egg-info"))
        found += [Path(folder) / name for name in sorted(files) if name.endswith((".py", ".md")) or name == "Makefile"]
    return found


def references(text: str) -> list[tuple[str, str]]:
    """(docs path, quoted title) pairs in a file's text."""
    flat = flattened(text)
    return ([(m.group(1), m.group(2)) for m in PATH_THEN_TITLE.finditer(flat)]
            + [(m.group(2), m.group(1)) for m in TITLE_THEN_PATH.finditer(flat)])


@cache
def headings(path: str) -> tuple[str, ...]:
    """A Markdown file's headings, without their #s and with runs of spaces read as one."""
    lines = (PROJECT_ROOT / path).read_text(encoding="utf-8").splitlines()
    return tuple(" ".join(line.lstrip("#").split()) for line in lines if line.startswith("#"))


ALL_REFERENCES = [(str(file.relative_to(PROJECT_ROOT)), path, title)
                  for file in referring_files() if file.name != "test_docs.py"
                  for path, title in references(file.read_text(encoding="utf-8"))]


def test_the_code_quotes_sections_of_the_docs_at_all():
    """The scan finds the references it is meant to check (a broken pattern would pass every file vacuously)."""
    quoted_files = {path for _, path, _ in ALL_REFERENCES}
    assert len(ALL_REFERENCES) >= 50
    assert "docs/benchmarks.md" in quoted_files
    assert sum(path.startswith("docs/history/") for path in quoted_files) >= 10


@pytest.mark.parametrize(("referrer", "path", "title"), ALL_REFERENCES,
                         ids=[f"{referrer}->{path}:{title[:40]}" for referrer, path, title in ALL_REFERENCES])
def test_every_quoted_section_is_a_heading_of_the_file_named(referrer, path, title):
    assert (PROJECT_ROOT / path).is_file(), f"{referrer} quotes {path}, which does not exist"
    wanted = " ".join(title.split())
    assert any(heading.startswith(wanted) for heading in headings(path)), (
        f'{referrer} quotes "{title}" in {path}, which has no heading starting so (docs/history/README.md says '
        "which file holds each round and topic)")


@pytest.mark.parametrize(("text", "expected"), [
    ('see docs/history/round-24.md, "Round 24\'s pool: results".', [("docs/history/round-24.md", "Round 24's pool: results")]),
    ('("Shorter one-fact answers, round 22\n    (short22)" in docs/history/round-22.md)',
     [("docs/history/round-22.md", "Shorter one-fact answers, round 22 (short22)")]),
    ("# Figures (docs/benchmarks.md\n# \"Speed and memory\")", [("docs/benchmarks.md", "Speed and memory")]),
    ("the current figures (docs/benchmarks.md).", []),
])
def test_a_reference_is_read_however_it_is_wrapped(text, expected):
    assert references(text) == expected
