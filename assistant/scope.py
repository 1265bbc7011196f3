"""Is a question inside the documents' scope? A name the documents never mention ("NHS Scotland", "HCPC",
"Leeds General Infirmary") is a strong sign it is not, even when the rest of the question sounds like
the NHS and so scores a middling similarity against some passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

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


OTHER_NATIONS = {"scotland": "NHS Scotland", "scottish": "NHS Scotland", "wales": "NHS Wales", "welsh": "NHS Wales",
                 "northern ireland": "Northern Ireland's health service", "northern irish": "Northern Ireland's health service"}
"""The documents cover the NHS in England only; health is devolved in the other three UK nations."""
_NATION = re.compile(r"\b(northern ireland|northern irish|scotland|scottish|wales|welsh)\b", re.I)
PERIOD = re.compile(r"\b(current(ly)?|this year|today|at (the )?(moment|present)|latest|nowadays|these days|right now|"
                    r"this (winter|spring|summer|autumn)|next year)\b", re.I)
"""Words asking about the present day; the documents date from 2019-2020."""
_PROPER_RUN = re.compile(r"\b(?:[A-Z0-9][\w'’&-]*)(?:\s+(?:of|and|for|in|&|[A-Z0-9][\w'’&-]*)){1,6}")
"""Runs of capitalised words: names of documents ("10 Year Health Plan"), trusts and places."""
_DOCUMENT = re.compile(r"\b((?:20(?:2[1-9]|[3-9]\d))\s+(?:[\w'’-]+\s+){0,3}(?:plan|guidance|strategy|framework|manifesto|review|"
                       r"contract|report|white paper|act|bill))\b|\bmanifestos?\b|\bwhite paper\b|\bgreen paper\b", re.I)
"""A document named by its year ("the 2023 workforce plan", "2025 neighbourhood guidance") or by a kind the corpus
does not hold (a party manifesto, a white paper)."""
_NAMED_REVIEW = re.compile(r"\b((?:[A-Z][\w'’-]+\s+){1,3})(?i:stocktake|review|report|inquiry|commission)\b")
"""A review or report named after a person or body ("the Fuller stocktake", "the Darzi review")."""
PREMISE = re.compile(r"\b(?:why|when|how)\b.{0,40}?\b(did|has|have|was|were)\b.{0,60}?\b(scrap|abolish|axe|ditch|"
                     r"cut|privatise|ban|replace|reverse|cancel|withdraw|halve|freeze|shut)"
                     r"(s|ed|ped|ping|ing|d)?\b(?P<object>.{0,60})", re.I)
"""A question that takes an action as given ("why did the plan scrap PCNs?")."""
PREMISE_TO_COME = re.compile(r"\b(?:why|when|how)\b.{0,40}?\b(does|do|will)\b.{0,60}?\b(shut|scrap|abolish)"
                             r"(s|ped|ping|ting|ing)?\b(?P<object>.{0,60})", re.I)
"""The same about the future ("when does NHS 111 get shut down?"), for verbs no plan uses of its own aims: "how
will the NHS cut waits?" asks about a real aim."""
PERSONAL_MATTER = re.compile(
    r"\b(ring|call|phone|email|e-mail|text|contact|book|refer)\s+me\b|"
    r"\bmy (own )?(appointment|referral|test results?|records?|operation|surgery|waiting list|gp practice)\b|"
    r"\bannual leave\b|\b(do|will|would|can) i (get|earn|be paid|be entitled)\b.{0,40}\b(pay|salary|leave|pension|band)\b",
    re.I)
"""Someone's own care or employment ("ring me back about my appointment", "how much annual leave do I get"): the
documents set out national plans and cannot act on or answer either."""
COVERS = ("The documents I have are the NHS Long Term Plan (January 2019), its Implementation Framework (June 2019) "
          "and the CSP's guidance on them, all about the NHS in England.")


@dataclass(frozen=True)
class Refusal:
    """Why the retrieved passages cannot support an answer, in words for the user."""

    reason: str
    names: tuple[str, ...] = ()


def unsupported(question: str, passages: list[str], best_similarity: float, known: frozenset[str],
                corpus_text: str, gate: float = DEFAULT_CONFIG.name_gate_similarity) -> Refusal | None:
    """A reason the passages found cannot answer `question`, or None. Each check looks at what the question is
    about (place, document, period, premise, names) and whether the documents or these passages say it; `gate` is
    the best-passage similarity above which an unknown short name no longer rules the question out."""
    found = " ".join(passages).lower()
    for check in (_personal_matter, _other_nation, _other_document):
        refusal = check(question, found, corpus_text)
        if refusal:
            return refusal
    names = (out_of_scope_names(question, best_similarity, known, gate)
             or _unknown_phrases(question, corpus_text, best_similarity, gate))
    if names:
        quoted = ", ".join(f"\u201c{n}\u201d" for n in names)
        return Refusal(f"{COVERS} They never mention {quoted}, so they don't answer this.", tuple(names))
    if PERIOD.search(question):
        return Refusal(f"{COVERS} They set out plans from 2019 and can't tell you what applies now.")
    return _false_premise(question, found)


def _personal_matter(question: str, found: str, corpus_text: str) -> Refusal | None:
    if not PERSONAL_MATTER.search(question):
        return None
    return Refusal("The documents I have set out national NHS plans: they can't see or act on your own care, and they "
                   "don't set anyone's pay or leave. For your care, contact the service or your GP practice; for pay "
                   "and leave, your employer or trade union (for physiotherapists, the CSP).")


def _other_nation(question: str, found: str, corpus_text: str) -> Refusal | None:
    match = _NATION.search(question)
    if not match or match.group(1).lower() in found:
        return None
    service = OTHER_NATIONS[match.group(1).lower()]
    return Refusal(f"The Long Term Plan covers the NHS in England; it says nothing about {service}, whose "
                   "plans and funding are set by its own government.", (match.group(1),))


def _other_document(question: str, found: str, corpus_text: str) -> Refusal | None:
    for match in _DOCUMENT.finditer(question):
        named = " ".join(match.group(0).split())
        if _normal(named) not in corpus_text:
            return Refusal(f"{COVERS} They don't include the {named}, or anything published after 2020.", (named,))
    for match in _NAMED_REVIEW.finditer(question):
        named = " ".join(match.group(0).split())
        if any(not word.isupper() for word in match.group(1).split()) and _normal(named) not in corpus_text:
            return Refusal(f"{COVERS} They don't include the {named}, or anything published after 2020.", (named,))
    return None


def _unknown_phrases(question: str, corpus_text: str, best_similarity: float,
                     gate: float = DEFAULT_CONFIG.name_gate_similarity) -> list[str]:
    """Names of several capitalised words ("Manchester University NHS Foundation Trust") the documents never use.
    A name of three or more words is specific enough to rule the question out however well the rest matches;
    a two-word one only when no passage matches closely."""
    phrases = []
    starts = {m.start(1) for m in _SENTENCE_START.finditer(question)}
    for match in _PROPER_RUN.finditer(question):
        words = match.group(0).split()
        if match.start() in starts:
            words = words[1:]
        while words and not words[-1][:1].isupper():
            words.pop()
        phrase = " ".join(words)
        if len(words) < 2 or _normal(phrase) in corpus_text or all(w.isupper() for w in words if w[:1].isupper()):
            continue
        if len(words) >= 3 or best_similarity < gate:
            phrases.append(phrase)
    return phrases


def _false_premise(question: str, found: str) -> Refusal | None:
    match = PREMISE.search(question) or PREMISE_TO_COME.search(question)
    if not match:
        return None
    verb = match.group(2).lower()
    if re.search(rf"\b{verb[:4]}", found):
        return None
    subject = " ".join(match.group("object").strip(" ?.!").split()) or "it"
    return Refusal(f"The documents never say the plan did that (\u201c{verb} {subject}\u201d), so there is no "
                   "why or when to give; the related passages say what they do say.", (verb,))


def corpus_text(texts: Iterable[str]) -> str:
    """Every passage and title, lower-cased with hyphens as spaces, for finding a phrase a question names."""
    return _normal(" ".join(texts))


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[-‐–—’']", " ", text.lower()).split())
