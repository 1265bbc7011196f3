"""A learned refusal signal: a logistic regression over what the pipeline already knows about a question when the
refusal rules have let it through (its MiniLM vector, the retrieval and cross-encoder scores of its passages, BM25's
best score, its length, the names in it the documents never use), saying whether the documents cover it at all.

The rules (assistant/scope.py) name what a question asks about; fitted to the blind probes' wording, new rules
stopped generalising to fresh sets. This reads kinds of question from the embedding instead, and is judged by
leave-sets-out cross-validation (bench/train_refusal_model.py, docs/history/round-16.md "A learned refusal signal").
It only ever adds a refusal behind `PipelineConfig.learned_refusals`; the weights are a small JSON file that the
assistant's `LearnedRefusals` reads on first use, and a missing or damaged file leaves the rules alone to decide
(logged once).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.config import PipelineConfig
from assistant.index_snapshot import IndexSnapshot
from assistant.logistic_weights import LogisticModel, WeightsFile
from assistant.refusal import COVERS, Refusal
from assistant.retrieve import Hit
from assistant.safety import CLINICAL_ADVICE, own_clinical_question
from assistant.scope import unknown_names
from indexer.embeddings import SentenceEmbeddings

log = logging.getLogger(__name__)

SHIPPED = Path(__file__).with_name("refusal_model.json")
SCALARS = ("best_similarity", "second_similarity", "mean_similarity", "best_rerank", "rerank_gap", "reranked",
           "bm25_best", "words", "unknown_names")
"""The scalar features, in the order the weights file lists them after the embedding's."""
REASON = (f"{COVERS} They don't appear to cover this question: none of their passages answers it, and the related "
          "passages are only the nearest they come.")


def scalar_features(question: str, similarities: Sequence[float], reranks: Sequence[float | None],
                    bm25_best: float, unknown_names: int) -> list[float]:
    """`SCALARS` for one question from its passages' similarities and cross-encoder scores (best passage first;
    None where the cross-encoder did not read one), BM25's best score and how many of its names the documents lack."""
    sims = sorted(similarities, reverse=True) + [0.0, 0.0]
    read = sorted((r for r in reranks if r is not None), reverse=True)
    best_rerank = read[0] if read else 0.0
    gap = read[0] - read[1] if len(read) > 1 else 0.0
    top = sims[:5] if similarities else [0.0]
    return [sims[0], sims[1], float(np.mean(top)), best_rerank, gap, len(read) / 5.0, math.log1p(max(bm25_best, 0.0)),
            math.log1p(len(question.split())), float(min(unknown_names, 3))]


def feature_vector(query_vector: Sequence[float], scalars: Sequence[float]) -> np.ndarray:
    """The embedding of the question as searched for, then the scalars: one row of the classifier's input."""
    return np.concatenate([np.asarray(query_vector, dtype=np.float64), np.asarray(scalars, dtype=np.float64)])


@dataclass(frozen=True)
class RefusalModel(LogisticModel):
    """The fitted classifier: the probability that the documents do not cover a question, and the one above which
    it refuses."""

    corpus: str = ""
    """The fingerprint of the passages it was fitted over (IndexSnapshot.passages_fingerprint); "" for none."""

    FEATURES = ("scalars", "scalar features", SCALARS)

    @classmethod
    def recorded(cls, about: dict) -> dict:
        return {"corpus": str(about.get("corpus", ""))}


class LearnedRefusals:
    """The classifier one assistant asks, read from its weights file on the first question that needs it and kept;
    a missing or damaged file, or one fitted over another embedding model's vectors, leaves the refusal rules to
    decide alone (logged once). Nothing is read while the switch is off."""

    def __init__(self, path: Path = SHIPPED) -> None:
        self.weights = WeightsFile(path, RefusalModel, log, "learned refusals off", "the refusal rules decide alone")
        self.refusing = self.weights
        """The weights the refusal itself reads: the same file as `not_covered` (round 22's refit22 read refitted ones
        here; removed in round 26)."""
        self._other_corpora: set[tuple[Path, str]] = set()

    @classmethod
    def for_config(cls, config: PipelineConfig) -> LearnedRefusals:
        """The classifier `config.learned_refusal_weights` names ("" = the shipped file), not yet read."""
        if config.learned_refusal_weights:
            return cls(Path(config.learned_refusal_weights))
        return cls(SHIPPED)

    def model(self) -> RefusalModel | None:
        """The fitted model `not_covered` reads, read once; None when the file cannot be used."""
        return self.weights.model()

    def fits(self, snapshot: IndexSnapshot, weights: WeightsFile[RefusalModel] | None = None) -> bool:
        """Were `weights` (the `not_covered` ones by default) fitted over this generation's passages? Their scores
        mean "not covered" only there: over other documents (the official text, a user's own plans, with or without
        the digest) they would refuse what they do cover, so the rules decide alone there (logged once per
        generation and file)."""
        weights = weights or self.weights
        model = weights.model()
        if model is None:
            return False
        if model.corpus == snapshot.passages_fingerprint:
            return True
        with weights.lock:
            if (weights.path, snapshot.generation) not in self._other_corpora:
                self._other_corpora.add((weights.path, snapshot.generation))
                log.warning("learned refusals off for index %s: %s was fitted over other passages (corpus %s, this "
                            "one %s); the refusal rules decide alone", snapshot.generation, weights.path,
                            model.corpus or "unrecorded", snapshot.passages_fingerprint)
        return False

    def refusal(self, question: str, query_vector: Sequence[float], similarities: Sequence[float],
                reranks: Sequence[float | None], bm25_best: float, unknown_names: int) -> Refusal | None:
        """A refusal saying the documents don't appear to cover `question`, when the classifier says so; else None.
        A question about the asker's own treatment that the safety rules did not signpost gets their NHS 111 / GP
        advice too."""
        return self._row_refusal(question, feature_vector(
            query_vector, scalar_features(question, similarities, reranks, bm25_best, unknown_names)))

    def _row_refusal(self, question: str, row: np.ndarray) -> Refusal | None:
        model = self.refusing.fitting(row)
        if model is None or model.probability(row) < model.threshold:
            return None
        return Refusal(f"{REASON} {CLINICAL_ADVICE}" if own_clinical_question(question) else REASON)

    def question_refusal(self, text: str, query: str, hits: Sequence[Hit], snapshot: IndexSnapshot,
                         embeddings: SentenceEmbeddings, config: PipelineConfig) -> Refusal | None:
        """The classifier's refusal of a question the rules let through, read from what answering it already
        computed: the vector of `query` is the one retrieval embedded (a cache hit), the top five `hits` the ones it
        found. None while `config.learned_refusals` is off."""
        if not config.learned_refusals or not hits or not self.fits(snapshot, self.refusing):
            return None
        return self._row_refusal(text, question_row(text, query, hits, snapshot, embeddings))

    def not_covered(self, text: str, query: str, hits: Sequence[Hit], snapshot: IndexSnapshot,
                    embeddings: SentenceEmbeddings) -> float | None:
        """The classifier's probability that the documents do not cover `text` (read as `question_refusal` reads
        it, whether or not `config.learned_refusals` is on); None when it cannot be read for this index."""
        model = self.model()
        if not hits or model is None or not self.fits(snapshot):
            return None
        row = question_row(text, query, hits, snapshot, embeddings)
        return model.probability(row) if len(row) == len(model.weights) else None


def question_row(text: str, query: str, hits: Sequence[Hit], snapshot: IndexSnapshot,
                 embeddings: SentenceEmbeddings) -> np.ndarray:
    """The classifier's input for question `text`, searched for as `query`, from its top five `hits`: the one place
    features are read from a question, for answering and for fitting (bench/train_refusal_model.py) alike."""
    lexical = snapshot.retriever.lexical.search(query, 1)
    scalars = scalar_features(text, [h.similarity for h in hits[:5]], [h.rerank_score for h in hits[:5]],
                              lexical[0][1] if lexical else 0.0, len(unknown_names(text, snapshot.vocabulary)))
    return feature_vector(embeddings.embed_query(query), scalars)
