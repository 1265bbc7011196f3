"""Answers and their citations, and the extractive answerer used when no LLM is configured.

The extractive answer is 1-4 sentences chosen from the top passages by how closely each sentence
matches the question, each followed by the `[n]` of the passage it came from. When even the best
passage is a weak match, the answer abstains: it says the documents don't cover the question and
cites nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

import numpy as np

from assistant.asked_for import asked_kinds, counted_noun, counts_noun, kinds_in
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.continuation import with_continuation
from assistant.follow_ups import follow_up_scores
from assistant.list_answers import (
    WANTS_LIST,
    asks_for_items,
    carried_items,
    is_list,
    names_items,
    refers_back,
    wanted_items,
    with_items,
    with_members,
    with_passage_list,
)
from assistant.one_fact import (
    HAS_DATE,
    HAS_FIGURE,
    WANTS_DATE,
    WANTS_FIGURE,
    adds_asked_for,
    completes,
    completing,
    fact_groups,
    facts_in,
    is_one_fact,
    lacking_kinds,
    lead_lacks,
)
from assistant.rerank import CrossEncoderReranker
from assistant.retrieve import Hit, decisive, tokenize
from assistant.wording import clean_sentence, is_fragment, joined_sentence, points_back
from indexer import cite
from indexer.embeddings import SentenceEmbeddings
from indexer.passage import Document, find_document, sentences

TRY_INSTEAD = "Try asking about a commitment, programme, target or deadline in those documents."
ABSTAIN_MESSAGE = (
    f"The Long Term Plan, its Implementation Framework and the CSP guidance I have don't cover this question. {TRY_INSTEAD}"
)


@dataclass(frozen=True)
class Citation:
    """One numbered source of an answer: the exact passage, and where to find it in the official text."""

    n: int
    passage_id: str
    doc_id: str
    doc_title: str
    section: str
    para: str | None
    page: int | None
    page_basis: str | None
    url: str | None
    source_kind: str
    text: str
    score: float

    def to_dict(self) -> dict:
        data = asdict(self)
        data["score"] = round(self.score, 4)
        data["reference"] = self.reference
        data["section_title"] = self.section_title
        return data

    @property
    def reference(self) -> str:
        """Human form, as indexer.cite writes it for everything: "The NHS Long Term Plan, para 1.10, p. 14"."""
        return cite.reference(self.doc_title, self)

    @property
    def section_title(self) -> str:
        return cite.section_title(self.section)


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    mode: str = "extractive"
    id: object = None
    notice: str | None = None
    safety: str | None = None
    """Set when the message needed crisis or clinical signposting instead of an answer (assistant/safety.py)."""
    related: list[Citation] = field(default_factory=list)
    """When abstaining: the nearest passages, as pointers for the reader, never as support."""

    def to_dict(self) -> dict:
        """The answer JSON of the contract (CLI --json and POST /api/ask)."""
        data = {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_dict() for c in self.citations],
            "mode": self.mode,
            "related": [c.to_dict() for c in self.related],
        }
        if self.id is not None:
            data = {"id": self.id, **data}
        if self.notice:
            data["notice"] = self.notice
        if self.safety:
            data["safety"] = self.safety
        return data


def make_citation(n: int, hit: Hit, documents: Mapping[str, Document]) -> Citation:
    passage = hit.passage
    document = find_document(documents, passage.doc_id)
    return Citation(
        n=n,
        passage_id=passage.id,
        doc_id=passage.doc_id,
        doc_title=document.title,
        section=cite.section_label(passage.section_path),
        para=passage.para,
        page=passage.page,
        page_basis=passage.page_basis,
        url=passage.url or document.url,
        source_kind=document.kind,
        text=passage.text,
        score=hit.similarity,
    )


def abstention(question: str, unknown_names: list[str] | tuple = (), related: list[Citation] | tuple = (),
               reason: str | None = None) -> Answer:
    """The plain "not covered" answer: `reason` says what the documents don't cover and what they do; else, when
    the question names things the documents never mention, say which."""
    if reason:
        text = f"{reason} {TRY_INSTEAD}"
    elif unknown_names:
        names = ", ".join(f"\u201c{n}\u201d" for n in unknown_names)
        text = f"The documents I have never mention {names}, so they don't answer this. {ABSTAIN_MESSAGE}"
    else:
        text = ABSTAIN_MESSAGE
    return Answer(question, text, abstained=True, related=list(related))


def should_abstain(hits: list[Hit], threshold: float = DEFAULT_CONFIG.abstain_similarity) -> bool:
    return not hits or max(h.similarity for h in hits) < threshold


def extractive_answer(
    question: str, query: str, hits: list[Hit], documents: Mapping[str, Document], embeddings: SentenceEmbeddings,
    parts: list[str] | tuple = (), config: PipelineConfig = DEFAULT_CONFIG,
    reranker: CrossEncoderReranker | None = None, asked: str | None = None,
) -> Answer:
    """The sentences of the top passages that best answer `query`, the best first; each fact stated once with
    every passage that supports it cited on it (`[1][3]`). Each of a two-part question's `parts` gets its own
    best sentence. `asked` is a follow-up's own words when `query` folds in the question before it
    (assistant/follow_ups.py): they say what is asked, the query what it is about."""
    if should_abstain(hits, config.abstain_similarity):
        return abstention(question, related=related_citations(hits, documents, config=config))
    candidates = [(rank, s) for rank, hit in enumerate(hits[: config.passages_read]) for s in sentences(hit.passage.text)]
    read = read_sentences(candidates, embeddings)
    scores, vectors = _score_sentences(query, candidates, embeddings, config, read)
    if asked:
        scores = follow_up_scores(scores, _score_sentences(asked, candidates, embeddings, config, read)[0])
    ranked = _cross_encoded(asked or query, candidates, scores, reranker, config)
    query = asked or query  # what kind of fact is asked for, from here on
    one_fact = is_one_fact(query) and len(parts) < 2
    chosen = _choose(query, candidates, scores, vectors, config, ranked, one_fact=one_fact)
    if len(parts) > 1:
        chosen = _by_parts(parts, chosen, candidates, read, embeddings, config, reranker)
    chosen, joined = with_items(query, chosen, candidates, config.list_follow_sentences)
    if not joined:
        chosen, joined = _asked_for_first(query, chosen, candidates)
    if not joined and not one_fact:
        chosen, joined = with_members(query, chosen, candidates, config.max_sentences)
    if not joined:
        chosen = _standalone_lead(chosen, candidates, scores, config.sentence_margin)
    if one_fact and not joined:
        chosen = completing(query, chosen, candidates)
    follow = None
    if not joined:  # the lead's next sentence, shown with it when it carries the lead on
        asked_for = lead_lacks(query, [candidates[c][1] for c in chosen]) if one_fact else None
        chosen, follow = with_continuation(chosen, candidates, one_fact, len(parts) > 1, config, asked_for)
        joined = 0 if follow is None else 1
    carried = carried_items(query, chosen, joined, candidates, config.list_follow_sentences)
    chosen = [c for c in chosen if not any(c in items for items in carried.values())]
    if not joined:  # the steps above may have moved a sentence between one leaning back and the one it leans on
        chosen = _after_antecedents(chosen, candidates)
    support = _supporting(chosen, candidates, vectors, config)
    citations: dict[str, Citation] = {}
    statements: list[str] = []
    for position, index in enumerate(chosen):
        if 0 < position <= joined:
            continue
        markers = []
        for rank in [candidates[index][0], *support[index]]:
            hit = hits[rank]
            if hit.passage.id not in citations:
                citations[hit.passage.id] = make_citation(len(citations) + 1, hit, documents)
            markers.append(f"[{citations[hit.passage.id].n}]")
        if position == 0 and follow is not None:
            text = f"{clean_sentence(candidates[index][1])} {clean_sentence(candidates[follow][1])}"
        elif position == 0 and joined:
            text = joined_sentence(candidates[index][1], [candidates[c][1] for c in chosen[1:1 + joined]],
                                   hits[candidates[index][0]].passage.text)
        elif index in carried:
            text = joined_sentence(candidates[index][1], [candidates[c][1] for c in carried[index]],
                                   hits[candidates[index][0]].passage.text)
        else:
            text = clean_sentence(candidates[index][1])
        statements.append(f"{text} {''.join(markers)}")
    return Answer(question, " ".join(statements), abstained=False, citations=list(citations.values()))


def related_citations(hits: list[Hit], documents: Mapping[str, Document], limit: int = 3,
                      config: PipelineConfig = DEFAULT_CONFIG) -> list[Citation]:
    """Pointers to the nearest passages for an answer that abstains: shown as "related", never as support."""
    near = [hit for hit in hits if hit.similarity >= config.related_similarity][:limit]
    return [make_citation(n, hit, documents) for n, hit in enumerate(near, start=1)]


@dataclass(frozen=True)
class ReadSentences:
    """The candidate sentences as scoring reads them, once per answer: their vectors and their search terms. A
    follow-up (scored on the folded query and on its own words) and each part of a two-part question score the same
    sentences again; reading them once keeps that to one query embedding and one overlap count per score."""

    vectors: np.ndarray
    terms: tuple[frozenset[str], ...]


def read_sentences(candidates: list[tuple[int, str]], embeddings: SentenceEmbeddings) -> ReadSentences:
    vectors = embeddings.embed_sentences([s for _, s in candidates])
    terms = tuple(frozenset(tokenize([s], as_ids=False)[0]) for _, s in candidates)
    return ReadSentences(vectors, terms)


def _score_sentences(query: str, candidates: list[tuple[int, str]], embeddings: SentenceEmbeddings,
                     config: PipelineConfig = DEFAULT_CONFIG, read: ReadSentences | None = None):
    """Each candidate sentence's score for `query` (higher answers it better), and the sentences' vectors. `read`:
    the sentences' vectors and terms when the caller already has them (read_sentences)."""
    read = read or read_sentences(candidates, embeddings)
    query_vector = np.array(embeddings.embed_query(query))
    vectors = read.vectors
    semantic = vectors @ query_vector
    query_terms = set(tokenize([query], as_ids=False)[0])
    overlap = np.array([len(query_terms & terms) / (len(query_terms) or 1) for terms in read.terms])
    rank_prior = np.array([0.04 * (3 - min(rank, 3)) for rank, _ in candidates])
    asked_for = np.array([_asked_for_bonus(query, s, config.asked_for_bonus) for _, s in candidates])
    fragment = np.array([config.fragment_penalty if is_fragment(s) else 0.0 for _, s in candidates])
    return semantic + 0.25 * overlap + rank_prior + asked_for - fragment, vectors


def _cross_encoded(query: str, candidates: list[tuple[int, str]], scores: np.ndarray,
                   reranker: CrossEncoderReranker | None, config: PipelineConfig, depth: int | None = None) -> np.ndarray:
    """The best `sentence_rerank_depth` sentences gain the weighted cross-encoder score of (question, sentence):
    similarity finds sentences about the question's topic, the cross-encoder which of them answers it. `depth`
    overrides the config's (a two-part question's parts use `sentence_rerank_part_depth`)."""
    depth = config.sentence_rerank_depth if depth is None else depth
    if reranker is None or depth == 0 or config.sentence_rerank_weight == 0:
        return scores
    top = [int(i) for i in np.argsort(-scores, kind="stable")[:depth]]
    if decisive([float(scores[i]) for i in top], config.sentence_rerank_gate):
        return scores
    read = reranker.score(query, [candidates[i][1] for i in top])
    rescored = scores.copy()
    rescored[top] += config.sentence_rerank_weight * np.array(read)
    return rescored


def _asked_for_bonus(query: str, sentence: str, asked_for_bonus: float = DEFAULT_CONFIG.asked_for_bonus) -> float:
    """Favour the sentence that holds what the question asks for: a date for "when", a figure for "how many", an
    enumeration for "which ..." (dev set: answer-contains-fact 0.816 -> 0.827 for the last)."""
    bonus = 0.03 if HAS_FIGURE.search(sentence) else 0.0
    if WANTS_DATE.search(query) and HAS_DATE.search(sentence):
        bonus += asked_for_bonus
    if WANTS_FIGURE.search(query) and HAS_FIGURE.search(sentence):
        bonus += asked_for_bonus
    if WANTS_LIST.search(query) and is_list(sentence):
        bonus += asked_for_bonus
    return bonus


def _choose(query: str, candidates: list[tuple[int, str]], scores: np.ndarray, vectors: np.ndarray,
            config: PipelineConfig = DEFAULT_CONFIG, ranked: np.ndarray | None = None,
            one_fact: bool | None = None) -> list[int]:
    """The best sentence first, then sentences close behind it that do not repeat it; a question after one figure
    or date gets at most one more, and only one that adds a figure or date not yet given. `ranked` (the scores
    after the cross-encoder) orders them; which sentences are close enough to the best is judged on `scores`."""
    order = [int(i) for i in np.argsort(-(scores if ranked is None else ranked), kind="stable")]
    lead, best = order[0], float(scores.max())
    chosen = [lead]
    rejected = _rejected_by_cross_encoder(scores, ranked, lead, [rank for rank, _ in candidates], config)
    answering = _answering(scores, ranked, lead, config)
    one_fact = is_one_fact(query) if one_fact is None else one_fact
    limit = config.one_fact_max_sentences if one_fact else config.max_sentences
    for index in order[1:]:
        if len(chosen) >= limit:
            break
        margin = config.same_passage_margin if candidates[index][0] == candidates[lead][0] else config.sentence_margin
        text = candidates[index][1]
        close = scores[index] >= best - margin or index in answering
        if not close or len(text.split()) < 4 or index in rejected:
            continue
        if is_fragment(text) and _antecedent(index, candidates) not in chosen:
            continue
        if _repeats(index, chosen, candidates, vectors, config):
            continue
        if one_fact and not completes(query, index, chosen, candidates):
            continue
        chosen.append(index)
    return _after_antecedents(chosen, candidates)


ANSWERS = 0.5
"""The cross-encoder's (question, sentence) score from which it judges a sentence to answer the question."""


def _answering(scores: np.ndarray, ranked: np.ndarray | None, lead: int,
               config: PipelineConfig = DEFAULT_CONFIG) -> set[int]:
    """The sentences the cross-encoder read and judged to answer the question better than the lead does: they are
    close enough to the best however far below it their similarity falls. Similarity measures shared words; a
    sentence quoting the person asked about ("what did Karen Middleton say ...") scores low on it.
    Blind probe 7: the holder the cross-encoder put highest of all was dropped by the similarity margin. Letting in
    every sentence it judged answering (0.5 or more) lengthened tune's answers with sentences the lead already
    answered (tune: 18 answers longer, one fact gained and one lost)."""
    if ranked is None or config.sentence_rerank_weight <= 0:
        return set()
    read = (ranked - scores) / config.sentence_rerank_weight
    return {int(i) for i in np.flatnonzero((read >= ANSWERS) & (read > read[lead]))}


def _antecedent(index: int, candidates: list[tuple[int, str]]) -> int | None:
    """The sentence just before `index` in its own passage (what a sentence leaning back leans on), or None."""
    before = index - 1
    return before if before >= 0 and candidates[before][0] == candidates[index][0] else None


def _after_antecedents(chosen: list[int], candidates: list[tuple[int, str]]) -> list[int]:
    """The chosen sentences with each one that leans back ("Each team will work with ...", "Both also sit on ...")
    right after the sentence it leans on, where it reads as written. Such a sentence is chosen only with the one it
    leans on: alone it points at nothing, yet it often holds the very name or figure asked for."""
    leaning = {c for c in chosen[1:] if is_fragment(candidates[c][1]) and _antecedent(c, candidates) in chosen}
    ordered: list[int] = []
    for index in chosen:
        if index in leaning:
            continue
        ordered.append(index)
        follower = index + 1
        while follower in leaning:
            ordered.append(follower)
            follower += 1
    return ordered


def _rejected_by_cross_encoder(scores: np.ndarray, ranked: np.ndarray | None, lead: int, passages: list[int],
                               config: PipelineConfig = DEFAULT_CONFIG) -> set[int]:
    """The sentences the cross-encoder read and judged not to answer (below `floor`) when it judged the lead does
    (0.5 or more): similarity chose them for the question's words, the cross-encoder for their meaning. Only other
    passages' sentences: the lead's own passage stays on its topic, and its next sentence often answers the second
    half of a question the cross-encoder read whole ("... same day emergency care and long stays" -> "21 days").
    Another passage's sentence it did not read (not among the best few on similarity) is left out too: it has not
    been shown to answer. Blind probe 7: of 9 such sentences behind a lead, none held a fact the answer needed, while
    the lead's own passage's unread sentences did (1 of 7). `passages`: each sentence's passage rank."""
    if ranked is None or config.sentence_rerank_floor <= 0 or config.sentence_rerank_weight <= 0:
        return set()
    gained = ranked - scores
    read = gained / config.sentence_rerank_weight
    if read[lead] < ANSWERS:
        return set()
    return {int(i) for i in np.flatnonzero(read < config.sentence_rerank_floor) if passages[i] != passages[lead]}


def _asked_for_first(query: str, chosen: list[int], candidates: list[tuple[int, str]]) -> tuple[list[int], int]:
    """The asked-for thing in the first sentence: when the lead lacks it (the date of "when", the share of "what
    share", the count of the very thing "how many" counts, the enumeration of "which ...") and a chosen sentence
    behind it holds it, that sentence leads ("When should ICSs cover England?" opens with "by April 2021"). A holder
    that leans on the lead ("The web page tracks it through ...") and follows it in its passage is joined to it
    instead (the second value: 1 when joined)."""
    holds = _holder_test(query, candidates[chosen[0]][1])
    if holds is None:
        return chosen, 0
    holder = next((c for c in chosen[1:] if holds(candidates[c][1])), None)
    if holder is None:
        return with_passage_list(query, chosen, candidates)
    if refers_back(candidates[holder][1]):
        if holder == chosen[0] + 1 and candidates[holder][0] == candidates[chosen[0]][0]:
            return [chosen[0], holder, *(c for c in chosen[1:] if c != holder)], 1
        return chosen, 0
    return [holder, *(c for c in chosen if c != holder)], 0


def _standalone_lead(chosen: list[int], candidates: list[tuple[int, str]], scores: np.ndarray,
                     margin: float) -> list[int]:
    """A lead that leans on the sentence before it ("That money funds ... teams ... serving 30-50,000 people") yields
    to a sentence scoring within `margin` of it that states the same figures and opens on no word pointing back
    (narrower than `is_fragment`: "Each network is built on its practices' lists" reads alone): the first sentence is read
    first and alone, so it must not point at something the reader was never shown. Of several, the one adding the
    fewest other figures leads (the question asked for these, not for the money)."""
    lead = chosen[0]
    figures = facts_in(candidates[lead][1])
    if not is_fragment(candidates[lead][1]) or not figures:
        return chosen
    alternatives = [i for i in range(len(candidates))
                    if i != lead and scores[i] >= scores[lead] - margin
                    and not points_back(candidates[i][1], at_start=True)
                    and figures <= facts_in(candidates[i][1])]
    if not alternatives:
        return chosen
    best = min(alternatives, key=lambda i: (len(facts_in(candidates[i][1]) - figures), -scores[i], i))
    return [best, *(c for c in chosen[1:] if c != best)]


def _holder_test(query: str, lead: str):
    """What the lead should hold and does not, as a test of a sentence; None when the lead holds it."""
    noun = counted_noun(query)
    if noun and not counts_noun(lead, noun):
        return lambda text: counts_noun(text, noun)
    wanted = asked_kinds(query)
    if "place" in wanted:
        wanted = {"place"}
    elif WANTS_DATE.search(query) and not HAS_DATE.search(lead):
        return HAS_DATE.search
    if not noun and wanted and not (wanted & kinds_in(lead)):
        return lambda text: bool(wanted & kinds_in(text))
    if asks_for_items(query) and (not is_list(lead) or wanted_items(query)):
        return lambda text: names_items(text, query) and refers_back(text)
    return None


def _by_parts(parts: list[str] | tuple, chosen: list[int], candidates: list[tuple[int, str]], read: ReadSentences,
              embeddings: SentenceEmbeddings, config: PipelineConfig = DEFAULT_CONFIG,
              reranker: CrossEncoderReranker | None = None) -> list[int]:
    """A two-part question's answer: the whole question's lead, then each part's sentence chosen on that part's own
    words (a part the answer already answers adds nothing). A sentence the whole question scored close behind the
    lead stays only when it is among a part's own best few: one that sits between both parts' topics answers
    neither ("What nursing vacancy rate ..., and how many medical school places ...?" drew nursing placements).
    Tune split: answering each part with its own best sentence alone lost facts (two-part contains-fact 0.846 ->
    0.731): the whole question's sentences behind the lead often hold the figure a part's own score misses."""
    scored = [_part_scores(part, candidates, read, embeddings, config, reranker) for part in parts]
    tops = {int(i) for scores in scored for i in np.argsort(-scores, kind="stable")[:config.part_tries]}
    kept = [chosen[0], *(c for c in chosen[1:] if c in tops)]
    for part, scores in zip(parts, scored, strict=True):
        _answer_part(part, kept, candidates, read.vectors, scores, config)
    return kept


def _part_scores(part: str, candidates: list[tuple[int, str]], read: ReadSentences, embeddings: SentenceEmbeddings,
                 config: PipelineConfig = DEFAULT_CONFIG, reranker: CrossEncoderReranker | None = None) -> np.ndarray:
    """Each sentence's score for one part's own words, the cross-encoder reading the part's best few."""
    scores, _ = _score_sentences(part, candidates, embeddings, config, read)
    return _cross_encoded(part, candidates, scores, reranker, config, config.sentence_rerank_part_depth)


def _answer_part(part: str, chosen: list[int], candidates: list[tuple[int, str]], vectors: np.ndarray,
                 part_scores: np.ndarray, config: PipelineConfig = DEFAULT_CONFIG) -> None:
    """Add the best sentence for one part of a two-part question unless a chosen sentence already answers it (the
    part's best is in the answer, or restated there, and the answer states the kind of fact the part asks for).
    The best is the first of the part's `part_tries` best sentences (within the sentence margin of its best) that
    adds what the part asks for: "what will expanding it achieve?" is answered by the figures a sentence behind the
    part's best gives. A sentence stating the kind of fact the part asks for and the answer lacks (the share of
    "what proportion ...") gains the asked-for bonus. `part_scores`: each sentence's score for the part's words."""
    given = [candidates[c][1] for c in chosen]
    wanted = asked_kinds(part)
    if wanted and lacking_kinds(wanted, given):
        part_scores = part_scores + np.array([config.asked_for_bonus if fact_groups(kinds_in(text, given)) &
                                              lacking_kinds(wanted, given) else 0.0 for _, text in candidates])
    order = [int(i) for i in np.argsort(-part_scores, kind="stable")[:config.part_tries]]
    for index in order:
        if part_scores[index] < part_scores[order[0]] - config.sentence_margin:
            break
        if index in chosen or _repeats(index, chosen, candidates, vectors, config):
            if index == order[0] and not (wanted and lacking_kinds(wanted, given)):
                return  # the part's best sentence is already in the answer: the part is answered
            continue
        behind = index != order[0]
        if behind and wanted and not fact_groups(kinds_in(candidates[index][1], given)) & lacking_kinds(wanted, given):
            continue  # behind the best, only the kind of fact the part asks for and the answer lacks is news
        if adds_asked_for(part, candidates[index][1], given):
            chosen.append(index)
            return
    if not wanted:
        chosen.append(order[0])  # no try adds a figure: a part after no kind of fact is answered by its best


def _repeats(index: int, chosen: list[int], candidates: list[tuple[int, str]], vectors: np.ndarray,
             config: PipelineConfig = DEFAULT_CONFIG) -> bool:
    """A near-duplicate of a chosen sentence, or a paraphrase of one that states no figure not already given
    (several passages restate "30,000 to 50,000 people"; the answer needs it once)."""
    similarities = [float(vectors[index] @ vectors[c]) for c in chosen]
    if any(s > config.duplicate_similarity for s in similarities):
        return True
    figures = facts_in(candidates[index][1])
    given = {f for c in chosen for f in facts_in(candidates[c][1])}
    return bool(figures) and figures <= given and any(s > config.restatement_similarity for s in similarities)


def _supporting(chosen: list[int], candidates: list[tuple[int, str]], vectors: np.ndarray,
                config: PipelineConfig = DEFAULT_CONFIG) -> dict[int, list[int]]:
    """For each chosen sentence, the other passages (by rank) that state the same fact: a sentence that restates
    it closely and shares its figures. They are cited on the one statement instead of repeating it."""
    support: dict[int, list[int]] = {c: [] for c in chosen}
    cited = {candidates[c][0] for c in chosen}
    for index, (rank, text) in enumerate(candidates):
        if rank in cited:
            continue
        figures = facts_in(text)
        for c in chosen:
            similarity = float(vectors[index] @ vectors[c])
            states_no_other_fact = figures and figures <= facts_in(candidates[c][1])
            if (states_no_other_fact and similarity > config.support_similarity) or \
                    similarity > config.duplicate_similarity:
                support[c].append(rank)
                cited.add(rank)
                break
    return support
