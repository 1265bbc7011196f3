"""HTML loader: headings and paragraphs of a saved web page (e.g. an online-version chapter).

Navigation, headers, footers, scripts and forms are dropped; a paragraph starting "1.10" keeps that number.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from indexer.errors import SourceError
from indexer.structure import NUMBERED_PARAGRAPH, Heading, Paragraph

NOISE = ["script", "style", "nav", "header", "footer", "form", "aside", "noscript", "svg"]


def load_html(path: Path, label: str | None = None) -> list[Heading | Paragraph]:
    label = label or path.name
    raw = path.read_bytes()
    if not raw.strip():
        raise SourceError(f"{label}: the file is empty (0 bytes); save the page again")
    soup = BeautifulSoup(raw, "html.parser")
    if soup.find(["p", "h1", "h2", "h3", "li"]) is None:
        raise SourceError(f"{label}: no HTML paragraphs or headings found; is this really an HTML page?")
    for tag in soup(NOISE):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    blocks: list[Heading | Paragraph] = []
    for element in root.find_all(["h1", "h2", "h3", "h4", "p", "li"]):
        text = " ".join(element.get_text(" ").split())
        if not text or (element.name == "li" and element.find("p")):
            continue
        if element.name.startswith("h"):
            blocks.append(Heading(level=int(element.name[1]), title=text))
            continue
        numbered = NUMBERED_PARAGRAPH.match(text)
        blocks.append(
            Paragraph(text[numbered.end() :] if numbered else text, para=numbered["para"] if numbered else None, file=label)
        )
    return blocks
