"""Answers and their citations, and the extractive answerer used when no LLM is configured.

The extractive answer is 1-4 sentences chosen from the top passages by how closely each sentence
matches the question, each followed by the `[n]` of the passage it came from. When even the best
passage is a weak match, the answer abstains: it says the documents don't cover the question and
cites nothing.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import numpy as np

from assistant.checklists import MONTHS, SEASONS
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.retrieve import Hit, tokenize
from indexer.embeddings import SentenceEmbeddings
from indexer.passage import PAGE_SECTION, sentences

WANTS_FIGURE = re.compile(
    r"\bhow (many|much|big|large|long|far|soon|quickly|fast)\b|\bwhat (percentage|proportion|share|number|figure|"
    r"rate|level)\b|\b(target|per ?cent|%|funding|money|budget|cost|save|saving)s?\b", re.I)
WANTS_DATE = re.compile(r"\b(when|deadline|timeline|timescale|date|year|how soon|by what)\b", re.I)
WANTS_LIST = re.compile(
    r"^(which|what are|what were|list|name)\b|\bwhich (\w+ ){0,3}(are|do|does|can|must|should|will)\b|"
    r"\bwhat (\w+ )?(roles|measures|services|programmes|metrics|specifications|features|changes|tests|priorities)\b",
    re.I)
HAS_FIGURE = re.compile(r"\d|£|%")
HAS_DATE = re.compile(rf"\b(19|20)\d{{2}}\b|\b({MONTHS}|{SEASONS})\b", re.I)
FIGURE = re.compile(r"£?\d[\d,.]*%?")
ABSTAIN_MESSAGE = (
    "The Long Term Plan, its Implementation Framework and the CSP guidance I have don't cover this question. "
    "Try asking about a commitment, programme, target or deadline in those documents."
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
        return data

    @property
    def reference(self) -> str:
        """Human form: "The NHS Long Term Plan, para 1.10, p. 14"."""
        parts = [self.doc_title]
        if self.para:
            parts.append(f"para {self.para}")
        if self.page is not None:
            parts.append(f"section from p. {self.page}" if self.page_basis == PAGE_SECTION else f"p. {self.page}")
        return ", ".join(parts)


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    mode: str = "extractive"
    id: object = None
    notice: str | None = None

    def to_dict(self) -> dict:
        """The answer JSON of the contract (CLI --json and POST /api/ask)."""
        data = {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_dict() for c in self.citations],
            "mode": self.mode,
        }
        if self.id is not None:
            data = {"id": self.id, **data}
        if self.notice:
            data["notice"] = self.notice
        return data


def make_citation(n: int, hit: Hit, documents: dict) -> Citation:
    passage = hit.passage
    info = documents.get(passage.doc_id, {})
    return Citation(
        n=n,
        passage_id=passage.id,
        doc_id=passage.doc_id,
        doc_title=info.get("title", passage.doc_id),
        section=" › ".join(passage.section_path),
        para=passage.para,
        page=passage.page,
        page_basis=passage.page_basis,
        url=passage.url or info.get("url"),
        source_kind=info.get("kind", "user"),
        text=passage.text,
        score=hit.similarity,
    )


def abstention(question: str, unknown_names: list[str] | tuple = ()) -> Answer:
    """The plain "not covered" answer; when the question names things the documents never mention, say which."""
    if not unknown_names:
        return Answer(question, ABSTAIN_MESSAGE, abstained=True)
    names = ", ".join(f"\u201c{n}\u201d" for n in unknown_names)
    return Answer(question, f"The documents I have never mention {names}, so they don't answer this. {ABSTAIN_MESSAGE}",
                  abstained=True)


def should_abstain(hits: list[Hit], threshold: float = DEFAULT_CONFIG.abstain_similarity) -> bool:
    return not hits or max(h.similarity for h in hits) < threshold


def extractive_answer(
    question: str, query: str, hits: list[Hit], documents: dict, embeddings: SentenceEmbeddings,
    config: PipelineConfig = DEFAULT_CONFIG,
) -> Answer:
    """Pick the sentences of the top passages that best answer `query`; cite each one's passage."""
    if should_abstain(hits, config.abstain_similarity):
        return abstention(question)
    candidates = [(rank, s) for rank, hit in enumerate(hits[: config.passages_read]) for s in sentences(hit.passage.text)]
    scores, vectors = _score_sentences(query, candidates, embeddings, config)
    chosen = _choose(candidates, scores, vectors, config)
    citations: dict[str, Citation] = {}
    parts: list[str] = []
    for index in chosen:
        rank, sentence = candidates[index]
        hit = hits[rank]
        if hit.passage.id not in citations:
            citations[hit.passage.id] = make_citation(len(citations) + 1, hit, documents)
        parts.append(f"{_as_sentence(sentence)} [{citations[hit.passage.id].n}]")
    return Answer(question, " ".join(parts), abstained=False, citations=list(citations.values()))


def _score_sentences(query: str, candidates: list[tuple[int, str]], embeddings: SentenceEmbeddings,
                     config: PipelineConfig = DEFAULT_CONFIG):
    query_vector = np.array(embeddings.embed_query(query))
    vectors = embeddings.embed_sentences([s for _, s in candidates])
    semantic = vectors @ query_vector
    query_terms = set(tokenize([query], as_ids=False)[0])
    overlap = np.array(
        [len(query_terms & set(tokenize([s], as_ids=False)[0])) / (len(query_terms) or 1) for _, s in candidates]
    )
    rank_prior = np.array([0.04 * (3 - min(rank, 3)) for rank, _ in candidates])
    asked_for = np.array([_asked_for_bonus(query, s, config.asked_for_bonus) for _, s in candidates])
    return semantic + 0.25 * overlap + rank_prior + asked_for, vectors


def _asked_for_bonus(query: str, sentence: str, asked_for_bonus: float = DEFAULT_CONFIG.asked_for_bonus) -> float:
    """Favour the sentence that holds what the question asks for: a date for "when", a figure for "how many", an
    enumeration for "which ..." (dev set: answer-contains-fact 0.816 -> 0.827 for the last)."""
    bonus = 0.03 if HAS_FIGURE.search(sentence) else 0.0
    if WANTS_DATE.search(query) and HAS_DATE.search(sentence):
        bonus += asked_for_bonus
    if WANTS_FIGURE.search(query) and HAS_FIGURE.search(sentence):
        bonus += asked_for_bonus
    if WANTS_LIST.search(query) and _is_list(sentence):
        bonus += asked_for_bonus
    return bonus


def _is_list(sentence: str) -> bool:
    """A sentence that enumerates ("seven specifications: a, b, c and d"): what "which ..." questions want."""
    return sentence.count(",") + 2 * sentence.count(";") >= 3


def _choose(candidates: list[tuple[int, str]], scores: np.ndarray, vectors: np.ndarray,
            config: PipelineConfig = DEFAULT_CONFIG) -> list[int]:
    """Best sentences first (equal scores in reading order), skipping those far below the best and those that only
    repeat what is chosen; in reading order."""
    order = [int(i) for i in np.argsort(-scores, kind="stable")]
    best, best_passage = scores[order[0]], candidates[order[0]][0]
    chosen: list[int] = []
    for index in order:
        if len(chosen) == config.max_sentences or scores[index] < best - config.same_passage_margin:
            break
        margin = config.same_passage_margin if candidates[index][0] == best_passage else config.sentence_margin
        if scores[index] < best - margin or len(candidates[index][1].split()) < 4:
            continue
        if _repeats(index, chosen, candidates, vectors, config):
            continue
        chosen.append(index)
    return sorted(chosen, key=lambda i: (candidates[i][0] != candidates[chosen[0]][0], candidates[i][0], i))


def _repeats(index: int, chosen: list[int], candidates: list[tuple[int, str]], vectors: np.ndarray,
             config: PipelineConfig = DEFAULT_CONFIG) -> bool:
    """A near-duplicate of a chosen sentence, or a paraphrase of one that states no figure not already given
    (several passages restate "30,000 to 50,000 people"; the answer needs it once)."""
    similarities = [float(vectors[index] @ vectors[c]) for c in chosen]
    if any(s > config.duplicate_similarity for s in similarities):
        return True
    figures = set(FIGURE.findall(candidates[index][1]))
    given = {f for c in chosen for f in FIGURE.findall(candidates[c][1])}
    return bool(figures) and figures <= given and any(s > config.restatement_similarity for s in similarities)


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", ":")) else f"{text}."
