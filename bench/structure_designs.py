"""Designed documents for the structure benchmark, drawn with reportlab to imitate NHS publications.

Real NHS strategies and plans are designed, not typeset: covers, contents pages with dotted leaders, pull
quotes and lead paragraphs set larger than the headings around them, case-study boxes, sidebars, two
columns, tables, chart labels and running headers. Each function here draws one such document; its
hand-written ground truth is `bench/structure/<id>.json`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

WIDTH, HEIGHT = A4
MARGIN = 56
SHADE = Color(0.85, 0.92, 0.97)
BODY = ("Helvetica", 10)


def _vera() -> str:
    """Vera (shipped with reportlab) has the fi/fl ligature glyphs that Type 1 Helvetica lacks."""
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
        pdfmetrics.registerFont(TTFont("VeraBd", "VeraBd.ttf"))
    return "Vera"


class Designer:
    """A page cursor over a reportlab canvas: text flows down a column, pages carry header and footer."""

    def __init__(self, path: Path, running_header: str = "", first_printed: int = 1):
        self.canvas = Canvas(str(path), pagesize=A4)
        self.running_header = running_header
        self.printed = first_printed
        self.decorate = False
        self.left, self.width = MARGIN, WIDTH - 2 * MARGIN
        self.y = HEIGHT - MARGIN
        self.columns: list[tuple[float, float]] = []
        self.column_top = HEIGHT - MARGIN - 10

    def new_page(self) -> None:
        self.canvas.showPage()
        self.printed += 1
        self.y = HEIGHT - MARGIN - 10
        self._decorate()

    def start_decorating(self) -> None:
        self.decorate = True
        self._decorate()

    def _decorate(self) -> None:
        if not self.decorate:
            return
        self.canvas.setFont("Helvetica", 8)
        self.canvas.drawString(MARGIN, HEIGHT - 30, self.running_header)
        self.canvas.drawRightString(WIDTH - MARGIN, 24, str(self.printed))

    def two_columns(self, top: float, gutter: float = 18) -> None:
        """Flow text down the left column, then the right one, then onto the next page."""
        width = (WIDTH - 2 * MARGIN - gutter) / 2
        self.columns = [(MARGIN, width), (MARGIN + width + gutter, width)]
        self.left, self.width = self.columns[0]
        self.y = self.column_top = top

    def one_column(self) -> None:
        self.columns = []
        self.left, self.width = MARGIN, WIDTH - 2 * MARGIN

    def room(self, height: float) -> None:
        if self.y - height >= 60:
            return
        if self.columns and self.left == self.columns[0][0]:
            self.left, self.width = self.columns[1]
            self.y = self.column_top
            return
        self.new_page()
        if self.columns:
            self.left, self.width = self.columns[0]
            self.y = self.column_top = HEIGHT - MARGIN - 10

    def text(self, text: str, font: str = "Helvetica", size: float = 10, leading: float | None = None,
             after: float = 6, indent: float = 0) -> None:
        leading = leading or size * 1.3
        for line in simpleSplit(text, font, size, self.width - indent):
            self.room(leading)
            self.canvas.setFont(font, size)
            self.y -= leading
            self.canvas.drawString(self.left + indent, self.y, line)
        self.y -= after

    def heading(self, text: str, size: float, font: str = "Helvetica-Bold") -> None:
        self.room(size * 3)
        self.y -= size * 0.6
        self.text(text, font, size, after=size * 0.5)

    def box(self, title: str, body: list[str], size: float = 9) -> None:
        """A shaded case-study box: its title in bold, its text smaller than the body."""
        lines = sum(len(simpleSplit(p, "Helvetica", size, self.width - 20)) for p in body) + len(body) + 2
        height = lines * size * 1.3 + 16
        self.room(height + 10)
        self.canvas.setFillColor(SHADE)
        self.canvas.rect(self.left, self.y - height, self.width, height, stroke=0, fill=1)
        self.canvas.setFillColor(Color(0, 0, 0))
        self.y -= 6
        self.text(title, "Helvetica-Bold", size + 2, indent=10, after=2)
        for paragraph in body:
            self.text(paragraph, "Helvetica", size, indent=10, after=4)
        self.y -= 14

    def pull_quote(self, quote: str, who: str) -> None:
        self.y -= 6
        self.text(quote, "Helvetica-Oblique", 15, after=2, indent=20)
        self.text(who, "Helvetica", 9, indent=20, after=12)

    def chart(self, caption: str, labels: list[str]) -> None:
        """Bars with axis labels under them and a caption: none of it is a heading."""
        self.room(130)
        base = self.y - 100
        for i, _ in enumerate(labels):
            self.canvas.rect(self.left + 20 + i * 40, base, 20, 15 + 12 * i, stroke=0, fill=1)
        self.canvas.setFont("Helvetica", 7)
        self.canvas.drawString(self.left + 20, base - 10, "   ".join(labels))
        self.y = base - 14
        self.text(caption, "Helvetica-Oblique", 8, after=10)

    def table(self, rows: list[list[str]], widths: list[float], size: float = 9) -> None:
        for r, row in enumerate(rows):
            self.room(size * 1.6)
            self.y -= size * 1.6
            x = self.left
            for cell, w in zip(row, widths, strict=True):
                self.canvas.setFont("Helvetica-Bold" if r == 0 else "Helvetica", size)
                self.canvas.drawString(x + 2, self.y, cell)
                x += w
            self.canvas.line(self.left, self.y - 3, self.left + sum(widths), self.y - 3)
        self.y -= 10

    def contents(self, entries: list[tuple[str, int]], size: float = 11) -> None:
        for title, page in entries:
            self.room(size * 1.8)
            self.y -= size * 1.8
            self.canvas.setFont("Helvetica", size)
            self.canvas.drawString(self.left, self.y, title)
            start = self.left + pdfmetrics.stringWidth(title, "Helvetica", size) + 4
            end = self.left + self.width - 20
            dots = "." * int((end - start) / pdfmetrics.stringWidth(".", "Helvetica", size))
            self.canvas.drawString(start, self.y, dots)
            self.canvas.drawRightString(self.left + self.width, self.y, str(page))
        self.y -= 12

    def save(self) -> None:
        self.canvas.showPage()
        self.canvas.save()


DESIGNS: dict[str, Callable[[Path], Path]] = {}


def design(name: str):
    def register(function: Callable[[Path], None]):
        def build(path: Path) -> Path:
            function(path)
            return path

        DESIGNS[name] = build
        return build

    return register
