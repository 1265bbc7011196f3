"""Which way a question is answered once it needs the passages: refused for naming what the documents lack, refused
for what its passages lack, the programme finder's list, a broad question's bullets, or the extractive answer. The
scope rules come first, so no answer (not even the finder's) is given to a question they refuse."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.answer import Answer, abstention, extractive_answer, related_citations
from assistant.carried_on import asks_broadly, asks_for_several, carried_on
from assistant.config import PipelineConfig
from assistant.follow_ups import follow_up_words
from assistant.glossary import expand_acronyms
from assistant.index_snapshot import IndexSnapshot
from assistant.inscope26 import in_documents_words
from assistant.programmes import Programme, programme_answer
from assistant.refusal_model import LearnedRefusals
from assistant.refusal_overrule import overrules_rules
from assistant.refusal_second_look import overrules_figure_gate, second_look
from assistant.rerank import CrossEncoderReranker
from assistant.retrieve import Hit
from assistant.scope import Refusal, best_rerank, unsupported
from assistant.subquestions import split_question
from assistant.summary import interleaved, is_broad, summary_answer, topic
from assistant.uncited_items import asks_for_list, with_top_items
from assistant.uncited_parts import with_part_facts
from indexer.embeddings import SentenceEmbeddings


@dataclass(frozen=True)
class Routed:
    """A question's answer and the passages searched for it. `grounded`: the answer was made from `hits`, so a
    language model may write it from them instead (not a refusal, not the programme finder's list)."""

    answer: Answer
    hits: list[Hit]
    grounded: bool


@dataclass(frozen=True)
class QuestionRoute:
    """One question's way through the pipeline over one index snapshot."""

    snapshot: IndexSnapshot
    config: PipelineConfig
    embeddings: SentenceEmbeddings
    reranker: CrossEncoderReranker | None
    programmes: Callable[[], list[Programme]]
    """The catalogue, read on first use: a question the scope rules refuse never needs it."""
    learned: LearnedRefusals
    """The learned refusal signal (read on first use, asked only when `config.learned_refusals` is on)."""

    def answer(self, text: str, query: str, k: int, doc_id: str | None, again: str | None = None) -> Routed:
        """The answer to `text`, searched for as `query` (standalone, acronyms spelt out), from `k` passages; when
        that is refused and `again` is given (a second search: assistant/refusal_second_look.py), the answer searched
        for as `again` instead, unless it is refused too. With inscope26 the question is read, and searched for,
        with the users' acronyms in the documents' words."""
        asked = text
        if self.config.inscope26:
            text, query = in_documents_words(text), in_documents_words(query)
            again = None if again is None else in_documents_words(again)
        routed = self._answer(text, query, k, doc_id)
        if again is not None and routed.answer.abstained:
            second = self._answer(text, expand_acronyms(again), k, doc_id)
            routed = routed if second.answer.abstained else second
        if asked == text or routed.answer.question != text:  # the user's words are the answer's question
            return routed
        return replace(routed, answer=replace(routed.answer, question=asked))

    def _answer(self, text: str, query: str, k: int, doc_id: str | None) -> Routed:
        """One search's answer: refused (the rules, then the learned signal), the finder's list, or passages'
        (with `list23`, the passages' answer before the finder's list, which stands in when they give none)."""
        snapshot, config = self.snapshot, self.config
        broad = is_broad(text)
        named = None if broad else self._named_refusal(text, query, k, doc_id)
        if named is not None:
            return Routed(named, [], grounded=False)
        own, deep = snapshot.retriever.deep_search(query, k, config.summary_k, doc_id) if broad else (None, [])
        hits = snapshot.retriever.search_question(query, k=k, doc_id=doc_id, own=own)
        refusal = hits and (self._rules_refusal(text, query, hits) or  # the rules, then a classifier's
                            self.learned.question_refusal(text, query, hits, snapshot, self.embeddings, config))
        if refusal:
            related = related_citations(self._related_hits(query, refusal.names, hits, doc_id), snapshot.documents,
                                        config=config)
            return Routed(abstention(text, related=related, reason=refusal.reason), hits, grounded=False)
        programmes = None if doc_id else self._programme_answer(text)
        if programmes is not None and not config.list23:
            return Routed(programmes, hits, grounded=False)
        asked = follow_up_words(expand_acronyms(text), query)
        parts = split_question(asked or query)
        extractive = (broad and self._summary(text, query, deep, doc_id, hits if config.broad22 else None)) or \
            extractive_answer(text, query, hits, snapshot.documents, self.embeddings, parts=parts,
                              config=config, reranker=self.reranker, asked=asked)
        broadly = config.broad21 and (broad or asks_broadly(text) or asks_broadly(asked or query))
        if config.lists20 and (broadly or asks_for_several(asked or query, len(parts), broad)):
            extractive = carried_on(extractive, config.lists20_longest, named=broadly)
        if programmes is not None and extractive.abstained:  # list23: the finder's list when the passages give none
            return Routed(programmes, hits, grounded=False)
        if config.list23 and asks_for_list(asked or query):
            extractive = with_top_items(extractive, asked or query, hits, snapshot.documents, config.list23_top,
                                        config.list23_rerank, config.list23_longest)
        if config.items24:
            extractive = self._with_items(extractive, asked or query, parts, hits)
        return Routed(extractive, hits, grounded=not extractive.abstained)

    def _with_items(self, answer: Answer, asked: str, parts: list[str], hits: list[Hit]) -> Answer:
        """items24: an answer to a question asking for several items gains the items sentence of a top passage it
        does not cite, and a part asking for a sum, a date or a count no statement states gains an uncited top
        passage's sentence stating it."""
        config, documents = self.config, self.snapshot.documents
        if asks_for_several(asked, len(parts), False):
            answer = with_top_items(answer, asked, hits, documents, config.items24_top, config.items24_rerank,
                                    config.items24_longest, config.items24_shared)
        return with_part_facts(answer, parts, hits, documents, config.items24_parts, config.items24_parts_rerank,
                               config.items24_parts_longest, config.items24_parts_shared)

    def _programme_answer(self, text: str) -> Answer | None:
        """The programme finder's answer to "which programmes can my system opt into?", asked only once the scope
        rules have let the question through: the catalogue knows nothing of a trust, a nation or a year the
        documents never name, so "which programmes did <a named trust> opt into?" is refused, not answered."""
        return programme_answer(text, self.programmes(), self.snapshot.retriever.by_id, self.snapshot.documents,
                                self.config.finder23)

    def _rules_refusal(self, text: str, query: str, hits: list[Hit]) -> Refusal | None:
        """The refusal rules' reason, with the figure gate's overruled when the learned signal is sure the documents
        cover the question (inscope19, inscope20), and a rule's that read the question's time too with inscope21
        (assistant/refusal_overrule.py), which overrules neither for a question searched for with the one before it:
        the signal would read that question's subject ("how many beds does royal cornwall have and are they in
        deficit?" after a question on link workers)."""
        config = self.config
        refusal = self._refusal(text, query, hits, best_rerank(hits))
        if refusal is None or not (refusal.figure and second_look(config) or refusal.dated and config.inscope21):
            return refusal
        if config.inscope21 and query != expand_acronyms(text):  # the learned signal would read the turn before too
            return refusal
        not_covered = self.learned.not_covered(text, query, hits, self.snapshot, self.embeddings)
        if overrules_figure_gate(refusal, not_covered, config):
            refusal = self._refusal(text, query, hits, best_rerank(hits), figures=False)
        return None if overrules_rules(refusal, not_covered, config) else refusal

    def _refusal(self, text: str, query: str, hits: list[Hit], rerank: float | None,
                 figures: bool = True) -> Refusal | None:
        """Why `hits` cannot answer the question (assistant/scope.py), or None; `rerank` is the cross-encoder's best
        score among them; `figures` False skips the figure gate."""
        snapshot = self.snapshot
        return unsupported(text, [h.passage.search_text for h in hits], max(h.similarity for h in hits),
                           snapshot.vocabulary, snapshot.corpus_text, self.config.name_gate_similarity, rerank,
                           self.config, query, figures)

    def _named_refusal(self, text: str, query: str, k: int, doc_id: str | None) -> Answer | None:
        """The refusal of a question naming what the documents lack, decided before the cross-encoder reads the
        question's own passages, which it then never needs: the reply points to passages searched for without the
        names (`_related_hits`), and the refusal does not depend on the cross-encoder's scores (it is the same at
        0 and at 1). The cross-encoder only re-orders the top `rerank_depth` passages, so for a one-part question
        and k >= rerank_depth its passages are the ones found without it. A refused question with names read about
        5 + 5 passages, now 5 (tune: 63 of 368 questions; 12% of the tokens the cross-encoder read). None otherwise,
        and the question is searched for as before, as it is for a refusal inscope21 may overrule (its learned signal
        reads the cross-encoder's scores)."""
        config = self.config
        if not config.refuse_before_rerank or self.reranker is None or k < config.rerank_depth or \
                (config.part_search and len(split_question(query)) > 1):
            return None
        hits = self.snapshot.retriever.search(query, k=k, doc_id=doc_id, rerank_depth=0)
        refusal = hits and self._refusal(text, query, hits, 0.0)
        if not refusal or _without_names(query, refusal.names) is None or refusal.dated and config.inscope21 or \
                refusal != self._refusal(text, query, hits, 1.0):
            return None
        related = related_citations(self._related_hits(query, refusal.names, hits, doc_id), self.snapshot.documents,
                                    config=config)
        return abstention(text, related=related, reason=refusal.reason)

    def _related_hits(self, query: str, names: tuple[str, ...], hits: list[Hit], doc_id: str | None) -> list[Hit]:
        """The passages to point to beside a refusal: searched for without the names the documents lack ("primary
        care networks in Wales" points to the networks passage, not to whatever the re-ranker pairs with Wales)."""
        rest = _without_names(query, names)
        if rest is None:
            return hits
        return self.snapshot.retriever.search(rest, k=len(hits), doc_id=doc_id,
                                              rerank_depth=self.config.related_rerank_depth,
                                              window_tokens=self.config.related_passage_tokens)

    def _summary(self, question: str, query: str, searched: list[Hit], doc_id: str | None,
                 own: list[Hit] | None = None) -> Answer | None:
        """Bullets for a broad question ("what does the plan mean for primary care?"), from a wider search: its
        topic's, taken in turn with the question's own (`searched`, `summary_k` deep, the search `ask` read); with
        `own` (broad22, the question's reranked hits) its best passages no bullet cites add a bullet each."""
        snapshot, config = self.snapshot, self.config
        hits = interleaved([snapshot.retriever.search(topic(query), k=config.summary_k, doc_id=doc_id), searched],
                           config.summary_k)
        return summary_answer(question, query, hits, snapshot.sections, snapshot.passages, snapshot.documents,
                              self.embeddings, config, own)


def _without_names(query: str, names: tuple[str, ...]) -> str | None:
    """`query` with `names` taken out, or None when that leaves it as it was or under two words."""
    rest = query
    for name in names:
        rest = re.sub(rf"\b{re.escape(name)}\b", " ", rest, flags=re.I)
    rest = " ".join(rest.split())
    if not names or rest == " ".join(query.split()) or len(rest.split()) < 2:
        return None
    return rest
