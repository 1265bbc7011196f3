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
    if reranker is None or len(statements) < 2 or two_part or WANTS_LIST.search(query) or is_list(statements[0]):
        return 0
    if reranker.room(len(statements)) < len(statements):
        return 0
    read = [logit(score) for score in reranker.score(query, statements)]
    best = max(range(1, len(statements)), key=lambda i: (read[i], -i))
    if is_fragment(statements[best]) or points_back(statements[best]):
        return 0  # the best reader leans back: it cannot open the answer, and the next best reads worse than it
    return best if read[best] - read[0] > margin else 0
