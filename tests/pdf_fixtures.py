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


class DesignedPdf:
    """Places text exactly where a test says, as a designer does (reportlab, A4, y from the page bottom)."""

    def __init__(self, path: Path):
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen.canvas import Canvas

        self.path = path
        self.canvas = Canvas(str(path), pagesize=A4)
        self.width, self.height = A4

    def line(self, text: str, y: float, x: float = 56, size: float = 10, font: str = "Helvetica") -> None:
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, y, text)

    def lines(self, texts: list[str], top: float, x: float = 56, size: float = 10, font: str = "Helvetica",
              leading: float | None = None) -> float:
        """Draw one text line per string downwards from `top`; returns the y below the last one."""
        leading = leading or size * 1.3
        for n, text in enumerate(texts):
            self.line(text, top - n * leading, x, size, font)
        return top - len(texts) * leading

    def shaded_box(self, x: float, y: float, width: float, height: float) -> None:
        self.canvas.setFillColorRGB(0.85, 0.92, 0.97)
        self.canvas.rect(x, y, width, height, stroke=0, fill=1)
        self.canvas.setFillColorRGB(0, 0, 0)

    def footer(self, printed: str) -> None:
        self.line(printed, 24, x=self.width / 2, size=9)

    def new_page(self) -> None:
        self.canvas.showPage()

    def save(self) -> Path:
        self.canvas.showPage()
        self.canvas.save()
        return self.path


BODY = [
    "We will work with partners across the system to make sure that people get the right care",
    "in the right place, first time, joining up services that are currently run separately.",
]
"""Two lines of ordinary body text: a paragraph long enough never to be merged into a neighbour."""


def make_strategy_pdf(path: Path) -> Path:
    """A designed trust strategy: cover, a contents page with dotted leaders and an introduction below it,
    a foreword with a large lead paragraph and a pull quote, three "Commitment ..." chapters (decorative
    number above, one title wrapping onto two lines) each with a case-study box, printed page numbers."""
    doc = DesignedPdf(path)
    doc.line("Our strategy 2025 to 2030", 520, size=34, font="Helvetica-Bold")
    doc.new_page()
    doc.line("Contents", 760, size=22, font="Helvetica-Bold")
    entries = [("Foreword", 3), ("Commitment one: Care closer to home", 4),
               ("Commitment two: Faster diagnosis and treatment for everyone who needs it", 5),
               ("Commitment three: A great place to work", 6)]
    for n, (title, page) in enumerate(entries):
        y = 720 - n * 20
        doc.line(f"{title} " + "." * (90 - len(title)), y, size=11)
        doc.canvas.drawRightString(540, y, str(page))
    doc.line("About this document", 600, size=14, font="Helvetica-Bold")
    doc.lines(["This strategy was agreed by the trust board in March 2025 after six months of engagement",
               "with patients, carers, staff and partner organisations across Northtown."], 580)
    doc.footer("2")
    doc.new_page()
    doc.line("Foreword", 760, size=24, font="Helvetica-Bold")
    doc.lines(["Our hospitals have served Northtown for more than a century. This strategy",
               "describes how we will change over the next five years so that care is safer."], 730, size=15)
    y = doc.lines(BODY, 680)
    doc.lines(["“When my mum came home from hospital the district nurses already knew",
               "everything about her and we did not have to explain it all again.”"], y - 20, x=76, size=15,
              font="Helvetica-Oblique")
    doc.line("Carer, Northtown", y - 64, x=76, size=9)
    doc.lines(["Over the next five years we will invest in community teams, digital tools and",
               "the skills of our staff, and we will publish what we find every quarter."], y - 90)
    doc.footer("3")
    titles = [["Commitment one: Care closer to home"],
              ["Commitment two: Faster diagnosis and treatment for", "everyone who needs it"],
              ["Commitment three: A great place to work"]]
    for n, title in enumerate(titles):
        doc.new_page()
        doc.line(f"0{n + 1}", 740, size=48, font="Helvetica-Bold")
        y = doc.lines(title, 700, size=22, font="Helvetica-Bold")
        y = doc.lines(BODY, y - 10)
        doc.line("What we will do", y - 14, size=13, font="Helvetica-Bold")
        y = doc.lines([f"By 2027 commitment {n + 1} will be delivered in every neighbourhood of Northtown,",
                       "starting with the areas where need is greatest and waiting lists are longest."], y - 34)
        doc.shaded_box(56, y - 90, 483, 70)
        doc.line(f"Case study: ward {n + 1}", y - 38, x=66, size=11, font="Helvetica-Bold")
        doc.lines(["Since the change, fewer people have been readmitted within 30 days and patients",
                   "rate the service highly in every survey since it opened."], y - 54, x=66, size=9)
        doc.footer(str(4 + n))
    return doc.save()
