"""How a citation reads, written once: the section path, the paragraph and page, and the one-line source.

Every answer, checklist, timeline, review and export builds its reference here, and the web page and the
browser script show the `reference` the JSON carries, so "para 1.10, section from p. 14" has one author.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from indexer.passage import PAGE_SECTION

SECTION_SEPARATOR = " › "


class Located(Protocol):
    """Anything that says where in a document it is: a passage, a citation, a checklist item's source."""

    @property
    def para(self) -> str | None: ...

    @property
    def page(self) -> int | None: ...

    @property
    def page_basis(self) -> str | None: ...


def section_label(path: Iterable[str]) -> str:
    """A section's titles, chapter first: "Chapter 1 › Primary care networks"."""
    return SECTION_SEPARATOR.join(path)


def section_title(section: str) -> str:
    """The section's own title, the last part of its label: "Primary care networks"."""
    return section.rsplit(SECTION_SEPARATOR, 1)[-1]


def page_label(page: int | None, page_basis: str | None) -> str:
    """"p. 14" for the passage's own printed page; "section from p. 14" when only its section's first page is
    known (the passage is on that page or a later one). Empty when unknown: never guessed."""
    if page is None:
        return ""
    return f"section from p. {page}" if page_basis == PAGE_SECTION else f"p. {page}"


def locator(place: Located) -> str:
    """Where in the document: "para 1.10, p. 14", "section from p. 79", or "" when neither is known."""
    return ", ".join(x for x in (f"para {place.para}" if place.para else "", page_label(place.page, place.page_basis)) if x)


def reference(document_title: str, place: Located) -> str:
    """The human reference: "The NHS Long Term Plan, para 1.10, p. 14"."""
    return ", ".join(x for x in (document_title, locator(place)) if x)


def source_line(document: str, section: str, place: Located) -> str:
    """One source on one line, for lists and exports: "The NHS Long Term Plan, Primary care networks, para 1.10,
    p. 14" (`document` is a title or an id; `section` a section label, of which the last title is shown)."""
    return ", ".join(x for x in (document, section_title(section), locator(place)) if x)
