"""Generate PDFs at test time that imitate the official documents' layout (no binary fixtures in git)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

RUNNING_HEADER = "The NHS Long Term Plan (test edition)"
FIRST_PRINTED_PAGE = 5
"""The first body page prints "5": physical and printed page numbers differ, as in the real plan."""


class _PlanPdf(FPDF):
    def __init__(self):
        super().__init__(format="A4")
        self.set_auto_page_break(False)
        self.body_pages = False

    def header(self):
        if self.body_pages:
            self.set_font("Helvetica", size=8)
            self.text(20, 12, RUNNING_HEADER)

    def footer(self):
        if self.body_pages:
            self.set_font("Helvetica", size=9)
            self.text(100, 287, str(self.page_no() - 3 + FIRST_PRINTED_PAGE))


class PlanWriter:
    """Lays out headings and paragraphs line by line, like a typeset report, with explicit line breaks."""

    def __init__(self):
        self.pdf = _PlanPdf()
        self.y = 0.0

    def title_page(self, title: str) -> None:
        self.pdf.add_page()
        self.pdf.set_font("Helvetica", "B", 26)
        self.pdf.text(20, 120, title)

    def contents_page(self, entries: list[tuple[str, int]]) -> None:
        self.pdf.add_page()
        self.pdf.set_font("Helvetica", "B", 16)
        self.pdf.text(20, 30, "Contents")
        self.pdf.set_font("Helvetica", size=11)
        for i, (title, page) in enumerate(entries):
            self.pdf.text(20, 45 + i * 8, f"{title} .......... {page}")

    def start_body(self) -> None:
        self.pdf.body_pages = True
        self._new_page()

    def _new_page(self) -> None:
        self.pdf.add_page()
        self.y = 30

    def _room(self, height: float) -> None:
        if self.y + height > 270:
            self._new_page()

    def heading(self, text: str, size: int) -> None:
        self._room(size)
        self.y += size * 0.4
        self.pdf.set_font("Helvetica", "B", size)
        self.pdf.text(20, self.y, text)
        self.y += size * 0.6

    def paragraph(self, lines: list[str], endnote_after_line: int | None = None) -> None:
        """Each string is one printed line; `endnote_after_line` adds a superscript marker "7" there."""
        self.pdf.set_font("Helvetica", size=11)
        for i, line in enumerate(lines):
            self._room(6)
            self.pdf.set_font("Helvetica", size=11)
            self.pdf.text(20, self.y, line)
            if endnote_after_line == i:
                width = self.pdf.get_string_width(line)
                self.pdf.set_font("Helvetica", size=6)
                self.pdf.text(20 + width + 0.5, self.y - 2, "7")
            self.y += 5.5
        self.y += 4

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path


def make_plan_pdf(path: Path, filler_paragraphs: int = 6) -> Path:
    """A small "plan": title page, contents page, then Chapter 1 with numbered paragraphs over 3+ pages.

    Paragraph 1.3 runs over a page break; paragraph 1.2 has a hyphenated line break ("commun-" / "ity")
    and an endnote marker; every body page has a running header and a printed page number.
    """
    doc = PlanWriter()
    doc.title_page("The NHS Long Term Plan (test edition)")
    doc.contents_page([("Chapter 1: A new service model for the 21st century", 5), ("Chapter 2: Prevention", 7)])
    doc.start_body()
    doc.heading("Chapter 1: A new service model for the 21st century", 18)
    doc.paragraph(["1.1. This chapter explains how care outside hospitals will change over the", "next five years."])
    doc.heading("Primary care networks of local GP practices and community teams", 14)
    doc.paragraph(
        [
            "1.2. From July 2019 every GP practice will join a primary care network covering",
            "typically 30,000 to 50,000 people, bringing together practices and commun-",
            "ity health teams so that they share staff and budgets.",
        ],
        endnote_after_line=2,
    )
    for n in range(filler_paragraphs):
        doc.paragraph(
            [
                f"1.{n + 4}. Filler paragraph number {n + 1} describes local services in general terms so",
                "that the layout spans several pages and the page footer changes between them.",
                "It mentions nothing about networks of practices or urgent community response.",
            ]
        )
    doc._room(200)
    doc.y = 258
    doc.paragraph(
        [
            "1.3. Urgent community response teams will reach people in crisis within two hours",
            "and provide reablement care within two days of referral, with the first areas",
            "starting in 2019/20 and every part of England covered by 2023/24 as part",
            "of the ageing well programme.",
        ]
    )
    doc.heading("Chapter 2: More NHS action on prevention and health inequalities", 18)
    doc.paragraph(["2.1. All smokers admitted to hospital will be offered NHS-funded tobacco", "treatment services by 2023/24."])
    return doc.save(path)
