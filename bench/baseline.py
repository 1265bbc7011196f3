"""The baseline a user would otherwise build: LangChain's quick-start RAG over the same corpus text.

RecursiveCharacterTextSplitter (1000 characters, 200 overlap), the same MiniLM embeddings, Chroma
similarity search top-5, and the best chunk as the answer. It never abstains.
"""

from __future__ import annotations

import tempfile
import time

from langchain_core.documents import Document

from assistant.evaluate import SystemAnswer
from indexer.documents import load_source
from indexer.manifest import Source


def corpus_documents(sources: list[Source], corpus_dir) -> list[Document]:
    """Each document's text as one long string (headings and paragraphs in order), as a loader would give."""
    documents = []
    for source in sources:
        outline = load_source(source, corpus_dir)
        lines: list[str] = []
        current: tuple = ()
        for passage in outline.passages:
            if passage.section_path != current:
                lines.append("\n" + passage.section_path[-1] + "\n")
                current = passage.section_path
            lines.append(passage.text)
        documents.append(Document("\n\n".join(lines), metadata={"source": source.id}))
    return documents


class LangChainBaseline:
    name = "langchain-quickstart"

    def __init__(self, documents: list[Document], embeddings):
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        started = time.perf_counter()
        chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(documents)
        self.folder = tempfile.TemporaryDirectory(prefix="ltp-baseline-")
        client = chromadb.PersistentClient(self.folder.name, settings=ChromaSettings(anonymized_telemetry=False))
        self.store = Chroma.from_documents(chunks, embeddings, client=client, collection_name="baseline")
        self.chunks = len(chunks)
        self.index_seconds = time.perf_counter() - started

    def ranked_texts(self, question: str, history: list, depth: int) -> list[str]:
        return [d.page_content for d in self.store.similarity_search(question, k=depth)]

    def answer(self, question: str, history: list) -> SystemAnswer:
        best = self.store.similarity_search(question, k=5)[0].page_content
        return SystemAnswer(best, False, (best,))
