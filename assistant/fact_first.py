"""The statement holding what was asked leads the answer. The answer's statements (each sentence, or lead joined with
its next, under its citation) are chosen and ordered by similarity, the cross-encoder reading the best few sentences,
and the rules for asked-for kinds of fact; what is left after them is an answer whose first statement is on the
question's topic (the passage's context sentence, an earlier step of the timeline, a neighbouring passage's lead)
while a later one answers it. The cross-encoder reads each statement whole against the question, and the one it
reads as answering best, by a margin in logits, moves to the front; nothing is added or dropped.

Kept out: lists (their lead announces or holds the items, and the cross-encoder reads an enumeration as answering
nothing), two-part questions (each statement answers a part, in the question's order), and a statement leaning on
the one before it ("It proposes ...", "Together with ... this could ..."), which cannot be read first."""

from __future__ import annotations

from assistant.list_answers import WANTS_LIST, is_list
from assistant.passage_sentences import logit
from assistant.rerank import CrossEncoderReranker
from assistant.wording import is_fragment, points_back


def leading(query: str, statements: list[str], reranker: CrossEncoderReranker | None, margin: float,
            two_part: bool = False) -> int:
    """The index of the statement that should lead the answer (0: the lead stays). `statements`: the answer's
    statements in order, without their citation markers."""
    if reranker is None or not may_reorder(query, statements, two_part):
        return 0
    if reranker.room(len(statements)) < len(statements):
        return 0
    return best_lead(statements, [logit(score) for score in reranker.score(query, statements)], margin)


def may_reorder(question: str, statements: list[str], two_part: bool) -> bool:
    """Whether another statement may open this answer: not a list, not a two-part question, more than one."""
    return len(statements) >= 2 and not two_part and not WANTS_LIST.search(question) and not is_list(statements[0])


def best_lead(statements: list[str], scores: list[float], margin: float) -> int:
    """The statement scoring best after the first, when it beats the first by more than `margin` and can open an
    answer (0 otherwise: the best one leans back, and the next best scores worse than it)."""
    best = max(range(1, len(statements)), key=lambda i: (scores[i], -i))
    if is_fragment(statements[best]) or points_back(statements[best]):
        return 0
    return best if scores[best] - scores[0] > margin else 0
