"""The part of a long passage the cross-encoder reads (`PipelineConfig.rerank_passage_tokens`): its cost grows by
about 0.18 ms per token, and a passage pair is most of an ask's tokens (tune: 131 of a pair's 192 at most). Cut at
the first N tokens, a passage loses the sentences after them, which is where its answer often sits; cut to a window
of whole sentences around the one closest to the question, it keeps what the first stage found it for."""

from __future__ import annotations

from collections.abc import Callable, Sequence


def window(whole: str, title: str, texts: Sequence[str], best: int, tokens: Callable[[str], int], budget: int) -> str:
    """`whole` (the passage as read today) when it fits in `budget` tokens (counted by `tokens`), else the title and
    the run of whole sentences `texts` around `texts[best]` that fits, grown a sentence at a time, the next one
    before the one before (a passage leads into its point). The best sentence alone is kept even when it does not
    fit: the tokenizer's own truncation then cuts it, as before."""
    def joined(first: int, last: int) -> str:
        body = " ".join(texts[first:last + 1])
        return f"{title}. {body}" if title else body

    if not texts or tokens(whole) <= budget:
        return whole
    first = last = best
    while True:
        grown = False
        for step in ((first, last + 1), (first - 1, last)):
            if 0 <= step[0] and step[1] < len(texts) and tokens(joined(*step)) <= budget:
                first, last = step
                grown = True
                break
        if not grown:
            return joined(first, last)
