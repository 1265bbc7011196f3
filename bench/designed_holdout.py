"""Held-out designed documents, drawn with fpdf2 rather than reportlab and written after the parser was tuned.

They check that the parser learnt layouts, not one generator's habits: a different PDF producer, a
contents page whose entries have no dotted leaders, "Page N of M" footers, a bordered (not shaded) box,
bullet lists and a heading that wraps. Ground truth: bench/structure/<id>.json with "split": "holdout".
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from bench.designed_documents import body
from bench.structure_designs import DESIGNS

INTENTIONS = [
    ("Section 1: Background", [("1.1 Why we publish intentions", 0), ("1.2 What has changed since last year", 1)]),
    ("Section 2: Our commissioning intentions for community and primary care services", [
        ("2.1 Community services", 2), ("2.2 Primary care", 3)]),
    ("Section 3: Next steps", [("3.1 How to respond", 4)]),
]


class _Intentions(FPDF):
    def multi_cell(self, w, h, text, **kwargs):
        return super().multi_cell(w, h, text, new_x="LMARGIN", new_y="NEXT", **kwargs)

    def footer(self):
        if self.page_no() > 1:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    def header(self):
        if self.page_no() > 1:
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, "Eastfield Place Partnership - Commissioning intentions 2026/27")
            self.ln(12)


def commissioning_intentions(path: Path) -> Path:
    pdf = _Intentions(format="A4")
    pdf.set_margins(20, 15, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 30)
    pdf.set_y(100)
    pdf.multi_cell(0, 14, "Commissioning intentions 2026/27")
    pdf.set_font("Helvetica", size=14)
    pdf.multi_cell(0, 8, "Eastfield Place Partnership")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 12, "Contents", new_x="LMARGIN", new_y="NEXT")
    for n, (title, _) in enumerate(INTENTIONS):
        pdf.set_font("Helvetica", size=10)
        pdf.cell(155, 8, title)
        pdf.cell(0, 8, str(3 + n), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(0, 5, "This document is also available in large print and easy read formats from the "
                   "partnership office; ask us for a copy in another language.")
    for title, subsections in INTENTIONS:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 18)
        pdf.multi_cell(0, 9, title)
        pdf.ln(3)
        for sub, stock in subsections:
            pdf.set_font("Helvetica", "B", 13)
            pdf.multi_cell(0, 7, sub)
            pdf.ln(1)
            pdf.set_font("Helvetica", size=10)
            pdf.multi_cell(0, 5, body(stock))
            pdf.ln(3)
            if stock == 2:
                for item in ["more staff in community nursing teams", "longer opening hours for hubs",
                             "a single number for referrals"]:
                    pdf.multi_cell(0, 5, f"- {item}")
                pdf.ln(3)
                top = pdf.get_y()
                pdf.set_font("Helvetica", "B", 10)
                pdf.set_x(26)
                pdf.multi_cell(158, 6, "Example: the Eastfield falls service")
                pdf.set_font("Helvetica", size=9)
                pdf.set_x(26)
                pdf.multi_cell(158, 4.5, "Falls responders now reach people at home within two hours, and most "
                               "are treated without going to hospital.")
                pdf.rect(22, top - 2, 166, pdf.get_y() - top + 4, style="D")
                pdf.ln(6)
            if stock == 3:
                pdf.set_font("Helvetica", "I", 15)
                pdf.set_x(30)
                pdf.multi_cell(140, 7, "\"Being seen on the same day by someone who knows my history has "
                               "changed how I manage my condition.\"")
                pdf.set_font("Helvetica", size=9)
                pdf.set_x(30)
                pdf.multi_cell(140, 5, "Patient, Eastfield")
                pdf.ln(4)
    pdf.output(str(path))
    return path


DESIGNS["commissioning-intentions"] = commissioning_intentions
