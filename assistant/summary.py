"""Broad questions ("what does the plan mean for primary care?", "what's in chapter 3?", "summarise the framework
for physios") answered as 3-6 bullets: one distinct point each, from different passages and sections, each
cited, in document order. One best sentence cannot answer them, and four sentences of one passage miss the rest.
When one passage is plainly what the question is about ("unpaid carers" inside the out-of-hospital section), it
leads with its sentences closest to the topic and the rest stay near that topic (assistant/summary_lead.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from itertools import zip_longest

import numpy as np

from assistant.answer import Answer, Citation, make_citation
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.retrieve import Hit, tokenize
from assistant.section_summary import named_document, plain_title, section_points, spelt_out, topic_section, trimmed
from assistant.sections import SectionInfo, in_section
from assistant.summary_lead import lead_passage, lead_points, off_topic
from assistant.summary_uncited import uncited_extras, with_extras
from assistant.wording import POINTS_BACK_WITHIN, clean_sentence, ends_whole, has_label, is_fragment, points_back
from indexer.embeddings import SentenceEmbeddings
from indexer.passage import Document, find_document, sentences

BROAD_QUESTION = re.compile(
    r"\bwhat (does|do|will) (the|this|it|that) ([\w'’-]+ ){0,3}(mean|change) for\b|"
    r"\bwhat(?:'s| is) in (chapter|section|annex)\b|\bsummar(ise|ize|y of)\b|\boverview of\b|"
    r"\b(main|key) (points|messages|commitments) (of|in|for|on)\b|\btell me about\b|"
    r"\bwhat does (the|this) ([\w'’-]+ ){0,3}say about\b|\bbig picture\b|"
    r"\bwhat(?:'s|s| is) in (?:the |this |it )?([\w'’-]+ ){0,3}for\b|"
    r"\b(gist|in a nutshell|in broad terms)\b|,? (broadly|overall)\s*[?.!]*\s*$",
    re.I)
SAYS_ABOUT = re.compile(r"\bsays? about\b", re.I)
ASKS_BROADLY = re.compile(r"\b(broad(ly)?|overall|big picture|summar(ise|ize|y)|overview|gist|nutshell|main|key)\b", re.I)
CHAPTER = re.compile(r"\bchapter\b", re.I)
"""A question about "the workforce chapter" is about a whole chapter, not one of its sections."""
PART_OF_DOCUMENT = re.compile(r"\b(chapter|section|annex)\s+([0-9]+|[a-d])\b", re.I)


def is_broad(question: str) -> bool:
    return bool(BROAD_QUESTION.search(question))


def summary_answer(question: str, query: str, hits: list[Hit], sections: list[SectionInfo], passages: list,
                   documents: Mapping[str, Document], embeddings: SentenceEmbeddings, config: PipelineConfig = DEFAULT_CONFIG,
                   own: list[Hit] | None = None) -> Answer | None:
    """Bullets for a broad question; None when fewer than three distinct points are found (the caller then gives
    an ordinary answer). A chapter the question names, or the section its topic has of its own, is summarised
    from that section; otherwise bullets come from the retrieved passages across sections. With `own` (the
    question's own search, broad22) its best passages no bullet cites add a bullet each."""
    part = _named_part(question, sections)
    focus = part.title if part else topic(query)
    focus_vector = np.array(embeddings.embed_query(focus))
    # "What does the plan say about pneumonia?" asks about one subject, maybe a part of a section: that section is
    # summarised only when it is named for the subject, unless the question asks broadly.
    narrow = SAYS_ABOUT.search(question) and not ASKS_BROADLY.search(question)
    anchor = part or topic_section(focus_vector, hits, sections, embeddings, named_document(question, documents),
                                   bool(CHAPTER.search(question)), config,
                                   config.summary_anchor_title_alone if narrow else None)
    # A section named for the topic ("Cancer" for cancer) or by number is summarised whole; a question about part
    # of one, or across sections, leads with the passage it is most about.
    whole = part is not None or (anchor is not None and float(
        embeddings.embed_sentences([plain_title(anchor.title)])[0] @ focus_vector) >= config.summary_anchor_title_alone)
    lead = None if whole else lead_passage(hits, anchor, config)
    if not whole and anchor is not None and lead is None and lead_passage(hits, None, config) is not None:
        # The passages the question is about lie outside the section: not the question's own section.
        anchor, lead = None, lead_passage(hits, None, config)
    leading = lead_points(lead, focus_vector, embeddings, _stands_alone, _shown, config) if lead else []
    # The lead passage's bullets come first; the others are chosen as before for the places left, from passages
    # that bear on the question, and follow in document order.
    skip = off_topic(hits, config) | ({lead.id} if lead and leading else set())
    rest = replace(config, summary_max_bullets=max(1, config.summary_max_bullets - len(leading)))
    first = [(Hit(lead, 1.0, 1.0), s) for s, _ in leading] if lead else []
    floor = max(r for _, r in leading) - config.summary_lead_section_margin if leading else None
    if anchor is not None:
        inside = [p for p in passages if p.id not in skip]
        points = section_points(anchor, sections, inside, focus_vector, embeddings, _stands_alone, _shown, rest, floor)
        if len(leading) + len(points) >= config.summary_min_bullets:
            label = find_document(documents, anchor.doc_id).label
            section = f"the {label}'s section \u201c{plain_title(anchor.title)}\u201d"
            heading = f"{anchor.title} covers, among other things:" if part else f"In brief, {section} makes these points:"
            source = f"These points are from {section}." if config.summary_points_first and not part else None
            shown = first + [(Hit(p.passage, 1.0, p.relevance), p.sentence) for p in points]
            # A chapter the question names keeps to that chapter; a topic's section may gain the question's own best
            # passages from elsewhere (broad22), and its closing line then says most points are from it.
            if own:
                own = [h for h in own[:config.broad22_top] if not part or in_section(h.passage, anchor.id)]
                shown = _widened(shown, own, focus_vector, embeddings, documents, len(first), config)
                if source and not all(in_section(hit.passage, anchor.id) for hit, _ in shown):
                    source = f"Most of these points are from {section}."
            return _bulleted(question, None if source else heading, shown, documents, source)
    if part:
        return None
    candidates = [(hit, _shown(hit.passage, s)) for hit in hits if hit.passage.id not in skip
                  for s in sentences(hit.passage.text) if _stands_alone(s)]
    if len(leading) + len(candidates) < config.summary_min_bullets:
        return None
    if candidates:
        vectors = embeddings.embed_sentences([s for _, s in candidates])
        scores = vectors @ focus_vector + 0.15 * _overlap(focus, [s for _, s in candidates]) + \
            np.array([config.summary_fact_bonus if states_fact(s) else 0.0 for _, s in candidates])
        if floor is not None:  # beside the passage the question is about, only points about as close to its topic
            scores = np.where(vectors @ focus_vector < floor, -9.0, scores)
        chosen = [i for i in _chosen(candidates, scores, vectors, rest, config) if scores[i] > -9.0]
    else:
        chosen = []
    if len(leading) + len(chosen) < config.summary_min_bullets:
        return None  # too few points near the topic: the ordinary answer reads the passage about it
    order = {doc: n for n, doc in enumerate(documents)}
    chosen.sort(key=lambda i: (order.get(candidates[i][0].passage.doc_id, 99), candidates[i][0].passage.order))
    documents_heading = None if config.summary_points_first else "In brief, the documents make these points:"
    shown = first + [candidates[i] for i in chosen]
    return _bulleted(question, documents_heading, _widened(shown, own, focus_vector, embeddings, documents, len(first),
                                                           config), documents)


def _widened(points: list[tuple[Hit, str]], own: list[Hit] | None, focus: np.ndarray, embeddings: SentenceEmbeddings,
             documents: Mapping[str, Document], leading: int, config: PipelineConfig) -> list[tuple[Hit, str]]:
    """The points with a bullet from each of the question's own best passages none cites (broad22), if `own`."""
    if not own:
        return points
    extras = uncited_extras(points, own, focus, embeddings, _stands_alone, _shown, config)
    return with_extras(points, extras, documents, leading)


def _chosen(candidates: list[tuple[Hit, str]], scores: np.ndarray, vectors: np.ndarray, rest: PipelineConfig,
            config: PipelineConfig) -> list[int]:
    """The bullets across sections, within `summary_relevance_margin` of the best one."""
    chosen = _distinct(candidates, scores, vectors, rest, margin=config.summary_relevance_margin)
    if len(chosen) < rest.summary_min_bullets:
        # A topic the documents treat in one or two places ("primary care") still deserves a summary: read a
        # little further from the best point before falling back to an ordinary answer.
        chosen = _distinct(candidates, scores, vectors, rest, margin=config.summary_wide_margin)
    return chosen


def _shown(passage, sentence: str) -> str:
    """A sentence as its bullet shows it: acronyms spelt out, asides that state nothing trimmed."""
    return trimmed(spelt_out(passage, sentence))


def _bulleted(question: str, lead: str | None, points: list[tuple[Hit, str]], documents: Mapping[str, Document],
              source: str | None = None) -> Answer:
    """The lead line (none: the first point leads), one cited bullet per point, in the order given, and the line
    naming the section they come from, if any."""
    citations: dict[str, Citation] = {}
    lines = [lead] if lead else []
    for hit, sentence in points:
        if hit.passage.id not in citations:
            citations[hit.passage.id] = make_citation(len(citations) + 1, hit, documents)
        lines.append(f"- {clean_sentence(sentence)} [{citations[hit.passage.id].n}]")
    if source:
        lines.append(source)
    return Answer(question, "\n".join(lines), abstained=False, citations=list(citations.values()))


FACT = re.compile(r"\d|£")
"""A figure or a year: what a headline point states and a general aim does not."""


def states_fact(sentence: str) -> bool:
    """Does a bullet candidate state a figure, an amount or a year?"""
    return bool(FACT.search(sentence))


LEANS_ON_PASSAGE = re.compile(r"\b(those|therefore|then|thus|also|such|above|below|latter|former|same|other|others|rest|"
                              r"remaining|again|instead|otherwise|meanwhile|in response|in turn|as well|on top of|"
                              r"looking (?:further )?ahead)\b", re.I)
"""Words in a sentence's opening that lean on the rest of its passage ("System plans should therefore ...", "the
same teams", "such as"), beyond the pronouns of `wording.points_back` ("Together with the networks, it published
..."). An answer's lead may carry them, since its passage is cited beside it; a bullet is read away from its
passage, so with any of them in its first words it reads as a fragment."""


def _stands_alone(sentence: str) -> bool:
    """A bullet is read on its own: a whole sentence (not cut at a colon or inside brackets), that neither leans on
    one before it ("For each of the four, ...", "This means ...") nor opens with a heading-like label."""
    shown = clean_sentence(sentence)
    return len(sentence.split()) >= 6 and not is_fragment(sentence) and not is_fragment(shown) and \
        ends_whole(sentence) and not has_label(shown) and not shown.startswith("(") and \
        not points_back(shown) and not LEANS_ON_PASSAGE.search(" ".join(shown.split()[:POINTS_BACK_WITHIN])) and \
        not _bare_list(sentence, shown)


VERB = re.compile(r"\b(will|is|are|was|were|be|been|should|must|can|could|may|might|has|have|had|does|do|did|"
                  r"offers?|includes?|gets?|sets?|means|aims?|covers?|runs?|gives?|makes?|takes?|needs?|brings?|"
                  r"starts?|rises?|falls?|grows?|expects?|wants?|receives?|helps?|supports?|asks?|says?)\b", re.I)


def _bare_list(sentence: str, shown: str) -> bool:
    """What is left once a label is taken off ("Four roles come first: clinical pharmacists, ...") is a bare list,
    not a sentence: no verb in it."""
    label_taken = not " ".join(sentence.split()).lower().startswith(shown[:20].lower())
    return label_taken and not VERB.search(shown)


def interleaved(rankings: list[list[Hit]], k: int) -> list[Hit]:
    """The rankings' hits taken in turn, each passage once, up to `k`. A broad question is searched for by its
    topic ("primary care") as well as in full: the full question's frame ("what does the long term plan mean ...")
    pulls in passages about the plan in general."""
    seen: set[str] = set()
    merged: list[Hit] = []
    for row in zip_longest(*rankings):
        for hit in row:
            if hit is not None and hit.passage.id not in seen:
                seen.add(hit.passage.id)
                merged.append(hit)
    return merged[:k]


def topic(question: str) -> str:
    """What a broad question is about, without its frame: "what does the plan mean for primary care?" gives
    "primary care"; the frame's words would otherwise pull in any passage about the plan."""
    rest = BROAD_QUESTION.sub(" ", question)
    rest = re.sub(r"\bchartered society of physiotherapy\b", " ", rest, flags=re.I)
    rest = re.sub(r"\b(the|long|term|plan|ltp|framework|implementation|nhs|csp|documents?)\b", " ", rest, flags=re.I)
    rest = re.sub(r"[^\w\s'’&/-]", " ", rest)
    rest = FRAME_WORDS.sub(" ", rest)
    rest = re.sub(r"(?<![\w'’])['’]s(?!\w)", " ", rest)  # "the CSP's view" leaves "'s" once "CSP" is taken out
    return " ".join(rest.split()) or question


FRAME_WORDS = re.compile(
    r"(?<![\w'’-])(i|we|us|me|my|our|you|your|it|its|itself|a|an|can|could|would|please|just|give|tell|get|"
    r"summari[sz]e|summary|overview|gist|nutshell|big|picture|broadly|broad|overall|terms|briefly|actually|"
    r"what|whats|what's|which|how|does|do|did|is|are|will|say|says|said|mean|means|promise|promises|expect|"
    r"expects|ask|asks|cover|covers|about|for|on|of|in|to|at|from|with|by|as|run|runs|working|work|view|views|think|"
    r"thinks)(?![\w'’-])",
    re.I)
"""A broad question's frame, its pronouns and its prepositions: "I run a community trust. What does the LTP mean
for us, broadly?" is about "community trust"."""


def _named_part(question: str, sections: list[SectionInfo]) -> SectionInfo | None:
    """The chapter or annex a question names ("chapter 3", "annex C"), in the document it names."""
    match = PART_OF_DOCUMENT.search(question)
    if not match:
        return None
    slug = f"{match[1].lower()}-{match[2].lower()}"
    wants_framework = "framework" in question.lower()
    found = [s for s in sections if s.id.split("/")[-1] == slug or re.match(rf"^{match[2]}\.\s", s.title)]
    found = [s for s in found if s.level == 1 and (s.doc_id == "framework") == wants_framework] or found
    return found[0] if found else None


def _overlap(query: str, texts: list[str]) -> np.ndarray:
    terms = set(tokenize([query], as_ids=False)[0])
    return np.array([len(terms & set(tokenize([t], as_ids=False)[0])) / (len(terms) or 1) for t in texts])


def _distinct(candidates: list[tuple[Hit, str]], scores: np.ndarray, vectors: np.ndarray,
              config: PipelineConfig = DEFAULT_CONFIG, margin: float | None = None) -> list[int]:
    """Best first: at most one bullet per passage and none close to a bullet already chosen, none more than `margin`
    below the best. Each section gets one bullet before any of its other passages gives a second."""
    chosen: list[int] = []
    order = [int(i) for i in np.argsort(-scores, kind="stable")]
    if margin is not None:
        order = [i for i in order if scores[i] >= scores[order[0]] - margin]
    for key in (lambda p: p.section_id, lambda p: p.id):
        used = {key(candidates[c][0].passage) for c in chosen}
        for index in order:
            if len(chosen) == config.summary_max_bullets:
                return chosen
            passage = candidates[index][0].passage
            if key(passage) in used or any(candidates[c][0].passage.id == passage.id for c in chosen) or \
                    any(float(vectors[index] @ vectors[c]) > config.summary_distinct_similarity for c in chosen):
                continue
            used.add(key(passage))
            chosen.append(index)
    return chosen
