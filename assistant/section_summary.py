"""A broad question whose topic the documents give a section of its own ("cancer", "maternity services", "the
workforce chapter", "chapter 3") is summarised from that section: a point from each subsection, or the section's
headline points when it has none, each the sentence that carries what its passage adds (a figure, a date, a named
programme), in document order. Bullets chosen from the retrieved passages alone scatter over passages that mention
the topic in passing and miss the section's own headline commitments."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from assistant.answer_style import FIGURE as AMOUNT
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.retrieve import Hit
from assistant.sections import SectionInfo, in_section
from indexer.embeddings import SentenceEmbeddings
from indexer.passage import Document, Passage, sentences


@dataclass(frozen=True)
class Point:
    """One bullet: the sentence shown, the passage it is cited to, how much it adds and how close it is to the
    topic."""

    passage: Passage
    sentence: str
    value: float
    relevance: float


FIGURE = re.compile(r"£\s?\d[\d,.]*(?:\s?(?:billion|million|bn|m)\b)?|\b\d[\d,.]*\s?(?:%|per ?cent\b)|"
                    r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\s(?:billion|million|thousand)\b|"
                    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)[- ](?:hours?|days?|weeks?|fold)\b", re.I)
"""An amount, a share, a count or a time standard: what a headline commitment states."""
DATE = re.compile(r"\b(?:by|from|in|during|until|before|within|starting in|beginning in)\s+(?:(?:early|late|spring|"
                  r"summer|autumn|winter|january|february|march|april|may|june|july|august|september|october|"
                  r"november|december)\s+)?20\d\d(?:/\d\d)?\b", re.I)
"""When a commitment is due ("by 2023/24", "from summer 2021")."""
COMMITMENT = re.compile(r"\b(will|is to|are to|aims? to|ambition|commits?|commitment|target|expects?|must|should|"
                        r"is due|are due)\b", re.I)
"""What the NHS will do, as against background ("smoking has declined", "around 6.1 million people smoke")."""
BACKGROUND = re.compile(r"\b(already|currently|at present|today|so far|has (?:risen|fallen|grown|doubled|halved)|"
                        r"have (?:risen|fallen|grown|doubled|halved)|fell|rose)\b", re.I)
"""Where things stand ("already puts 10% of its budget into mental health"): context, not what the plan adds."""
NAME = re.compile(r"(?<=[a-z,] )(?:[A-Z][\w'’-]+ (?:(?:of|for|and) )?){2,}[A-Z]?[\w'’-]*")
"""A named programme or service inside a sentence ("the Saving Babies' Lives Care Bundle", "Alcohol Care Teams")."""
LEAD_NUMBER = re.compile(r"^(?:chapter|annex|appendix|test|section|part)\s+\w+[:.]?\s*|^\d+[.:]?\s+", re.I)


LENGTH_COST = 0.05
"""Per 100 characters past 200: a bullet is read at a glance."""
PAIR_COST = 0.1
"""A bullet of two sentences (one leaning on the other) must add more than one sentence would."""


def headline_weight(sentence: str) -> float:
    """How much a sentence states that a summary should carry: figures, a due date, a named programme, a
    commitment; a long sentence costs a little, as a bullet is read at a glance."""
    figures = len(set(FIGURE.findall(sentence)))
    dated, committed = bool(DATE.search(sentence)), bool(COMMITMENT.search(sentence))
    # A figure counts in full in a commitment ("will double to 200,000 a year"), half in a finding.
    value = 0.12 * min(figures, 3) * (1.0 if dated or committed else 0.5) + 0.12 * dated + 0.1 * committed
    value += 0.08 * bool(NAME.search(sentence)) - 0.1 * bool(BACKGROUND.search(sentence))
    return value - LENGTH_COST * max(0, len(sentence) - 200) / 100 - PAIR_COST * sentence.count(". ")


def plain_title(title: str) -> str:
    """A heading without its numbering ("Chapter 4: NHS staff ..." gives "NHS staff ..."), a long one up to its
    first comma or dash."""
    plain = LEAD_NUMBER.sub("", title).strip() or title
    return re.split(r",| – | - ", plain)[0].strip() if len(plain) > 60 else plain


def named_document(question: str, documents: Mapping[str, Document]) -> str | None:
    """The document a question names ("the LTP", "the CSP", "the Implementation Framework"; then by the last word
    of a short title: "the framework", "the plan"), if any."""
    q = question.lower()

    def named(names: set[str]) -> bool:
        return any(len(n) > 2 and re.search(rf"\b{re.escape(n)}\b", q) for n in names)

    for doc_id, info in documents.items():
        if named({doc_id.lower(), info.short_title.lower()}):
            return doc_id
    for doc_id, info in documents.items():
        if named(set(info.short_title.lower().split()[-1:])):
            return doc_id
    return None


def topic_section(focus: np.ndarray, hits: list[Hit], sections: list[SectionInfo], embeddings: SentenceEmbeddings,
                  doc_id: str | None = None, chapters_only: bool = False,
                  config: PipelineConfig = DEFAULT_CONFIG, min_title: float | None = None) -> SectionInfo | None:
    """The section a broad question is about: its title close to the topic and the retrieved passages gathered
    in it. None when no section holds `summary_anchor_share` of the retrieval (the topic runs across the
    documents: "what does the plan mean for physios?"), or fewer than `summary_anchor_hits` of them; the share is
    of the retrieved passages in the document the question names, when it names one."""
    candidates = [s for s in sections if s.passages and (doc_id is None or s.doc_id == doc_id)
                  and (s.level == 1 or not chapters_only)
                  and sum(in_section(h.passage, s.id) for h in hits) >= 1]
    if not candidates or not hits:
        return None
    titles = embeddings.embed_sentences([plain_title(s.title) for s in candidates]) @ focus
    # A section whose title names the topic needs one retrieved passage; any other, `summary_anchor_hits`.
    kept = [n for n, s in enumerate(candidates) if titles[n] >= config.summary_anchor_title_alone or
            sum(in_section(h.passage, s.id) for h in hits) >= min(config.summary_anchor_hits, s.passages)]
    if not kept:
        return None
    candidates, titles = [candidates[n] for n in kept], titles[kept]
    weights = 1.0 / (1.0 + np.arange(len(hits)))
    mine = np.array([doc_id is None or hit.passage.doc_id == doc_id for hit in hits])
    share = np.array([sum(w for hit, w in zip(hits, weights, strict=True) if in_section(hit.passage, s.id))
                      for s in candidates]) / max(float(weights[mine].sum()), 1e-9)
    scores = titles + config.summary_anchor_share_weight * share
    best = int(np.argmax(scores))
    least = config.summary_anchor_title if min_title is None else min_title
    if share[best] < config.summary_anchor_share or titles[best] < least:
        return None
    return candidates[best]


def section_points(section: SectionInfo, sections: list[SectionInfo], passages: list[Passage], focus: np.ndarray,
                   embeddings: SentenceEmbeddings, stands_alone: Callable[[str], bool], shown: Callable[[Passage, str], str],
                   config: PipelineConfig = DEFAULT_CONFIG, floor: float | None = None) -> list[Point]:
    """The section's headline points in document order: each subsection's best point before any gives a second
    (a section without subsections gives its best few), none restating one already chosen, within
    `summary_max_bullets` and about `summary_max_chars`; none less close to the topic than `floor`."""
    inside = [p for p in passages if in_section(p, section.id)]
    children = [s.id for s in sections if s.id.startswith(section.id + "/") and s.level == section.level + 1]

    def group(passage: Passage) -> str:
        return next((c for c in children if in_section(passage, c)), section.id)

    candidates = [(p, shown(p, s)) for p in inside for s in units(p.text, stands_alone)]
    if not candidates:
        return []
    vectors = embeddings.embed_sentences([s for _, s in candidates])
    relevance = vectors @ focus
    values = relevance * config.summary_relevance_weight + np.array([headline_weight(s) for _, s in candidates])
    order = [int(i) for i in np.argsort(-values, kind="stable") if floor is None or relevance[i] >= floor]
    chosen: list[int] = []
    length = 0
    for key in (lambda p: group(p), lambda p: p.id, None):  # a short section gives more than one point a passage
        used = {key(candidates[c][0]) for c in chosen} if key else set()
        for index in order:
            passage, sentence = candidates[index]
            if len(chosen) == config.summary_max_bullets or \
                    (key is None and floor is None and len(chosen) >= config.summary_min_bullets):
                break
            if index in chosen or (key and (key(passage) in used or any(candidates[c][0].id == passage.id
                                                                          for c in chosen))) or \
                    any(float(vectors[index] @ vectors[c]) > config.summary_section_distinct for c in chosen):
                continue
            if len(chosen) >= config.summary_min_bullets and length + len(sentence) > config.summary_max_chars:
                continue
            if set(AMOUNT.findall(sentence)) & {a for c in chosen for a in AMOUNT.findall(candidates[c][1])}:
                continue  # an amount a bullet already states: a restatement, or two figures a reader would confuse
            if key:
                used.add(key(passage))
            chosen.append(index)
            length += len(sentence)
    chosen.sort(key=lambda i: (candidates[i][0].order, i))
    return [Point(candidates[i][0], candidates[i][1], float(values[i]), float(relevance[i])) for i in chosen]


def units(text: str, stands_alone: Callable[[str], bool], longest: int = 320) -> list[str]:
    """A passage's possible bullets: each sentence that stands alone, and a sentence that leans on the one before
    it ("It proposes integrated community hubs ...") joined to that one when the two stay short."""
    found: list[str] = []
    parts = sentences(text)
    for n, sentence in enumerate(parts):
        if stands_alone(sentence):
            found.append(sentence)
        elif n and len(parts[n - 1]) + len(sentence) < longest and stands_alone(f"{parts[n - 1]} {sentence}"):
            found.append(f"{parts[n - 1]} {sentence}")
    return found


ACRONYM = re.compile(r"\(([A-Z][A-Za-z]*[A-Z])(s?)\)")


def spelt_out(passage: Passage, sentence: str) -> str:
    """The sentence with an acronym its passage defines earlier written in full the first time ("ACTs" gives
    "Alcohol Care Teams (ACTs)"): a bullet is read without the sentence that defined it."""
    for match in ACRONYM.finditer(passage.text):
        acronym, plural = match[1], match[2]
        letters = [c for c in acronym if c.isupper()]
        words = passage.text[: match.start()].split()[-len(letters):]
        if len(words) != len(letters) or [w[0].upper() for w in words] != letters:
            continue
        name = " ".join(words)
        short = acronym + plural
        if name in sentence or not re.search(rf"\b{re.escape(short)}\b", sentence):
            continue
        sentence = re.sub(rf"\b{re.escape(short)}\b", f"{name} ({short})", sentence, count=1)
    return sentence


ASIDE = re.compile(r" \((?P<aside>[^()]{20,})\)")
TAIL = re.compile(r", (?:so that|so|in line with|which|with a view to|in order to|helping|making) [^,;:]*[.!?]?$")


def trimmed(sentence: str) -> str:
    """A bullet without what only explains it: a long aside in brackets and a closing purpose or "which" clause,
    when they state no figure or date (the cited passage keeps them)."""
    def states(text: str) -> bool:
        return bool(FIGURE.search(text) or DATE.search(text) or re.search(r"\d", text))

    sentence = ASIDE.sub(lambda m: m[0] if states(m["aside"]) else "", sentence)
    tail = TAIL.search(sentence)
    if tail and not states(tail[0]) and len(sentence[: tail.start()].split()) >= 8:
        sentence = sentence[: tail.start()].rstrip(" ,;:") + "."
    return sentence
