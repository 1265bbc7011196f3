"""The scope rules (`assistant.scope.unsupported`) over a few passages written into a test, for tests that state
which questions they refuse and why: the passages stand for the whole corpus and for what was found."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.refusal import Refusal
from assistant.scope import corpus_text, unsupported, vocabulary


class ScopeRules:
    """`unsupported` with `passages` as the documents. By default the question is taken to have found them all, with
    a close match (similarity 0.6) the cross-encoder scores 0.9, so only what the question is about can refuse it."""

    def __init__(self, passages: Sequence[str]):
        self.passages = list(passages)
        self.text = corpus_text(self.passages)
        """The documents as the rules search them for a phrase."""
        self.known = vocabulary(self.passages)

    def refusal(self, question: str, passages: Sequence[str] | None = None, similarity: float = 0.6,
                rerank: float | None = 0.9) -> Refusal | None:
        """Why the documents cannot answer `question`, or None; `passages` are the ones found, when not all."""
        found = self.passages if passages is None else list(passages)
        return unsupported(question, found, similarity, self.known, self.text, best_rerank=rerank)
