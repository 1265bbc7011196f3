"""CSV cells that a spreadsheet shows as text, never runs: every CSV export passes user and document text here.

A cell starting with = + - @ (or a tab or carriage return before one) is read by Excel, LibreOffice and
Google Sheets as a formula: a feedback comment such as `=HYPERLINK("http://evil", "click")` would run
when a commissioner opens the export (OWASP, "CSV injection"). A leading apostrophe makes it text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """`value`, with text that a spreadsheet would take for a formula prefixed by an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV export: the header, then each row with every cell through `safe_cell`, so no export can forget it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()
