"""inscope26: a capitalised run the name rule reads as one unknown name is often names the documents use, run
together ("the King's Fund and NHS Providers survey", "Rachel Newton's Frontline editorial", "the January 2019
Frontline", "the Long Term Plan for Parliament"). Read in its pieces, each known to the documents, it names nothing
they lack; a run with any piece they never use ("Cheshire and Merseyside", "Frimley Health and Care ICS") still
does (docs/history/round-26-inscope26.md)."""

from __future__ import annotations

import re

from assistant.deadlines import MONTHS
from assistant.glossary import ACRONYMS
from assistant.refusal import normal

_JOINS = re.compile(r"['’]s\b|\s+(?:and|&|for|of|in)\s+", re.I)
"""Where a run of names parts: a possessive, and the words that join two names."""
_DATE = re.compile(rf"\b(?:{MONTHS}|(?:19|20)\d\d(?:/\d\d)?)\b", re.I)


def known_in_pieces(name: str, question: str, corpus_text: str) -> bool:
    """Whether `name` (as the name rule quotes it: possessives dropped) is, as the question writes it, names the
    documents use (`corpus_text`, normalised) joined or run together, with dates and the glossary's acronyms
    standing for themselves. A run that does not part is judged as it was."""
    span = _span(name, question)
    if span is None or len(span.split()) < 2:
        return False  # one word is the name rule's own judgement
    if _known(span, corpus_text):
        return True  # "King's Fund": the rule dropped the possessive the documents write
    dates = len(_DATE.findall(span))
    pieces = [p.strip(" ,") for p in _JOINS.split(_DATE.sub(" , ", span))]
    pieces = [p for p in pieces if p]
    if not pieces or len(pieces) + dates < 2:
        return False
    return all(_known(piece, corpus_text) for piece in pieces)


def _known(piece: str, corpus_text: str) -> bool:
    words = piece.split()
    if all(w in ACRONYMS for w in words):
        return True
    return bool(re.search(rf"\b{re.escape(normal(piece))}\b", corpus_text))


def _span(name: str, question: str) -> str | None:
    """The words of `name` as the question writes them (possessives kept), or None."""
    words = name.split()
    if not words:
        return None
    pattern = r"\b" + r"(?:['’]s)?\s+".join(re.escape(w) for w in words) + r"(?:['’]s)?\b"
    match = re.search(pattern, question)
    return match.group(0) if match else None
