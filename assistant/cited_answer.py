"""An answer and its numbered citations, as every answerer returns them and the contract's answer JSON shows them;
and the plain "not covered" answer with its related pointers. The answerers themselves live elsewhere: the
extractive one in assistant/answer.py, the LLM one in assistant/llm.py, summaries, outlines and programmes beside.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.retrieve import Hit
from indexer import cite
from indexer.passage import Document, find_document

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


def related_citations(hits: list[Hit], documents: Mapping[str, Document], limit: int = 3,
                      config: PipelineConfig = DEFAULT_CONFIG) -> list[Citation]:
    """Pointers to the nearest passages for an answer that abstains: shown as "related", never as support."""
    near = [hit for hit in hits if hit.similarity >= config.related_similarity][:limit]
    return [make_citation(n, hit, documents) for n, hit in enumerate(near, start=1)]
