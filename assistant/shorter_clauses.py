"""More clause shapes a one-fact answer's sentences can lose, after lead21's trailing clauses and attributions
(assistant/shorter_sentences.py): an opening phrase that only sets the scene ("Financially, ...", "Under the plan,
..."), a purpose tail with no comma ("... so that patients have more choice"), the clause after a semicolon, the
second of two clauses joined by ", and" or a second predicate (", and will work with partners ..."); in a statement
after the lead, also a trailing clause opened by "including", "whose" or ", and" (not a series). Each is
cut only when it holds no figure, date, share, quoted term, capitalised name or acronym and none of the question's own
words (the test lead21 uses), so what is cut cannot be what was asked, and only where the rest still reads as a
sentence. Which shapes are cut was chosen leave-one-set-out over the tuning sets (an answer losing its fact vetoes a
shape): see "Shorter one-fact answers, round 22 (short22)" in docs/history/round-22.md."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.asked_words_first import ASKING_WORDS
from assistant.retrieve import tokenize
from assistant.shorter_sentences import DANGLING, MIN_LEFT, SENTENCE_END, SUBORDINATE_FIRST, _balanced, holds_anything
from assistant.wording import as_sentence

OPENING = re.compile(
    r"^(?P<clause>(?:under|on|for|within|alongside|beyond|across|through|besides|overall|meanwhile|financially|"
    r"additionally|furthermore|moreover|also|similarly|likewise|separately|in addition|on top of that|"
    r"at the same time|more broadly|in practice|in short|in particular)\b[^,;:()]{0,50}?,\s+)"
    r"(?P<rest>[a-z\"'‘“].*)$", re.I | re.S)
"""An opening phrase before the sentence's subject: a preposition's phrase or a connective, then a comma."""
LEANS_BACK = re.compile(r"^(?:it|its|this|these|they|their|that|those|such|both|each|he|she|there)\b", re.I)
"""A rest that opens on a pronoun leans on the phrase cut ("In 2019, it ..."): the phrase stays."""
ASIDE = re.compile(r"\s\((?P<clause>[^()]{3,160})\)")
ACRONYM = re.compile(r"[A-Z]{2,}")
"""A bracketed acronym ("(PCNs)", "(ICSs)") is the name a reader may ask by: kept."""
PURPOSE = re.compile(r"\s+(?:so that|in order to|so as to)\b(?P<clause>[^;:,]*)[.!?]$", re.I)
SEMICOLON = re.compile(r";\s+(?!and\b|or\b)(?P<clause>[^;:]*)[.!?]$", re.I)
"""The clause after a semicolon, unless it opens "and"/"or" (the last item of a list: "...; and uncertainty over
funding for social care")."""
AND_CLAUSE = re.compile(r",\s+and\s+(?![^;:,]*\b(?:should|must)\b)(?P<clause>[^;:,]*)[.!?]$", re.I)
"""The second of two clauses, unless it says what should or must be done (", and eligibility should be extended to
people with milder symptoms": a commitment of its own)."""
AND_PREDICATE = re.compile(r",\s+and\s+(?P<clause>(?:will|is|are|should|must|can|has|have|would)\b[^;:,]*)[.!?]$", re.I)
"""A second predicate of the sentence's subject (", and will work with partners ..."), after any commas."""
SERIES_OPENERS = frozenset({"to", "with", "in", "on", "for", "by", "from", "at", "the", "a", "an", "of"})


def _opening(text: str, terms: set[str]) -> str:
    lead = OPENING.match(text)
    if not lead or holds_anything(lead["clause"], terms):
        return text
    rest = lead["rest"]
    if len(rest) < MIN_LEFT or not _balanced(rest) or LEANS_BACK.match(rest):
        return text
    return rest[:1].upper() + rest[1:]


def _aside(text: str, terms: set[str]) -> str:
    out = ASIDE.sub(lambda m: m.group(0) if ACRONYM.search(m["clause"]) or holds_anything(m["clause"], terms)
                    else "", text)
    return out if len(out) >= MIN_LEFT else text


def _tail(pattern: re.Pattern, two_clauses: bool = False) -> Callable[[str, set[str]], str]:
    """A cut of the sentence-final clause `pattern` finds; with `two_clauses`, only when the stretch before it holds
    no other comma or colon (so the clause is not the last item of a series) and it does not open like an item."""
    def cut(text: str, terms: set[str]) -> str:
        found = pattern.search(text)
        if not found or holds_anything(found["clause"], terms):
            return text
        head = text[:found.start()].rstrip(" ,;")
        if ":" in head:  # a list introduced by a colon: the clause may be its last item
            return text
        if two_clauses:
            words = found["clause"].split()
            if not words or words[0].lower() in SERIES_OPENERS or re.search(r",\s|:", head.rsplit(";", 1)[-1]):
                return text
        if len(head) < MIN_LEFT or not _balanced(head) or DANGLING.search(head) or SUBORDINATE_FIRST.match(head):
            return text
        return as_sentence(head)
    return cut


LATER_OPENERS = ("and", "but", "including", "using", "whose", "such as", "while", "where")
"""Openers lead21 leaves alone (their clauses held facts when in the lead); tried in later statements only."""
LATER_SHAPES = {f"later {opener}": _tail(re.compile(rf",\s+{opener}\b(?P<clause>[^;:,]*)[.!?]$", re.I))
                for opener in LATER_OPENERS}
LATER_AND = re.compile(r",\s+and\s+(?!(?:to|with|in|on|for|by|from|at|of)\b)(?![^;:,]*\b(?:should|must)\b)"
                       r"(?P<clause>[^;:,]*)[.!?]$", re.I)
"""A later statement's ", and ..." clause that neither continues a series of prepositions (", and to arrive with
specific proposals") nor says what should or must be done (", and eligibility should be extended to ...")."""
LATER_SHAPES["later and, no series"] = _tail(LATER_AND)

SHAPES: dict[str, Callable[[str, set[str]], str]] = {
    "opening": _opening, "aside": _aside, "purpose": _tail(PURPOSE), "semicolon": _tail(SEMICOLON),
    "and": _tail(AND_CLAUSE, two_clauses=True), "and_predicate": _tail(AND_PREDICATE), **LATER_SHAPES,
}
"""Every shape tried, by name (bench and tests score them one at a time)."""
CUT = ("opening", "purpose", "semicolon", "and", "and_predicate", "later including", "later whose",
       "later and, no series")
"""The shapes cut with short22 on, chosen leave-one-set-out (a shape is kept when it cut on the other sets and lost
no fact there): the choice of most folds. Left out: "aside" (lost "(system, place and neighbourhood)"), "later but" (a
warning), "later using" ("using an approach similar to the frailty index"), "later and" (", and to comprehensive
geriatric assessment") and "later such as" ("such as support workers")."""


def shortened(question: str, statement: str, shapes: tuple[str, ...] = CUT, later: bool = False) -> str:
    """A statement with each of its sentences shortened by `shapes`, in order; `later`: a statement after the lead
    (the "later ..." shapes apply only there)."""
    terms = set(tokenize([question], as_ids=False)[0]) - ASKING_WORDS
    out = []
    for sentence in SENTENCE_END.split(statement.strip()):
        text = sentence.strip()
        for shape in shapes:
            if later or not shape.startswith("later "):
                text = SHAPES[shape](text, terms)
        out.append(text)
    return " ".join(out)
