"""A document's named parts ("Annex C", "chapter 3", "section 5") as one BM25 term each (retrieve21).

BM25's tokenizer keeps words of two or more characters, so "Annex C" indexes as "annex" alone: every annex's passages
share it and "what's Annex C of the framework for?" cannot tell Annex C's passages from Annex A's or D's, nor
"chapter 3" from any chapter. Writing the part's name as one more term ("annex c" -> "annex c annexc"), in the
passages' lexical text and in the question alike, lets BM25 find the part a question names; the words themselves
stay, so nothing else a question matches is lost."""

from __future__ import annotations

import re

PART = re.compile(r"\b(annex|appendix|chapter|section)\s+([a-z]|\d{1,2})\b", re.IGNORECASE)


def with_part_terms(text: str) -> str:
    """`text` with each named part followed by its one-term form: "see Annex C, page 40" -> "see Annex C annexc, page
    40"."""
    return PART.sub(lambda m: f"{m.group(0)} {m.group(1).lower()}{m.group(2).lower()}", text)
