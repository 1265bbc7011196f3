"""Hybrid retrieval: dense (Chroma, MiniLM) and lexical (bm25s) rankings fused by reciprocal rank fusion, then
re-ordered by each passage's best sentence and, when a re-ranker is given, by a cross-encoder.

Dense search finds paraphrases; BM25 finds exact terms the embedding blurs (acronyms like "SDEC", figures
like "£4.5 billion", paragraph numbers). RRF needs no score calibration between the two. Every ordering breaks
ties by passage id, so the same index and config give the same hits in every process.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer

from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.exact_dense import ExactDense
from assistant.pair_window import window
from assistant.query_adapter import QueryAdapter, adapter_for
from assistant.rerank import CrossEncoderReranker
from assistant.search_query import named_documents, without_background
from assistant.subquestions import split_question
from indexer.build import embed_key
from indexer.embeddings import SentenceEmbeddings
from indexer.passage import Document, Passage, documents_from_info, sentences
from indexer.store import PassageStore

_stemmer = Stemmer.Stemmer("english")
logging.getLogger("bm25s").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    """Fused rank plus best-sentence similarity (plus the weighted re-ranker score): for ordering only."""
    similarity: float
    """Cosine similarity of question and passage (0 when dense search did not return it)."""
    rerank_score: float | None = None
    """The cross-encoder's relevance in [0, 1]; None when the passage was not re-ranked."""


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = DEFAULT_CONFIG.rrf_k,
                           weights: list[float] | None = None) -> dict[str, float]:
    """Each item's summed 1 / (k + rank) over the rankings (each times its weight, 1 when not given)."""
    fused: dict[str, float] = {}
    for index, ranking in enumerate(rankings):
        weight = weights[index] if weights else 1.0
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank + 1)
    return fused


def by_score(scores: dict[str, float]) -> list[str]:
    """Ids best first; equal scores in id order, so ties never depend on insertion or hash order."""
    return sorted(scores, key=lambda i: (-scores[i], i))


def tokenize(texts: list[str], as_ids: bool = True):
    """BM25 terms of each text (`as_ids=False`: lists of words, each text's own), or bm25s's ids for indexing."""
    if not as_ids:
        return [list(_terms(text)) for text in texts]
    return bm25s.tokenize(texts, stopwords="en", stemmer=_stemmer, return_ids=True, show_progress=False)


@lru_cache(maxsize=20_000)
def _terms(text: str) -> tuple[str, ...]:
    """One text's terms, remembered: answers count shared words in the same corpus sentences ask after ask, one
    sentence per call, and each bm25s call costs about 0.5 ms of set-up whatever its length (tune, cProfile: about
    11 calls and 6 ms of CPU per ask)."""
    return tuple(bm25s.tokenize([text], stopwords="en", stemmer=_stemmer, return_ids=False, show_progress=False)[0])


class LexicalIndex:
    """BM25 over the passages of one index generation; built in memory in milliseconds."""

    def __init__(self, passages: list[Passage]):
        self.passages = passages
        self.bm25 = bm25s.BM25()
        self.bm25.index(tokenize([_lexical_text(p) for p in passages]), show_progress=False)

    def search(self, query: str, k: int, doc_id: str | None = None) -> list[tuple[str, float]]:
        tokens = tokenize([query], as_ids=False)
        if not tokens[0]:
            return []
        depth = len(self.passages) if doc_id else min(k, len(self.passages))
        docs, scores = self.bm25.retrieve(tokens, k=depth, show_progress=False)
        hits = [(self.passages[i], float(s)) for i, s in zip(docs[0], scores[0], strict=True) if s > 0]
        hits.sort(key=lambda h: (-h[1], h[0].id))
        return [(p.id, s) for p, s in hits if not doc_id or p.doc_id == doc_id][:k]


def _lexical_text(passage: Passage) -> str:
    para = f" paragraph {passage.para}" if passage.para else ""
    return f"{' '.join(passage.section_path)}{para}. {passage.text}"


class HybridRetriever:
    """Searches one generation of the store; cheap to create, holds its BM25 index."""

    def __init__(self, store: PassageStore, embeddings: SentenceEmbeddings, generation: str, passages: list[Passage],
                 config: PipelineConfig = DEFAULT_CONFIG, reranker: CrossEncoderReranker | None = None):
        self.store = store
        self.embeddings = embeddings
        self.generation = generation
        self.by_id = {p.id: p for p in passages}
        self.lexical = LexicalIndex(passages)
        self.config = config
        self.reranker = reranker if config.rerank else None
        self._labels: dict[str, Document] | None = None
        self._adapters: dict[int, QueryAdapter | None] = {}
        self._vectors: dict[str, np.ndarray] | None = None
        self._exact: ExactDense | None = None

    def search(self, query: str, k: int = 5, doc_id: str | None = None, rerank_depth: int | None = None,
               window_tokens: int = 0) -> list[Hit]:
        """The top `k` passages; the cross-encoder reads the top `rerank_depth` (the config's by default), each long
        passage as a window of `window_tokens` when given (else as `rerank_passage_tokens` says)."""
        config = self.config
        core = without_background(query) if config.background_search != "off" else None
        queries = [core] if core and config.background_search == "core" else [query, core] if core else [query]
        rankings: list[list[str]] = []
        weights: list[float] = []
        similarity: dict[str, float] = {}
        vectors: dict[str, list[float]] = {}
        for text in queries:
            vector = vectors[text] = self.embeddings.embed_query(text)
            dense = self._dense(vector, doc_id)
            if config.query_adapter == "all" and (adapter := self._adapter(len(vector))) is not None:
                vectors[text] = adapter.apply(vector)  # the best-sentence re-ordering reads the mapped vector too
            lexical = self.lexical.search(_normalise_query(text), config.candidates, doc_id)
            rankings += [[i for i, _ in dense], [i for i, _ in lexical]]
            weights += [1.0, 1.0]
            for passage_id, value in dense:
                similarity.setdefault(passage_id, value)  # the first query's similarity: what refusals read
        read = core if core and config.background_read == "core" else queries[0]
        fused = reciprocal_rank_fusion(rankings, config.rrf_k, weights)
        ranked = [i for i in by_score(fused) if i in self.by_id]
        named = named_documents(query, self._documents()) if config.named_document_weight and not doc_id else ()
        hits = self._by_best_sentence(np.array(vectors[read]), ranked[: max(k, config.sentence_depth)], similarity)
        depth = config.rerank_depth if rerank_depth is None else rerank_depth
        if self.reranker is not None:
            hits = self._cross_encode(read, hits, depth, window_tokens)
        return with_named_documents(hits, named, config.named_document_weight,
                                    depth if self.reranker is not None else len(hits))[:k]

    def search_question(self, query: str, k: int = 5, doc_id: str | None = None,
                        own: list[Hit] | None = None) -> list[Hit]:
        """The passages a whole question needs, best first: what answers read and evaluation scores.

        A two-part question's parts are searched for too ("how many X, and when Y?": the passage for Y rarely
        ranks high for the whole question), and each part's best passage joins the question's own top ones.
        `own` is the question's own `search` when the caller already ran it (`deep_search`): not searched again."""
        config = self.config
        hits = own[:k] if own is not None else self.search(query, k=k, doc_id=doc_id)
        parts = split_question(query) if config.part_search else [query]
        if len(parts) > 1:
            part_hits = [self._part_search(p, k, doc_id, hits) for p in parts]
            hits = round_robin([hits] + part_hits) if config.part_merge == "round-robin" else \
                with_part_hits(hits, part_hits, config.part_merge_lead)
        return hits[:k]

    def _part_search(self, part: str, k: int, doc_id: str | None, own: list[Hit]) -> list[Hit]:
        """`search(part)` with the cross-encoder at `rerank_part_depth`, unless the candidates it would read are all
        among the question's own top `part_merge_lead`: then whichever it put first is in the answer already and
        the merge (`with_part_hits`) takes nothing from this search, so it is not read (tune: 105 of 229 pairs)."""
        config = self.config
        depth = config.rerank_part_depth
        windows = config.part_passage_tokens
        if config.part_merge != "lead" or k < depth:
            return self.search(part, k=k, doc_id=doc_id, rerank_depth=depth, window_tokens=windows)
        hits = self.search(part, k=k, doc_id=doc_id, rerank_depth=0)
        read = reading_depth([h.score for h in hits[:depth]], config.rerank_gate, config.rerank_margin)  # as _cross_encode
        if {h.passage.id for h in hits[:read]} <= {h.passage.id for h in own[:config.part_merge_lead]}:
            return hits
        return self._cross_encode(part, hits, depth, windows)[:k] if self.reranker is not None else hits

    def deep_search(self, query: str, k: int, deep: int, doc_id: str | None = None) -> tuple[list[Hit], list[Hit]]:
        """(`search(query, k)`, `search(query, deep)`) from one search when they agree, as they do while both
        depths are within `sentence_depth` (which sets the candidates either depth re-orders): an answer reading
        the top `k` and a broad question's bullets reading further then share one search."""
        if max(k, deep) <= self.config.sentence_depth:
            hits = self.search(query, k=max(k, deep), doc_id=doc_id)
            return hits[:k], hits[:deep]
        return self.search(query, k=k, doc_id=doc_id), self.search(query, k=deep, doc_id=doc_id)

    def _dense(self, vector: list[float], doc_id: str | None) -> list[tuple[str, float]]:
        """The dense ranking as (id, similarity), best first. With `query_adapter` "ranking" it ranks by the mapped
        question vector and each passage keeps its plain similarity: the refusal rules were calibrated on it."""
        adapter = self._adapter(len(vector))
        searched = adapter.apply(vector) if adapter is not None else vector
        if self.config.steady24:
            found = self._exact_dense().nearest(searched, self.config.candidates, doc_id)
        else:
            found = sorted(self.store.query(self.generation, searched, self.config.candidates, doc_id),
                           key=lambda d: (-d[1], d[0]))
        if adapter is None or self.config.query_adapter == "all":
            return found
        plain = self._passage_vectors()
        return [(i, float(plain[i] @ np.asarray(vector)) if i in plain else value) for i, value in found]

    def _adapter(self, dimensions: int) -> QueryAdapter | None:
        """The query adapter, read on this retriever's first search that needs it and kept (None: the identity)."""
        if self.config.query_adapter == "off":
            return None
        if dimensions not in self._adapters:
            self._adapters[dimensions] = adapter_for(self.config.query_adapter_path, self.embeddings.name, dimensions)
        return self._adapters[dimensions]

    def warm(self) -> None:
        """Read what the first search would otherwise read: the passage vectors of the exact dense search (steady24;
        about 60 ms for the bundled corpus)."""
        if self.config.steady24:
            self._exact_dense()

    def _exact_dense(self) -> ExactDense:
        """The exact dense search over this generation's passage vectors (steady24), built on first use and kept."""
        if self._exact is None:
            self._exact = ExactDense(self._passage_vectors(), {i: p.doc_id for i, p in self.by_id.items()})
        return self._exact

    def _passage_vectors(self) -> dict[str, np.ndarray]:
        """The generation's passage vectors by id, read from the store once (the query adapter, steady24)."""
        if self._vectors is None:
            by_key = self.store.embeddings_by_key(self.generation)
            keys = {p.id: embed_key(self.embeddings.name, p) for p in self.by_id.values()}
            self._vectors = {i: np.asarray(by_key[k], dtype=np.float32) for i, k in keys.items() if k in by_key}
        return self._vectors

    def _by_best_sentence(self, vector: np.ndarray, ranked: list[str], similarity: dict[str, float]) -> list[Hit]:
        """Re-order by fused rank plus the passage's best sentence: a passage whose one sentence answers the
        question beats one that is about the topic throughout. Sentence vectors are cached per process."""
        rrf_k, weight = self.config.rrf_k, self.config.sentence_weight
        scored = []
        for rank, passage_id in enumerate(ranked):
            passage = self.by_id[passage_id]
            best = float(self._sentence_similarities(passage, vector).max())
            scored.append(Hit(passage, rrf_k / (rrf_k + rank + 1) + weight * best, similarity.get(passage_id, 0.0)))
        return sorted(scored, key=lambda h: (-h.score, h.passage.id))

    def _sentence_similarities(self, passage: Passage, vector: np.ndarray) -> np.ndarray:
        return self.embeddings.embed_sentences(sentences(passage.text)) @ vector

    def _cross_encode(self, query: str, hits: list[Hit], depth: int, window_tokens: int = 0) -> list[Hit]:
        """The top `rerank_depth` hits re-ordered by their score plus the weighted cross-encoder score; the rest
        keep their place behind them. `window_tokens`: every candidate's window (pair_window) for this search, in
        place of `rerank_passage_tokens` from `rerank_window_from` on."""
        # a decisive top candidate is read alone, so its score still informs refusals (assistant/scope.py)
        depth = reading_depth([h.score for h in hits[:depth]], self.config.rerank_gate, self.config.rerank_margin)
        if self.reranker is None or not hits[:depth]:
            return hits
        depth = self.reranker.room(depth)  # under a pair budget: the best `depth` it leaves room for
        if depth == 0:
            return hits
        if depth > 1 and self.config.rerank_confirm and \
                self.reranker.score(query, [self._pair_text(query, hits[0].passage)])[0] >= self.config.rerank_confirm:
            depth = 1  # the cross-encoder confirms the first stage's choice: the others keep their order, unread
        head, tail = hits[:depth], hits[depth:]
        budget = window_tokens or self.config.rerank_passage_tokens
        spared = 0 if window_tokens else self.config.rerank_window_from  # the candidates before it are read whole
        scores = self.reranker.score(query, [self._pair_text(query, h.passage, budget if n >= spared else 0)
                                             for n, h in enumerate(head)])
        weight = self.config.rerank_weight
        rescored = [replace(h, score=h.score + weight * s, rerank_score=s) for h, s in zip(head, scores, strict=True)]
        return sorted(rescored, key=lambda h: (-h.score, h.passage.id)) + tail


    def _pair_text(self, query: str, passage: Passage, budget: int | None = None) -> str:
        """What the cross-encoder reads for `passage`; a long passage as a window of `budget` tokens (0: whole;
        None: `rerank_passage_tokens`)."""
        if self.config.rerank_pairs == "passage":
            reranker = self.reranker
            budget = self.config.rerank_passage_tokens if budget is None else budget
            if not budget or reranker is None:
                return passage.search_text
            best = int(np.argmax(self._sentence_similarities(passage, np.array(self.embeddings.embed_query(query)))))
            return window(passage.search_text, passage.section_title, sentences(passage.text), best,
                          lambda text: reranker.count_tokens(query, text), budget)
        if self.config.rerank_pairs == "document":
            document = self._documents().get(passage.doc_id)
            return f"{document.label if document else passage.doc_id}: {passage.search_text}"
        if self.config.rerank_pairs == "text":
            return passage.text
        vector = np.array(self.embeddings.embed_query(query))
        texts = sentences(passage.text)
        return f"{passage.section_title}. {texts[int(np.argmax(self._sentence_similarities(passage, vector)))]}"


    def _documents(self) -> dict[str, Document]:
        """The generation's documents by id (titles for the cross-encoder's pairs and for named documents)."""
        if self._labels is None:
            self._labels = documents_from_info(self.store.generation_info(self.generation).get("documents", {}))
        return self._labels


def decisive(scores: list[float], gate: float) -> bool:
    """Does the first score lead the second by `gate` or more (so the cross-encoder is not asked)? 0: never.
    Passages here and sentences in answer.py are gated by it alike."""
    return gate > 0 and len(scores) > 1 and scores[0] - scores[1] >= gate


def reading_depth(scores: list[float], gate: float, margin: float = 0.0) -> int:
    """How many of the candidates scored `scores` (best first) the cross-encoder reads: the first alone when it is
    `decisive`, else those within `margin` of the first (0: all)."""
    if decisive(scores, gate):
        return min(1, len(scores))
    if margin <= 0:
        return len(scores)
    return sum(1 for s in scores if s >= scores[0] - margin)


def with_named_documents(hits: list[Hit], named: frozenset[str] | tuple, weight: float, depth: int) -> list[Hit]:
    """The top `depth` hits (those the cross-encoder read) re-ordered with `weight` added to the score of each from a
    document the question names; the rest keep their place. Added after the cross-encoder chose what to read, so it
    only settles the order among passages it judged alike (at `rerank_weight` 10, a weight of 1 is worth 0.1 of its
    score) and never pushes the answering passage of another document out of its reading."""
    if not weight or not named or depth < 2:
        return hits
    head = [replace(h, score=h.score + weight) if h.passage.doc_id in named else h for h in hits[:depth]]
    return sorted(head, key=lambda h: (-h.score, h.passage.id)) + hits[depth:]


def with_part_hits(hits: list[Hit], part_hits: list[list[Hit]], lead: int = 2) -> list[Hit]:
    """The question's own top `lead` passages, then each part's best passage, then the rest of the question's:
    so the answer reads a passage for every part."""
    merged: dict[str, Hit] = {h.passage.id: h for h in hits[:lead]}
    for found in part_hits:
        for hit in found[:1]:
            merged.setdefault(hit.passage.id, hit)
    for hit in hits[lead:]:
        merged.setdefault(hit.passage.id, hit)
    return list(merged.values())


def round_robin(rankings: list[list[Hit]]) -> list[Hit]:
    """The first of each ranking, then the second of each, ...; a passage keeps its earliest place only."""
    merged: dict[str, Hit] = {}
    for rank in range(max(len(r) for r in rankings)):
        for ranking in rankings:
            if rank < len(ranking):
                merged.setdefault(ranking[rank].passage.id, ranking[rank])
    return list(merged.values())


def _normalise_query(query: str) -> str:
    """Keep figures like '2023/24' and '£4.5bn' as tokens BM25 can match."""
    return re.sub(r"(\d)/(\d)", r"\1 \2", query)
