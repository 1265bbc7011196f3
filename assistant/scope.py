"""Is a question inside the documents' scope? A name the documents never mention ("NHS Scotland", "HCPC",
"Leeds General Infirmary") is a strong sign it is not, even when the rest of the question sounds like
the NHS and so scores a middling similarity against some passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.config import DEFAULT_CONFIG
from assistant.glossary import ACRONYMS
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'’-]*")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_SENTENCE_START = re.compile(r"(?:^|[.?!:;]\s+|\n)\s*[\"'(]?([A-Za-z][\w'’-]*)")


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Every word of the indexed text, lower-cased, for `unknown_names`."""
    words: set[str] = set()
    for text in texts:
        words.update(w.lower().rstrip("'’").removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text))
        words.update(_YEAR.findall(text))
    words.update(k.lower() for k in ACRONYMS)
    for expansion in ACRONYMS.values():
        words.update(expansion.lower().split())
    return frozenset(words)


def unknown_names(question: str, known: frozenset[str]) -> list[str]:
    """Capitalised words and acronyms of the question (not a sentence's first word), and years, that no
    indexed passage contains, in the order asked ("the 2023 workforce plan ... by 2031")."""
    starts = {m.start(1) for m in _SENTENCE_START.finditer(question)}
    names = []
    for match in _WORD.finditer(question):
        word = match.group(0).rstrip("'’-")
        bare = re.sub(r"['’]s$", "", word)
        if match.start() in starts or not bare[:1].isupper() or bare == "I":
            continue
        if bare.lower() not in known and bare.lower().rstrip("s") not in known and bare not in names:
            names.append(bare)
    names += [year for year in dict.fromkeys(_YEAR.findall(question)) if year not in known]
    return names


def out_of_scope_names(question: str, best_similarity: float, known: frozenset[str],
                       gate: float = DEFAULT_CONFIG.name_gate_similarity) -> list[str]:
    """The names that put the question outside the documents, or [] when it is in scope.

    A year the documents never mention rules the question out however well it matches: "doubling places by
    2031" matches the plan's medical school passage closely, but the plan says nothing about 2031."""
    unknown = unknown_names(question, known)
    years = [name for name in unknown if _YEAR.fullmatch(name)]
    if best_similarity >= gate:
        return years
    return unknown
