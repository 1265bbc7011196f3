"""A one-fact answer's sentences without the clauses that hold nothing a reader asked for. The digest writes long
sentences: the fact, then a clause saying why or what follows ("More than 50% of NHS 111 callers now receive a
clinical assessment, which ends either in advice on the spot or in a referral ..."), or an attribution around it
("The CSP notes that ...", "..., according to the CSP's account of the Implementation Framework."). Dropping whole
statements or brackets lost facts (rounds 17, 19, 20); a clause is cut only when it holds no figure, date, share,
capitalised name or acronym, and none of the question's words, so what is cut cannot be what was asked.

Cut: a trailing clause after a comma that opens with a word that only explains or goes on ("which", "so that",
"giving", "intended", "according to", ...) and runs to the sentence's end; an opening attribution
("The CSP notes that", "According to published summaries of the framework,") before the fact. What is left must
still read as a sentence: a capital, a full stop, brackets and quotes closed, no dangling "and". Lists and two-part
answers are left alone (each clause may be an item). See "Shorter sentences, round 21 (lead21)" in
docs/history/round-21.md."""

from __future__ import annotations

import re

from assistant.asked_words_first import ASKING_WORDS
from assistant.retrieve import tokenize
from assistant.wording import HAS_FIGURE_OR_DATE, as_sentence

OPENERS = ("which", "who", "so that", "so", "giving", "alongside", "saying", "since", "according to",
           "intended", "integrated with", "among others", "without", "through which", "with", "to", "each with")
"""The words opening a trailing clause that explains, goes on or attributes, chosen leave-one-set-out over the tuning
sets (an opener is kept when it cut a clause on the other sets and lost no fact there; every fold kept these).
Left out there: "using", "such as", "including", "for example", "but", "whose" and "and" (their clauses held the
asked-for detail: "using an approach similar to the frailty index", "such as support workers"), and openers that
never cut a clause ("in order to", "building on", "as part of", ...)."""


def trailing_pattern(openers: tuple[str, ...] = OPENERS) -> re.Pattern:
    """A sentence-final clause after a comma, opened by one of `openers`, with no comma, colon or semicolon in it."""
    return re.compile(rf",\s+(?:{'|'.join(openers)})\b(?P<clause>[^;:,]*)[.!?]$", re.I)


TRAILING = trailing_pattern()
"""A sentence-final clause after a comma that explains, goes on or attributes (its opening word, then the rest)."""
OPENING = re.compile(
    r"^(?P<clause>(?:according to [^,]{3,90},\s+)|"
    r"(?:(?:the|a|an|its|in (?:its|a|the)) [^,;:.]{0,80}?\b(?:says?|notes?|states?|reports?|argues?|finds?|explains?|"
    r"points? out|stresses|observes?|reads?|believes?|recognises?|highlights?|adds?)\s+that\s+))(?P<rest>[a-z\"'‘“].*)$",
    re.I | re.S)
"""An attribution before the fact: "According to X, ...", "The CSP notes that ...", "Published summaries say that"."""
QUOTED = re.compile(r"[‘“\"]|(?<!\w)'|'(?!\w)")
"""A quoted term ("'fixed', 'flexible' and 'targeted'") is the document's own word for something: kept."""
DANGLING = re.compile(r"\b(?:and|or|but|with|of|to|the|a|an|for|in|on|by|as|that|which|while)$", re.I)
NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w'’-]*|\b[A-Z]{2,}\b")
"""A capitalised word inside a sentence (a programme, a body, an acronym) or an acronym anywhere."""
NUMBER_WORDS = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                          r"fifty|hundred|thousand|million|billion|half|third|quarter|fifth|tenth|double|twice|"
                          r"percent|per cent|first|second)\b", re.I)
MIN_LEFT = 40
"""Characters a shortened sentence keeps at least: a cut that leaves a stub has cut the sentence, not a clause."""


def holds_anything(clause: str, terms: set[str], names: bool = True) -> bool:
    """Does the clause hold a figure, a date, a share, one of the question's words, or (unless `names` is False: an
    attribution, whose names say only who said it) a capitalised name or acronym?"""
    if QUOTED.search(clause) or HAS_FIGURE_OR_DATE.search(clause) or NUMBER_WORDS.search(clause):
        return True
    if names and NAME.search(clause.strip()):
        return True
    return bool(terms & set(tokenize([clause], as_ids=False)[0]))


ATTRIBUTION = re.compile(r"^,?\s*(?:according to|the (?:csp|plan|framework) (?:says|notes|adds))\b", re.I)
WHO = re.compile(r"\b(?:who|whose|whom|which (?:body|organisation|group))\b", re.I)


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("“") == text.count("”") and text.count('"') % 2 == 0


SUBORDINATE_FIRST = re.compile(r"(?:since|because|as|while|when|if|although|though|once|until|unless|whereas|with|"
                               r"without|after|before|given|for)\b[^,]*$", re.I)
"""A sentence opening on a subordinate clause with no comma after it: the clause after the comma is the main one
("Since every system is to be an ICS by April 2021, each plan must also say ...")."""
SERIES_WORDS = frozenset({"to", "with", "without", "each", "so"})


def _in_series(head: str, cut: re.Match) -> bool:
    """Is the clause the next item of a series ("the most benefit to health, to inequalities and to costs"): its
    opening preposition also stands in the stretch just before the comma?"""
    opener = cut.group(0).lstrip(", ").split()[0].lower()
    last = re.split(r"[,;:]", head)[-1]
    return opener in SERIES_WORDS and bool(re.search(rf"\b{opener}\b", last, re.I))


def shortened_sentence(sentence: str, terms: set[str], words: set[str] | None, trailing: bool = True,
                       opening: bool = True) -> str:
    """One sentence without a trailing or opening clause that holds nothing asked (the sentence itself when none).
    `terms`: the question's naming words; `words`: all its words (an attribution naming the CSP stays when the
    question names the CSP), or None when the question asks who."""
    text = sentence.strip()
    cut = TRAILING.search(text) if trailing else None
    said = cut is not None and bool(ATTRIBUTION.match(text[cut.start():]))
    if cut and (not said or words is not None) and \
            not holds_anything(text[cut.start():], words if said and words is not None else terms, names=not said):
        head = text[:cut.start()].rstrip(" ,;")
        if len(head) >= MIN_LEFT and not DANGLING.search(head) and _balanced(head) and not _in_series(head, cut) \
                and not SUBORDINATE_FIRST.match(head):
            text = as_sentence(head)
    lead = OPENING.match(text) if opening else None
    if lead and words is not None and not holds_anything(lead["clause"], words, names=False):
        rest = lead["rest"]
        if len(rest) >= MIN_LEFT and _balanced(rest):
            text = rest[:1].upper() + rest[1:]
    return text


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'‘])")


def shortened(question: str, statement: str, trailing: bool = True, opening: bool = True) -> str:
    """A statement (one sentence or the lead with its continuation) with each sentence shortened."""
    words = set(tokenize([question], as_ids=False)[0])
    terms = words - ASKING_WORDS
    who = None if WHO.search(question) else words
    return " ".join(shortened_sentence(s, terms, who, trailing, opening) for s in SENTENCE_END.split(statement.strip()))
