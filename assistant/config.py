"""`PipelineConfig`: every depth, weight, threshold and model name of the question → answer pipeline, in one
frozen value.

The server, `ltp ask`, `ltp eval` and the benchmarks all build the pipeline from one of these; a sweep builds new
ones with `dataclasses.replace` and never edits module globals. Each value was chosen on the *tune* split of
bench/dev_questions.jsonl (docs/benchmarks.md says how); the holdout split only reports.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from assistant.rerank import RERANKER_MODEL


@dataclass(frozen=True)
class PipelineConfig:
    # --- retrieval (assistant/retrieve.py) --------------------------------------------------------------
    candidates: int = 30
    """How deep the dense and the BM25 rankings are each read before fusion."""
    rrf_k: int = 60
    """Reciprocal rank fusion's constant (Cormack et al., 2009): damps any one ranking's top ranks."""
    sentence_depth: int = 20
    """How many fused candidates are re-ordered by their best sentence's similarity to the question."""
    sentence_weight: float = 0.5
    """Weight of that best-sentence similarity against the fused rank (1 for the top rank)."""

    # --- cross-encoder re-ranking (assistant/rerank.py) -------------------------------------------------
    rerank: bool = True
    """Re-order the top `rerank_depth` candidates by the cross-encoder; False skips loading it at all."""
    rerank_model: str = RERANKER_MODEL
    rerank_depth: int = 10
    """How many candidates (after the sentence re-ordering) the cross-encoder reads."""
    rerank_pairs: str = "passage"
    """What the cross-encoder reads beside the question: "passage" (section title and text) or "sentence" (the
    passage's sentence closest to the question)."""
    rerank_max_tokens: int = 256
    """Question plus passage are cut to this many tokens; cost grows with it."""
    rerank_weight: float = 1.0
    """Weight of the cross-encoder's score (0..1) against the candidate's earlier score when re-ordering."""
    rerank_threads: int = 2
    """onnxruntime intra-op threads per process."""
    rerank_batch: int = 1
    """Pairs per onnxruntime call; 1 keeps every score independent of the others (see CrossEncoderReranker)."""

    # --- extractive answers (assistant/answer.py) -------------------------------------------------------
    abstain_similarity: float = 0.37
    """Below this cosine similarity between the question and its best passage the answer abstains."""
    passages_read: int = 4
    """How many top passages the answer's sentences are chosen from."""
    max_sentences: int = 4
    sentence_margin: float = 0.16
    """A sentence joins the answer only if it scores within this much of the best sentence."""
    same_passage_margin: float = 0.22
    """The wider margin for sentences of the best sentence's own passage (the second half of a two-part answer)."""
    asked_for_bonus: float = 0.08
    """Added to a sentence holding what the question asks for (a figure for "how many", a date for "when")."""
    duplicate_similarity: float = 0.9
    restatement_similarity: float = 0.6
    """A sentence this close to a chosen one, adding no new figure, is a restatement and is left out."""

    # --- scope (assistant/scope.py) ---------------------------------------------------------------------
    name_gate_similarity: float = 0.60
    """An unknown name makes the answer abstain only when the best passage scores below this."""

    def __post_init__(self) -> None:
        for name in ("candidates", "sentence_depth", "rerank_depth", "rerank_threads", "rerank_batch",
                     "passages_read", "max_sentences"):
            if getattr(self, name) < 1:
                raise ValueError(f"PipelineConfig.{name} must be at least 1")
        if self.rerank_pairs not in ("passage", "sentence"):
            raise ValueError('PipelineConfig.rerank_pairs must be "passage" or "sentence"')
        if not 16 <= self.rerank_max_tokens <= 512:
            raise ValueError("PipelineConfig.rerank_max_tokens must be between 16 and 512")

    def describe(self) -> dict:
        """The values, for a benchmark's results file."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


DEFAULT_CONFIG = PipelineConfig()
