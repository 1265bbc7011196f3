"""`Assistant`: the one owner of the embedding model, the store and the loaded index.

The CLI and the web app each create one per process and call its methods. It notices a newly published
index generation (a cheap pointer check, at most once a second) and swaps to it between requests, so
re-indexing never interrupts serving. Which way a question is answered (refused, the programme finder, a broad
question's bullets, the extractive answer) is assistant/question_route.py's; this file loads and owns what it reads.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

from assistant import privacy, safety_own_care, vector_cache
from assistant.answer import Answer
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.conversation import clean_question, parse_history, standalone_query
from assistant.glossary import expand_acronyms
from assistant.index_snapshot import IndexSnapshot
from assistant.inscope26 import chained_query
from assistant.llm import check_answer, condense_question, grounded_messages, make_chat_model, stream_reply
from assistant.outline_answers import outline_answer
from assistant.pair_budget import budgeted, with_reranker
from assistant.personal_clinical import PersonalClinical
from assistant.programmes import Programme, best_on_topic, filter_programmes, get_programme, load_catalogue, programme_citations
from assistant.question_route import QuestionRoute
from assistant.refusal_model import LearnedRefusals
from assistant.refusal_second_look import with_question_before
from assistant.rerank import CrossEncoderReranker
from assistant.retrieve import Hit, HybridRetriever
from assistant.sections import SectionInfo
from assistant.settings import Settings
from assistant.small_talk import small_talk_answer
from indexer.build import IndexSummary, build_index
from indexer.embeddings import SentenceEmbeddings
from indexer.errors import BadInput, IndexMissing, NotFound
from indexer.manifest import Source
from indexer.passage import sentence_key, sentences
from indexer.sources import collect_sources
from indexer.store import PassageStore

log = logging.getLogger(__name__)
POINTER_CHECK_SECONDS = 1.0
FALLBACK_NOTICE = (
    "The language model's answer could not be used (it failed, timed out or cited no passage), "
    "so this answer is made of the passages' own sentences."
)
MAX_K = 20
"""Passages searched for a broad question's bullets: enough to span several sections."""


class Assistant:
    """Question → answer for one data dir. `config` fixes every depth, weight and threshold of the pipeline; the
    collaborators default to the real ones (created lazily) and can be passed in, e.g. one model shared by tests."""

    def __init__(self, settings: Settings, config: PipelineConfig = DEFAULT_CONFIG,
                 embeddings: SentenceEmbeddings | None = None, store: PassageStore | None = None,
                 reranker: CrossEncoderReranker | None = None, chat_model=None):
        self.settings = settings
        self.config = config
        self.embeddings = embeddings or SentenceEmbeddings(settings.embedding_model,
                                                           query_encoder_dir=settings.data_dir / "cache")
        self.store = store or PassageStore(settings.index_dir, settings.chroma_url)
        self.reranker = None if not config.rerank else reranker or CrossEncoderReranker.from_config(
            config, cache_dir=settings.data_dir / "cache")
        self._snapshot: IndexSnapshot | None = None
        self._catalogue: list[Programme] | None = None
        self.learned_refusals = LearnedRefusals.for_config(config)
        """The learned refusal signal's weights, read on the first question that needs them."""
        self.personal_clinical = PersonalClinical.for_config(config)
        """The learned personal clinical signal (`config.clinical19m`), read on the first question that needs it."""
        self._chat_model = chat_model
        """The LLM for LTP_LLM answers: given (a test's fake, a shared client) or made on first use."""
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def with_config(self, config: PipelineConfig) -> Assistant:
        """Another assistant over the same model and store with other settings (for sweeps); it shares the
        re-ranker when that was built with the same model settings."""
        fits = self.reranker is not None and self.reranker.fits(config)
        return Assistant(self.settings, config, self.embeddings, self.store, self.reranker if fits else None)

    # --- index ---------------------------------------------------------------------------------------
    def sources(self) -> list[Source]:
        """What `ltp index` indexes: the corpus manifest, fetched official copies and user-added files."""
        return collect_sources(self.settings.corpus_dir, self.settings.data_dir, self.settings.sources)

    def index(self, rebuild: bool = False, progress: bool = True) -> IndexSummary:
        sources = self.sources()
        summary = build_index(sources, self.settings.corpus_dir, self.store, self.embeddings, rebuild, progress,
                              derived_texts=vector_cache.index_texts)
        self.embeddings.prepare_query_encoder()  # exported now, so server workers never load torch for questions
        self._checked_at = 0.0
        return summary

    def snapshot(self) -> IndexSnapshot:
        """The loaded index, reloaded if another process published a new generation."""
        now = time.monotonic()
        if self._snapshot and now - self._checked_at < POINTER_CHECK_SECONDS:
            return self._snapshot
        with self._lock:
            name = self.store.current_name()
            self._checked_at = now
            if not name:
                raise IndexMissing(
                    f"no index in {self.settings.data_dir} yet: run \"ltp index\" to build it from the corpus"
                )
            if self._snapshot is None or self._snapshot.generation != name:
                self._snapshot = self._load(name)
        return self._snapshot

    def _load(self, name: str) -> IndexSnapshot:
        """Everything from generation `name` alone: reading the pointer again here could mix in a generation
        published a moment later."""
        info = self.store.generation_info(name)
        built_with = info.get("embedding_model")
        if built_with and built_with != self.embeddings.name:  # its vectors would be compared with another model's
            raise IndexMissing(f"the index in {self.settings.data_dir} was built with {built_with}, not "
                               f"{self.embeddings.name} (LTP_EMBEDDING_MODEL): run \"ltp index\" to re-embed it")
        passages = self.store.all_passages(name)
        stored = self.store.sentence_vectors(name)
        model = self.embeddings.name
        self.embeddings.prime_sentences(
            {text: row for p in passages if p.id in stored and stored[p.id].key == sentence_key(model, p.text)
             for text, row in zip(sentences(p.text), stored[p.id].rows, strict=True)}
        )
        derived = vector_cache.prime_from_index(self.embeddings, self.store.folder(name), info)
        log.info("loaded index generation %s (%d passages, %d with sentence vectors, %d derived texts)", name,
                 len(passages), len(stored), derived)
        retriever = HybridRetriever(self.store, self.embeddings, name, passages, self.config, self.reranker)
        return IndexSnapshot(name, info, passages, retriever)

    def warm(self) -> None:
        """Load the index, the embedding model and the re-ranker now (a server does this before taking traffic)."""
        snapshot = self.snapshot()
        _ = snapshot.vocabulary, snapshot.corpus_text  # cached properties: built now, not on the first question
        self.embeddings.embed_query("warm up")
        snapshot.retriever.warm()
        if self.reranker is not None:
            self.reranker.warm_up()

    def warm_sentences(self) -> None:
        """Make sure every passage's sentences, which answers are built from, are embedded. The index stores
        them, so this is instant; an index built by an older version takes about 6 s (bundled corpus)."""
        self.embeddings.embed_sentences([s for p in self.snapshot().passages for s in sentences(p.text)])

    def is_ready(self) -> bool:
        try:
            self.snapshot()
        except IndexMissing:
            return False
        return True

    def sections(self, doc_id: str | None = None) -> list[SectionInfo]:
        """The outline of every indexed document (or of one), for `ltp sections` and checklists."""
        snapshot = self.snapshot()
        if doc_id and doc_id not in snapshot.documents:
            raise NotFound(f"unknown document {doc_id!r}; use one of: {', '.join(sorted(snapshot.documents))}")
        return [s for s in snapshot.sections if not doc_id or s.doc_id == doc_id]

    def programmes(self) -> list[Programme]:
        """The programme catalogue (read once from the corpus folder)."""
        if self._catalogue is None:
            self._catalogue = load_catalogue(self.settings.corpus_dir)
        return self._catalogue

    def find_programmes(self, type: str | None = None, profession: str | None = None, topic: str | None = None):
        """Catalogue entries matching the filters, each with its citations resolved against the index."""
        snapshot = self.snapshot()
        found = best_on_topic(filter_programmes(self.programmes(), type, profession), topic)
        return [(p, programme_citations(p, snapshot.retriever.by_id, snapshot.documents)) for p in found]

    def programme(self, programme_id: str):
        """One catalogue entry and its citations; NotFound names the way to list them."""
        snapshot = self.snapshot()
        found = get_programme(self.programmes(), programme_id)
        return found, programme_citations(found, snapshot.retriever.by_id, snapshot.documents)

    # --- questions -----------------------------------------------------------------------------------
    def ask(self, question: object, history: object = None, k: int = 5, doc_id: str | None = None, id: object = None) -> Answer:
        """Answer one question (in the light of `history`), citing the passages it used."""
        for name, payload in self.ask_stream(question, history, k, doc_id, id):
            if name == "done":
                return payload
        raise RuntimeError("the answer stream ended without an answer")

    def ask_stream(self, question: object, history: object = None, k: int = 5, doc_id: str | None = None,
                   id: object = None) -> Iterator[tuple[str, object]]:
        """("delta", text)* then ("done", Answer). Input is checked and passages retrieved before this
        returns, so bad input raises here, not half-way through a stream."""
        text = clean_question(question)
        turns = parse_history(history)
        if not isinstance(k, int) or not 1 <= k <= MAX_K:
            raise BadInput(f"k must be a whole number from 1 to {MAX_K}")
        signposting = safety_own_care.signposting_answer(text, self.config)  # 999 / Samaritans / 111 before anything
        if signposting is not None:
            return privacy.with_notice(self._done(signposting, id), text)
        chat = small_talk_answer(text) if self.config.chat26 else None  # "ok thanks", "hello", not English
        if chat is not None:
            return privacy.with_notice(self._done(chat, id), text)
        return privacy.with_notice(self._answer_events(text, turns, k, doc_id, id), text)

    def _answer_events(self, text: str, turns, k: int, doc_id: str | None, id: object) -> Iterator[tuple[str, object]]:
        """An outline question ("what's in chapter 3?") is answered from the outline; any other goes the way
        `QuestionRoute` chooses, and an answer made from passages is written by the LLM, when one is set."""
        snapshot = self.snapshot()
        if doc_id and doc_id not in snapshot.documents:
            known = ", ".join(sorted(snapshot.documents))
            raise BadInput(f"unknown document {doc_id!r}; use one of: {known}")
        answer = outline_answer(text, snapshot.sections, snapshot.passages, snapshot.documents, doc_id)
        if answer is not None:
            return self._done(answer, id)
        query = self._query(text, turns)
        if self.config.clinical19m:  # the vector retrieval embeds anyway: a cache hit below
            signposting = self.personal_clinical.signposting(text, self.embeddings.embed_query(query))
            if signposting is not None:
                return self._done(signposting, id)
        model = self.chat_model()
        reranker = budgeted(self.reranker, self.config.rerank_pair_budget)  # one per ask: its pairs are counted
        route = QuestionRoute(with_reranker(snapshot, reranker), self.config, self.embeddings, reranker, self.programmes,
                              self.learned_refusals)
        again = None if model else with_question_before(text, turns, query, self.config)  # a follow-up refused alone
        if again is None and model is None and self.config.inscope26:  # "when?" after "and who pays for them?"
            again = chained_query(text, turns, query)
        routed = route.answer(text, query, k, doc_id, again)
        if model is None or not routed.grounded:
            return self._done(routed.answer, id)
        return self._llm_events(model, text, routed.hits, snapshot, routed.answer, id)

    def retrieve(self, question: object, history: object = None, k: int = 5, doc_id: str | None = None) -> list[Hit]:
        """The passages `ask` reads for this question, best first: what evaluation scores as retrieval."""
        query = self._query(clean_question(question), parse_history(history))
        return self.snapshot().retriever.search_question(query, k=k, doc_id=doc_id)

    def _query(self, text: str, turns) -> str:
        """The search query: the question made standalone in the light of the conversation, acronyms spelt out."""
        model = self.chat_model()
        typed = self.config.inscope17  # a question pointing back ("so who gets the money first?") is a follow-up
        if model and turns:
            return expand_acronyms(condense_question(model, text, turns))
        return expand_acronyms(standalone_query(text, turns, typed, self.config.followup22))

    def _done(self, answer: Answer, id: object) -> Iterator[tuple[str, object]]:
        answer.id = id
        return iter([("done", answer)])

    def _llm_events(self, model, question: str, hits, snapshot, extractive: Answer, id: object):
        tokens: list[str] = []
        try:
            for token in stream_reply(model, grounded_messages(question, hits), self.settings.llm_timeout):
                tokens.append(token)
                yield "delta", token
            answer = check_answer(question, "".join(tokens), hits, snapshot.documents)
        except Exception as exc:  # timeouts, connection errors, bad responses: all fall back
            log.warning("LLM answer failed (%s: %s); using the extractive answer", type(exc).__name__, exc)
            answer = None
        if answer is None:
            extractive.mode = "extractive-fallback"
            extractive.notice = FALLBACK_NOTICE
            answer = extractive
        answer.id = id
        yield "done", answer

    def chat_model(self):
        """The configured LLM (LTP_LLM), created once on first use; None for extractive answers."""
        if not self.settings.llm:
            return None
        if self._chat_model is None:
            self._chat_model = make_chat_model(
                self.settings.llm, self.settings.llm_base_url, self.settings.llm_api_key, self.settings.llm_timeout,
                self.settings.llm_max_tokens,
            )
        return self._chat_model

