"""Is a question inside the documents' scope? Each check asks whether what the question is about (its place,
organisation, document, period, premise or person) is something the documents, or the passages found for it, say
anything about. The documents are three national plans for the NHS in England written in 2019, so a question about
Wales, a named hospital, the 2023 workforce plan, this year's pay award or the reader's own care is outside them
however closely its words match a passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial

from assistant.asked_figure import asked_figure, missing_figure
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.exact_count import exact_count_refusal
from assistant.figure_breakdown import missing_breakdown, missing_detail
from assistant.glossary import ACRONYMS, documents_words, spelled_out
from assistant.known_names import known_in_pieces
from assistant.near_miss import near_miss_refusal
from assistant.premise import unknown_premise, unsupported_premise
from assistant.premise_check import action_refusal
from assistant.refusal import COVERS, Refusal
from assistant.refusal import normal as _normal
from assistant.scope_gaps import missing_part
from assistant.scope_kinds import kind_refusal
from assistant.scope_personal import PERSONAL_MATTER, contact_details, personal_matter, writing_task
from assistant.scope_places import (
    ORGANISATION_KIND,
    OTHER_NATIONS,
    asker_background,
    asking_clauses,
    background_nations,
    devolved_body,
    organisation,
    other_nation,
    other_nation_city,
)
from assistant.scope_time import (
    ABOUT_DOCUMENTS,
    NOW,
    NOW_COMPARED,
    PERIOD,
    PLANNED_WHEN,
    PUBLISHED,
    YEAR,
    later_year,
    other_document,
    outcome,
)
from assistant.typed_reading import typed_words

__all__ = ["COVERS", "NOW", "OTHER_NATIONS", "PERIOD", "PERSONAL_MATTER", "PUBLISHED", "Refusal", "asking_clauses",
           "background_nations", "best_rerank", "corpus_text", "out_of_scope_names", "unknown_names",
           "unsupported", "vocabulary"]

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.?!:;]\s+|\n)\s*[\"'(]?([A-Za-z][\w'’-]*)")


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Every word of the indexed text, lower-cased, for `unknown_names`."""
    words: set[str] = set()
    for text in texts:
        words.update(w.lower().rstrip("'’").removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text))
        words.update(YEAR.findall(text))
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
        if match.start() in starts or not bare[:1].isupper() or re.fullmatch(r"I(['’]\w+)?", bare):
            continue
        if bare.lower() not in known and bare.lower().rstrip("s") not in known and bare not in names:
            names.append(bare)
    names += [year for year in dict.fromkeys(YEAR.findall(question)) if year not in known]
    return names


def out_of_scope_names(question: str, best_similarity: float, known: frozenset[str],
                       gate: float = DEFAULT_CONFIG.name_gate_similarity) -> list[str]:
    """The names that put the question outside the documents, or [] when it is in scope.

    A year the documents never mention rules the question out however well it matches: "doubling places by
    2031" matches the plan's medical school passage closely, but the plan says nothing about 2031."""
    unknown = unknown_names(question, known)
    years = [name for name in unknown if YEAR.fullmatch(name)]
    if best_similarity >= gate:
        return years
    return unknown


_PROPER_RUN = re.compile(r"\b(?:[A-Z0-9][\w'’&-]*)(?:\s+(?:of|and|for|in|&|[A-Z0-9][\w'’&-]*)){1,6}")
"""Runs of capitalised words: names of documents ("10 Year Health Plan"), trusts and places."""


def unsupported(question: str, passages: list[str], best_similarity: float, known: frozenset[str],
                corpus_text: str, gate: float = DEFAULT_CONFIG.name_gate_similarity, best_rerank: float | None = None,
                config: PipelineConfig = DEFAULT_CONFIG, context: str = "", figures: bool = True) -> Refusal | None:
    """A reason the passages found cannot answer `question`, or None. Each check looks at what the question is
    about (person, place, organisation, document, period, premise, names) and whether the documents or these
    passages say it; `gate` is the best-passage similarity above which an unknown short name no longer rules the
    question out; `best_rerank` is the cross-encoder's score of the best passage, when it read any; `context` is the
    question as searched for (with a follow-up's earlier question); `figures` False skips the figure gate (its
    refusal overruled: assistant/refusal_second_look.py)."""
    if config.inscope17:  # "wot chunk ... shud they cover": the rules look for "what" and "should"
        question = typed_words(question)
    found = _normal(" ".join(passages))
    documents = partial(other_document, verbs=config.answerable_reading)  # "did the csp report that" reads as a verb
    for check in (personal_matter, contact_details, writing_task, other_nation, documents, outcome, organisation,
                  devolved_body, other_nation_city):
        refusal = check(question, found, corpus_text)
        if refusal:
            return refusal
    kind = kind_refusal(question, found, corpus_text, bodies=config.kind_refusals) \
        if config.kind_refusals or config.refuse17 else None
    if kind:  # refusals14's rules by kind of question (refuse17: without lower-case bodies); off by default
        return kind
    gap = missing_part(question, passages, corpus_text)  # "what does Annex D say": the copy lacks its text
    if gap:
        return gap
    names = (out_of_scope_names(question, best_similarity, known, gate)
             or _unknown_phrases(question, corpus_text, best_similarity, gate, config.answerable_reading))
    background = background_nations(question)
    names = [name for name in names if not any(nation in name.lower() for nation in background)
             and not asker_background(name, question)  # "I'm a practice manager in Kent. Which roles ...?"
             and not spelled_out(name, found)  # "the MIU" where a passage says "minor injury units"
             and not spelled_out(name, _normal(question), shortest=2)  # the asker spells it out themselves
             and not (config.inscope26 and known_in_pieces(name, question, corpus_text))]  # "King's Fund"
    if ABOUT_DOCUMENTS.search(question):  # "does the plan add NICU cots?": the user's word for something it may cover
        names = [name for name in names if " " in name or YEAR.fullmatch(name)]
    if names:
        quoted = ", ".join(f"\u201c{n}\u201d" for n in names)
        return Refusal(f"{COVERS} They never mention {quoted}, so they don't answer this.", tuple(names))
    unheard = unknown_premise(question, known, corpus_text, config.inscope17)
    if unheard:
        return Refusal(f"{COVERS} They never mention \u201c{unheard}\u201d, so they can't say what it is or how it works; "
                       "the related passages say what they do say.", (unheard,))
    asked = " ".join(asking_clauses(question))  # "Currently our hospital offers little - by when will ...?"
    if PERIOD.search(asked) or NOW_COMPARED.search(asked) or \
            (NOW.search(asked) and not ABOUT_DOCUMENTS.search(f"{question} {context}") and not PLANNED_WHEN.search(asked)):
        return Refusal(f"{COVERS} They set out plans from 2019 and can't tell you what applies now.", dated=True)
    about_passages = best_rerank is not None and best_rerank >= config.figure_rerank
    read = config.answerable_reading
    asked_q = documents_words(question) if read else question  # "how many kids": the documents count children
    typed = config.inscope17
    missing = figures and (
        (about_passages or _asked_thing_unknown(asked_q, corpus_text))
        and missing_figure(asked_q, passages, clauses=read, typed=typed, context=context)
        or about_passages and missing_breakdown(asked_q, passages, typed) or missing_detail(asked_q, passages))
    if missing:
        return Refusal(missing, figure=True)
    action = config.premise20 and (action_refusal(question, passages)  # "why did the LTP bring back X?"
                                   or figures and exact_count_refusal(asked_q, passages)) or None  # "exactly how many"
    near = config.nearmiss26 and near_miss_refusal(question, passages, known, corpus_text) or None
    return later_year(question, found, typed) or _false_premise(question, found) or action or near or \
        _weak_match(best_similarity, best_rerank, config)


def _asked_thing_unknown(question: str, corpus_text: str) -> bool:
    """Whether what a "how many"/"how much is a" question counts or prices is a word the documents never use ("how
    much does a dental check-up cost?"): then no passage can give its figure, however weakly retrieval matched."""
    asked = asked_figure(question)
    if not asked or not asked[1]:
        return False
    head = _normal(asked[1][-1]).rstrip("s")
    return len(head) > 2 and not re.search(rf"\b{re.escape(head)}", corpus_text)


def _false_premise(question: str, found: str) -> Refusal | None:
    premise = unsupported_premise(question, found)
    if premise is None:
        return None
    verb, said = premise
    return Refusal(f"The documents never say the plan did that (\u201c{said}\u201d), so there is no why or when to "
                   "give; the related passages say what they do say.", (verb,))


def _weak_match(best_similarity: float, best_rerank: float | None, config: PipelineConfig) -> Refusal | None:
    """Neither the embedding nor the cross-encoder finds a passage that answers the question."""
    if best_rerank is None or best_similarity >= config.weak_similarity or best_rerank >= config.weak_rerank:
        return None
    return Refusal(f"{COVERS} None of their passages answers this closely.")


def _unknown_phrases(question: str, corpus_text: str, best_similarity: float,
                     gate: float = DEFAULT_CONFIG.name_gate_similarity, parts: bool = False) -> list[str]:
    """Names of several capitalised words ("Manchester University NHS Foundation Trust") the documents never use.
    A name of three or more words is specific enough to rule the question out however well the rest matches;
    a two-word one only when no passage matches closely. With `parts` (PipelineConfig.answerable_reading), names
    joined by "and" are read apart ("NHS 111 and UTCs": two things the documents name, not one they don't)."""
    phrases = []
    starts = {m.start(1) for m in _SENTENCE_START.finditer(question)}
    for match in _PROPER_RUN.finditer(question):
        words = match.group(0).split()
        if match.start() in starts:
            words = words[1:]
        while words and (not words[0][:1].isupper() or re.fullmatch(r"I(['’]\w+)?", words[0])):
            words = words[1:]  # "I'm in England": the pronoun names nothing
        while words and (not words[-1][:1].isupper() or re.fullmatch(r"I(['’]\w+)?", words[-1])):
            words.pop()
        if _ASKER_ROLE.search(question[:match.start()]):
            continue  # "As a Director of Nursing I need ...": who asks, not what is asked about
        phrase = re.sub(r"['’]s\b", "", " ".join(words))
        if len(words) < 2 or _normal(phrase) in corpus_text or \
                all(w.isupper() or ORGANISATION_KIND.fullmatch(w) for w in words if w[:1].isupper()):
            continue  # acronyms and kinds of organisation ("NHS Foundation Trust") name no particular one
        if parts and _known_parts(phrase, corpus_text):
            continue
        if len(words) >= 3 or best_similarity < gate:
            phrases.append(phrase)
    return phrases


def _known_parts(phrase: str, corpus_text: str) -> bool:
    """Whether `phrase` joins by "and" names each of which the documents use, or an acronym ("UTCs")."""
    pieces = re.split(r"\s+(?:and|&)\s+", phrase)
    return len(pieces) > 1 and all(_normal(piece) in corpus_text or re.fullmatch(r"[A-Z]{2,}s?", piece)
                                   for piece in pieces)


_ASKER_ROLE = re.compile(r"\b(?:as|i'?m|i am|i work as|i'?ve been)\s+(?:a|an|the)\s+$", re.I)


def corpus_text(texts: Iterable[str]) -> str:
    """Every passage and title, lower-cased with hyphens as spaces, for finding a phrase a question names."""
    return _normal(" ".join(texts))


def best_rerank(hits: list) -> float | None:
    """The cross-encoder's best score among `hits` (assistant.retrieve.Hit), or None when it read none."""
    scores = [h.rerank_score for h in hits if h.rerank_score is not None]
    return max(scores) if scores else None
