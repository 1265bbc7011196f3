"""The words of a question worth searching for: without the asker's own background ("As a PCN clinical director,
...", "I'm a band 7 MSK physio. ..."), which says who asks, not what is asked, and pulls the search towards
passages about the asker's role instead of the ones that answer.

The clauses that ask are found as the refusal rules find them (`scope_places.asking_clauses`); of the others, only
those that introduce the asker ("as a ...", "I'm a ...", "we're a ...", "I work in ...") are background. A clause
that describes the matter asked about ("Our trust is one of the biggest employers in town - does the framework
expect us to do anything with that?") stays: the question leans on it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.glossary import expand_acronyms
from assistant.scope_places import asking_clauses
from indexer.passage import Document

_ASKER = re.compile(
    r"^\s*(?:(?:so|ok|okay|hi|hello)\b[\s,]*)?"
    r"(?:as\s+(?:an?|the|one of the)\b|"
    r"(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:an?|the|one of the|part of|based|working)\b|"
    r"i\s+(?:work|worked|run|manage|lead|chair)\b|"
    r"(?:i|we)\s+(?:have\s+)?just\s+(?:joined|started)\b|"
    r"speaking\s+as\b|wearing\s+my\b)",
    re.I)
"""A clause that says who is asking: a role, an employer, a team the asker belongs to."""
_EXPANSIONS = re.compile(r"\s+\([^()]*\)\s*$")
"""The long forms `glossary.expand_acronyms` appends to a query ("... (primary care network)"): made again for the
words that are left."""


def without_background(query: str) -> str | None:
    """`query` without its leading clauses that only introduce the asker, or None when it has none (or fewer than
    three words would be left to search for)."""
    expansions = _EXPANSIONS.search(query)
    body = query[:expansions.start()] if expansions else query
    asking = [a.strip() for a in asking_clauses(body) if a.strip()]
    pieces = [p for p in _SPLIT.split(body) if p.strip()]
    dropped = 0
    for piece in pieces[:-1]:  # the last piece is what is asked, whatever it says
        if not _ASKER.search(piece) or any(a in piece for a in asking):
            break
        dropped += 1
    core = " ".join(p.strip() for p in pieces[dropped:]).lstrip(" -–—")
    if not dropped or len(re.findall(r"[a-z]+", core.lower())) < 3:
        return None
    return expand_acronyms(core) if expansions else core


_SPLIT = re.compile(r"(?<=[,;:?!.])\s+|\s+(?=[-–—]+\s)")
"""Where a leading clause ends: after a comma, a full stop, a colon, or before a dash."""


def named_documents(query: str, documents: Mapping[str, Document]) -> frozenset[str]:
    """The ids of the documents `query` names, by id ("ltp", "csp", "the framework"), short title ("Long Term Plan",
    "Implementation Framework") or title ("the Long Term Plan Implementation Framework"): a user who names a
    document wants its passages, not another document's restatement of them. Longer names are matched first and
    taken out, so a title holding another document's name names its own document alone."""
    text = _words(query)
    names = sorted({(name, doc_id) for doc_id, document in documents.items() for name in _names(doc_id, document)},
                   key=lambda n: (-len(n[0]), n))
    found = set()
    for name, doc_id in names:
        pattern = re.compile(rf"\b{re.escape(name)}s?\b")
        if pattern.search(text):
            found.add(doc_id)
            text = pattern.sub(" ", text)
    return frozenset(found)


def _names(doc_id: str, document: Document) -> list[str]:
    title = re.sub(r"^(?:(?:the|nhs)\s+)+", "", document.title.lower())
    return [n for n in (_words(doc_id), _words(document.short_title), _words(title)) if len(n) >= 3]


def _words(text: str) -> str:
    """Lower case, hyphens as spaces ("long-term plan")."""
    return re.sub(r"[-‐–]", " ", text.lower())
