"""`IndexSnapshot`: everything loaded from one published index generation, which the assistant swaps whole when a
new one is published, so one question never reads two generations."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from assistant.retrieve import HybridRetriever
from assistant.scope import corpus_text, vocabulary
from assistant.sections import SectionInfo, section_tree
from indexer.passage import Document, Passage, documents_from_info


@dataclass
class IndexSnapshot:
    """Everything loaded from one index generation; replaced whole when a new one is published."""

    generation: str
    info: dict
    passages: list[Passage]
    retriever: HybridRetriever

    @cached_property
    def documents(self) -> dict[str, Document]:
        """The indexed documents by id, in index order."""
        return documents_from_info(self.info.get("documents", {}))

    @cached_property
    def sections(self) -> list[SectionInfo]:
        """The outline, built once per generation: every ask reads it (outline questions), and building it counts
        every passage's sections (about 8 ms of CPU per ask when rebuilt each time). Callers only read it."""
        return section_tree(self.info.get("sections", []), self.passages, self.documents)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word of the indexed passages and section titles (for spotting out-of-scope names)."""
        return vocabulary(f"{' '.join(p.section_path)} {p.text}" for p in self.passages)

    @cached_property
    def passages_fingerprint(self) -> str:
        """One hash of every passage's id and text: which corpus this generation holds, for anything fitted to one
        corpus's passages (assistant/refusal_model.py) to tell whether it is the one it was fitted on."""
        return passages_fingerprint(self.passages)

    @cached_property
    def corpus_text(self) -> str:
        """All passages and section titles as one normalised string (for names and documents a question cites)."""
        return corpus_text(f"{' '.join(p.section_path)} {p.text}" for p in self.passages)


def passages_fingerprint(passages: list[Passage]) -> str:
    digest = hashlib.sha256()
    for passage in sorted(passages, key=lambda p: p.id):
        digest.update(f"{passage.id}\0{passage.text}\0".encode())
    return digest.hexdigest()[:16]
