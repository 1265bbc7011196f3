"""How well each candidate sentence of the top passages answers a question: its similarity, shared words and kind of
fact (read once per answer), and the cross-encoder's reading of the best few, with what that reading says about
which sentences answer and which do not."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.list_answers import WANTS_LIST, is_list
from assistant.one_fact import HAS_DATE, HAS_FIGURE, WANTS_DATE, WANTS_FIGURE
from assistant.rerank import CrossEncoderReranker
from assistant.retrieve import decisive, reading_depth, tokenize
from assistant.wording import is_fragment
from indexer.embeddings import SentenceEmbeddings


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


def score_sentences(query: str, candidates: list[tuple[int, str]], embeddings: SentenceEmbeddings,
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
    asked_for = np.array([asked_for_bonus(query, s, config.asked_for_bonus) for _, s in candidates])
    fragment = np.array([config.fragment_penalty if is_fragment(s) else 0.0 for _, s in candidates])
    return semantic + 0.25 * overlap + rank_prior + asked_for - fragment, vectors


def cross_encoded(query: str, candidates: list[tuple[int, str]], scores: np.ndarray,
                   reranker: CrossEncoderReranker | None, config: PipelineConfig, depth: int | None = None) -> np.ndarray:
    """The best `sentence_rerank_depth` sentences gain the weighted cross-encoder score of (question, sentence):
    similarity finds sentences about the question's topic, the cross-encoder which of them answers it. `depth`
    overrides the config's (a two-part question's parts use `sentence_rerank_part_depth`)."""
    depth = config.sentence_rerank_depth if depth is None else depth
    if reranker is None or depth == 0 or config.sentence_rerank_weight == 0:
        return scores
    top = [int(i) for i in np.argsort(-scores, kind="stable")[:depth]]
    best = [float(scores[i]) for i in top]
    if decisive(best, config.sentence_rerank_gate):
        return scores
    top = top[:reading_depth(best, config.sentence_rerank_gate, config.sentence_rerank_margin)]
    top = top[:reranker.room(len(top))]  # under a pair budget: the best few on similarity it leaves room for
    if not top:
        return scores
    read = reranker.score(query, [candidates[i][1] for i in top])
    rescored = scores.copy()
    rescored[top] += config.sentence_rerank_weight * np.array(read)
    return rescored


def asked_for_bonus(query: str, sentence: str, asked_for_bonus: float = DEFAULT_CONFIG.asked_for_bonus) -> float:
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


ANSWERS = 0.5
"""The cross-encoder's (question, sentence) score from which it judges a sentence to answer the question."""


def answering(scores: np.ndarray, ranked: np.ndarray | None, lead: int,
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


def rejected_by_cross_encoder(scores: np.ndarray, ranked: np.ndarray | None, lead: int, passages: list[int],
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
