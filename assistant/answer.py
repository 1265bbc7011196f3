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
from assistant.retrieve import Hit, tokenize
from indexer.embeddings import SentenceEmbeddings
from indexer.passage import PAGE_SECTION, sentences

ABSTAIN_SIMILARITY = 0.37
"""Below this cosine similarity between the question and its best passage the answer abstains.
Calibrated on the dev question set (docs/benchmarks.md, "Abstention")."""
MAX_SENTENCES = 4
SENTENCE_MARGIN = 0.16
"""A sentence joins the answer only if it scores within this much of the best sentence (0.16 keeps a second
fact that answers a two-part question without padding short answers; dev set, docs/benchmarks.md)."""
SAME_PASSAGE_MARGIN = 0.22
"""The wider margin for sentences of the passage the best sentence comes from: they are about the same thing,
and often hold the second half of a two-part answer (dev set: answer-contains-fact 0.796 -> 0.816)."""
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
ASKED_FOR_BONUS = 0.08
"""Added to a sentence holding the kind of fact the question asks for (a figure for "how many", a date for
"when"); tuned on the dev set's answer-contains-fact rate."""
DUPLICATE_SIMILARITY = 0.9
RESTATEMENT_SIMILARITY = 0.6
"""A sentence this close to a chosen one, adding no new figure, is a restatement and is left out (dev set:
shorter answers, answer-contains-fact unchanged or better; docs/benchmarks.md)."""
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
    safety: str | None = None
    """Set when the message needed crisis or clinical signposting instead of an answer (assistant/safety.py)."""

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
        if self.safety:
            data["safety"] = self.safety
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


def should_abstain(hits: list[Hit], threshold: float | None = None) -> bool:
    floor = ABSTAIN_SIMILARITY if threshold is None else threshold
    return not hits or max(h.similarity for h in hits) < floor


def extractive_answer(
    question: str, query: str, hits: list[Hit], documents: dict, embeddings: SentenceEmbeddings, passages_read: int = 4
) -> Answer:
    """Pick the sentences of the top passages that best answer `query`; cite each one's passage."""
    if should_abstain(hits):
        return abstention(question)
    candidates = [(rank, s) for rank, hit in enumerate(hits[:passages_read]) for s in sentences(hit.passage.text)]
    scores, vectors = _score_sentences(query, candidates, embeddings)
    chosen = _choose(candidates, scores, vectors)
    citations: dict[str, Citation] = {}
    parts: list[str] = []
    for index in chosen:
        rank, sentence = candidates[index]
        hit = hits[rank]
        if hit.passage.id not in citations:
            citations[hit.passage.id] = make_citation(len(citations) + 1, hit, documents)
        parts.append(f"{_as_sentence(sentence)} [{citations[hit.passage.id].n}]")
    return Answer(question, " ".join(parts), abstained=False, citations=list(citations.values()))


def _score_sentences(query: str, candidates: list[tuple[int, str]], embeddings: SentenceEmbeddings):
    query_vector = np.array(embeddings.embed_query(query))
    vectors = embeddings.embed_sentences([s for _, s in candidates])
    semantic = vectors @ query_vector
    query_terms = set(tokenize([query], as_ids=False)[0])
    overlap = np.array(
        [len(query_terms & set(tokenize([s], as_ids=False)[0])) / (len(query_terms) or 1) for _, s in candidates]
    )
    rank_prior = np.array([0.04 * (3 - min(rank, 3)) for rank, _ in candidates])
    asked_for = np.array([_asked_for_bonus(query, s) for _, s in candidates])
    return semantic + 0.25 * overlap + rank_prior + asked_for, vectors


def _asked_for_bonus(query: str, sentence: str) -> float:
    """Favour the sentence that holds what the question asks for: a date for "when", a figure for "how many", an
    enumeration for "which ..." (dev set: answer-contains-fact 0.816 -> 0.827 for the last)."""
    bonus = 0.03 if HAS_FIGURE.search(sentence) else 0.0
    if WANTS_DATE.search(query) and HAS_DATE.search(sentence):
        bonus += ASKED_FOR_BONUS
    if WANTS_FIGURE.search(query) and HAS_FIGURE.search(sentence):
        bonus += ASKED_FOR_BONUS
    if WANTS_LIST.search(query) and _is_list(sentence):
        bonus += ASKED_FOR_BONUS
    return bonus


def _is_list(sentence: str) -> bool:
    """A sentence that enumerates ("seven specifications: a, b, c and d"): what "which ..." questions want."""
    return sentence.count(",") + 2 * sentence.count(";") >= 3


def _choose(candidates: list[tuple[int, str]], scores: np.ndarray, vectors: np.ndarray) -> list[int]:
    """Best sentences first, skipping those far below the best and those that only repeat what is chosen; in
    reading order."""
    order = list(np.argsort(-scores))
    best, best_passage = scores[order[0]], candidates[order[0]][0]
    chosen: list[int] = []
    for index in order:
        if len(chosen) == MAX_SENTENCES or scores[index] < best - SAME_PASSAGE_MARGIN:
            break
        margin = SAME_PASSAGE_MARGIN if candidates[index][0] == best_passage else SENTENCE_MARGIN
        if scores[index] < best - margin or len(candidates[index][1].split()) < 4:
            continue
        if _repeats(index, chosen, candidates, vectors):
            continue
        chosen.append(index)
    return sorted(chosen, key=lambda i: (candidates[i][0] != candidates[chosen[0]][0], candidates[i][0], i))


def _repeats(index: int, chosen: list[int], candidates: list[tuple[int, str]], vectors: np.ndarray) -> bool:
    """A near-duplicate of a chosen sentence, or a paraphrase of one that states no figure not already given
    (several passages restate "30,000 to 50,000 people"; the answer needs it once)."""
    similarities = [float(vectors[index] @ vectors[c]) for c in chosen]
    if any(s > DUPLICATE_SIMILARITY for s in similarities):
        return True
    figures = set(FIGURE.findall(candidates[index][1]))
    given = {f for c in chosen for f in FIGURE.findall(candidates[c][1])}
    return bool(figures) and figures <= given and any(s > RESTATEMENT_SIMILARITY for s in similarities)


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", ":")) else f"{text}."
