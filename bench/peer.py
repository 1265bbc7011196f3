"""A strong peer baseline: what a good engineer builds with LangChain in an afternoon.

BM25 (rank-bm25) and dense (Chroma, the same MiniLM) retrievers over the same 1000-character chunks, fused by
LangChain's EnsembleRetriever (weighted reciprocal rank fusion), the ensemble's top candidates re-ordered by the
same offline cross-encoder the assistant uses, and the best chunk as the answer. It never abstains.
"""

from __future__ import annotations

import tempfile
import time

from langchain_core.documents import Document

from assistant.evaluate import SystemAnswer
from assistant.rerank import CrossEncoderReranker

CANDIDATES = 20
"""How many chunks each retriever returns to the ensemble, and how many of the fused list are re-ranked."""


class PeerBaseline:
    name = "langchain-ensemble-rerank"

    def __init__(self, documents: list[Document], embeddings, reranker: CrossEncoderReranker):
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_classic.retrievers import EnsembleRetriever
        from langchain_community.retrievers import BM25Retriever
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        started = time.perf_counter()
        chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(documents)
        self.folder = tempfile.TemporaryDirectory(prefix="ltp-peer-")
        client = chromadb.PersistentClient(self.folder.name, settings=ChromaSettings(anonymized_telemetry=False))
        dense = Chroma.from_documents(chunks, embeddings, client=client, collection_name="peer")
        bm25 = BM25Retriever.from_documents(chunks, k=CANDIDATES)
        self.retriever = EnsembleRetriever(
            retrievers=[bm25, dense.as_retriever(search_kwargs={"k": CANDIDATES})], weights=[0.5, 0.5])
        self.reranker = reranker
        self.chunks = len(chunks)
        self.index_seconds = time.perf_counter() - started

    def _ranked(self, question: str) -> list[str]:
        texts = [d.page_content for d in self.retriever.invoke(question)[:CANDIDATES]]
        scores = self.reranker.score(question, texts)
        order = sorted(range(len(texts)), key=lambda i: (-scores[i], i))
        return [texts[i] for i in order]

    def ranked_texts(self, question: str, history: list, depth: int) -> list[str]:
        return self._ranked(question)[:depth]

    def answer(self, question: str, history: list) -> SystemAnswer:
        best = self._ranked(question)[0]
        return SystemAnswer(best, False, (best,))
