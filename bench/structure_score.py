"""Scoring a parsed document against its hand-written ground truth (bench/structure/<id>.json).

Headings match on their letters and digits only (so "2.1 Operating system" matches "2.1 Operatingsystem":
spacing is judged by cleanliness, not here). Titles the truth lists as optional (cover lines, "Contents",
box titles) count neither way. Levels are compared after one shift per document, the most common
difference, since a parser may put the document title above chapter 1.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from indexer.structure import DocumentOutline

LIGATURES = re.compile("[\ufb00-\ufb06\ufffd]")
GLUED = re.compile(r"[A-Za-z]{28,}")
"""28 letters without a space is no English word in these documents: words run together."""


def squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKC", text).lower())


def _unnumbered(text: str) -> str:
    return squash(re.sub(r"^\s*[\dIVX]+(\.\d+)*\.?\s+", "", text))


@dataclass
class Score:
    truth: int = 0
    predicted: int = 0
    matched: int = 0
    level_ok: int = 0
    page_ok: int = 0
    paragraphs: int = 0
    paragraphs_whole: int = 0
    passages: int = 0
    passages_clean: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("truth", "predicted", "matched", "level_ok", "page_ok", "paragraphs", "paragraphs_whole",
                     "passages", "passages_clean"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def metrics(self) -> dict[str, float]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.truth if self.truth else 0.0
        return {
            "heading_precision": precision,
            "heading_recall": recall,
            "heading_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "level_accuracy": self.level_ok / self.matched if self.matched else 0.0,
            "page_accuracy": self.page_ok / self.matched if self.matched else 0.0,
            "paragraph_integrity": self.paragraphs_whole / self.paragraphs if self.paragraphs else 1.0,
            "text_cleanliness": self.passages_clean / self.passages if self.passages else 0.0,
        }


def score(outline: DocumentOutline, truth: dict) -> Score:
    result = Score()
    sections = [s for s in outline.sections if s.id != outline.doc_id]
    optional = {squash(t) for t in truth.get("optional_headings", [])}
    predicted = [s for s in sections if squash(s.title) not in optional]
    result.truth, result.predicted = len(truth["headings"]), len(predicted)
    pairs = _match(truth["headings"], predicted)
    result.matched = len(pairs)
    shift = Counter(len(s.path) - t["level"] for t, s in pairs).most_common(1)
    for t, s in pairs:
        result.level_ok += len(s.path) - shift[0][0] == t["level"]
        result.page_ok += str(s.page) == str(t["page"])
        if str(s.page) != str(t["page"]):
            result.problems.append(f"page {s.page} for {t['title']!r} (printed {t['page']})")
    matched_titles = {id(s) for _, s in pairs}
    result.problems += [f"not a heading: {s.title[:60]!r}" for s in predicted if id(s) not in matched_titles]
    found = {squash(t["title"]) for t, _ in pairs}
    result.problems += [f"missed heading: {t['title']!r}" for t in truth["headings"] if squash(t["title"]) not in found]
    for sample in truth.get("paragraphs", []):
        sample = sample if isinstance(sample, dict) else {"text": sample}
        result.paragraphs += 1
        whole = any(squash(sample["text"]) in squash(p.text) and sample.get("para") in (None, p.para)
                    for p in outline.passages)
        result.paragraphs_whole += whole
        if not whole:
            result.problems.append(f"paragraph cut or merged: {sample['text'][:50]!r}")
    forbidden = truth.get("forbidden", [])
    for passage in outline.passages:
        result.passages += 1
        text = passage.text
        dirty = LIGATURES.search(text) or GLUED.search(text) or any(f in text for f in forbidden)
        result.passages_clean += not dirty
        if dirty:
            result.problems.append(f"unclean text: {text[:60]!r}")
    return result


def _match(truth: list[dict], predicted: list) -> list[tuple[dict, object]]:
    """Pair each true heading with the first unused predicted heading of the same title, in reading order."""
    pairs, used, start = [], set(), 0
    for heading in truth:
        keys = {squash(heading["title"]), _unnumbered(heading["title"])}
        order = list(range(start, len(predicted))) + list(range(start))
        for i in order:
            candidate = predicted[i]
            if i not in used and (squash(candidate.title) in keys or _unnumbered(candidate.title) in keys):
                pairs.append((heading, candidate))
                used.add(i)
                start = i + 1
                break
    return pairs
