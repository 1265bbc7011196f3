"""An open question's answer shown with its lead passage whole: the lead sentence, then the rest of the lead's
passage in the document's order, then at most one sentence from elsewhere. The first citation held the expected
facts more often than the answer text (blind probe 7: 0.86 against 0.65), because the answer kept one or two of its
passage's sentences; a question asking for no one fact (no figure, date or place, no list, not two parts) is better
answered by the passage a reader would read. Off by default (`PipelineConfig.lead_passage_whole`): measured in
docs/history/round-10-11.md, "Lead passage whole, confirmed on blind probe 9 (whole11)"."""

from __future__ import annotations

from collections.abc import Callable

from assistant.list_answers import WANTS_LIST
from assistant.wording import is_fragment


def is_open(query: str, one_fact: bool, parts: int) -> bool:
    """A question asking for no one fact: not after a figure, date or place (one_fact.is_one_fact), not a list, not two
    parts."""
    return not one_fact and parts < 2 and not WANTS_LIST.search(query)


def with_lead_passage(chosen: list[int], candidates: list[tuple[int, str]],
                      repeats: Callable[[int, list[int]], bool]) -> list[int]:
    """The lead, the other sentences of its passage in order (each too short to say anything, or restating one
    already kept, left out), then the first chosen sentence of another passage that reads alone."""
    lead = chosen[0]
    rank = candidates[lead][0]
    kept = [lead]
    for index, (other_rank, text) in enumerate(candidates):
        if other_rank != rank or index == lead or len(text.split()) < 4 or repeats(index, kept):
            continue
        kept.append(index)
    elsewhere = next((c for c in chosen[1:] if candidates[c][0] != rank and not is_fragment(candidates[c][1])
                      and not repeats(c, kept)), None)
    return kept if elsewhere is None else [*kept, elsewhere]
