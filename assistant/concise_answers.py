"""A one-fact answer without the statements that say nothing the question named. An answer's statements are chosen
by similarity and the cross-encoder; after a lead that names what was asked, a later statement from another passage
is often a neighbouring commitment or a framing sentence on the topic ("Annex C, from printed page 40, lists the
headline metrics ..." behind the learning-disability metric itself) that holds little of the question's distinctive
words. Such a statement adds characters, not the fact: it is left out.

Only a statement citing no passage an earlier statement cites goes: the lead's own passage goes on to complete its
fact (the other end of a range, the date of a figure) and dropping from it lost facts on tuning data. A statement
counts as naming nothing asked when its share of the question's term weight (assistant/asked_words_first.py: idf
over the sentences read, asking words left out) is below the best share before it by more than a margin, chosen
leave-sets-out ("Shorter one-fact answers, round 20 (concise20)" in docs/history/round-20.md).

Kept out, as in assistant/fact_first.py: lists (every item is the fact) and two-part questions (each statement
answers its part), and a statement leaning on the one before it stays with it."""

from __future__ import annotations

from assistant.asked_words_first import named_share, term_weights
from assistant.list_answers import WANTS_LIST
from assistant.wording import is_fragment, points_back


def kept(question: str, statements: list[tuple[str, list[int]]], texts: list[str], margin: float,
         two_part: bool = False) -> list[tuple[str, list[int]]]:
    """`statements` (text, cited passage ranks) in order, without those from a passage no earlier statement cites
    whose share of the question's distinctive words is below the best earlier share by more than `margin`.
    `texts`: the sentences of the passages read (the idf's base)."""
    if len(statements) < 2 or two_part or WANTS_LIST.search(question):
        return statements
    weights = term_weights(question, texts)
    if not weights:
        return statements
    shares = [named_share(weights, text) for text, _ in statements]
    out = [statements[0]]
    best = shares[0]
    for (text, ranks), share in zip(statements[1:], shares[1:], strict=True):
        cited = {rank for _, earlier in out for rank in earlier}
        if not cited & set(ranks) and share < best - margin and not is_fragment(text) and not points_back(text):
            continue
        out.append((text, ranks))
        best = max(best, share)
    return out
