"""Which chosen sentence leads the answer: the one holding the asked-for thing (the date of "when", the count of
"how many"), and one that reads alone, not one pointing back at a sentence the reader was never shown."""

from __future__ import annotations

import numpy as np

from assistant.asked_for import asked_kinds, counted_noun, counts_noun, kinds_in
from assistant.list_answers import asks_for_items, is_list, names_items, refers_back, wanted_items, with_passage_list
from assistant.one_fact import HAS_DATE, WANTS_DATE, facts_in
from assistant.wording import is_fragment, points_back

CONFIDENT = 0.5
"""The cross-encoder's (question, passage) score from which the first passage counts as answering the question."""


def clear_winner(rerank: list[float | None], margin: float) -> int | None:
    """The rank of the passage the cross-encoder clearly ranks first: it scores as answering (CONFIDENT or more) and
    leads every other read passage by at least `margin`. None when the rule is off (0), a passage was not read, or
    the lead is not clear: then the lead sentence is chosen over every passage's sentences, as the similarity and
    the sentences' own cross-encoder reading judge. The sentences' scores move with small changes in the other
    passages' scores; the clear first passage does not."""
    read = [(score, rank) for rank, score in enumerate(rerank) if score is not None]
    if margin <= 0 or len(read) < 2:
        return None
    read.sort(reverse=True)
    (best, rank), (second, _) = read[0], read[1]
    return rank if best >= CONFIDENT and best - second >= margin else None


def from_passage(order: list[int], candidates: list[tuple[int, str]], passage: int | None) -> list[int]:
    """`order` (sentences best first) with the best sentence of `passage` moved to the front: the lead comes from
    the passage the cross-encoder clearly ranks first. Unchanged when `passage` is None or gives no sentence."""
    if passage is None:
        return order
    lead = next((i for i in order if candidates[i][0] == passage), None)
    return order if lead is None else [lead, *(i for i in order if i != lead)]


def asked_for_first(query: str, chosen: list[int], candidates: list[tuple[int, str]]) -> tuple[list[int], int]:
    """The asked-for thing in the first sentence: when the lead lacks it (the date of "when", the share of "what
    share", the count of the very thing "how many" counts, the enumeration of "which ...") and a chosen sentence
    behind it holds it, that sentence leads ("When should ICSs cover England?" opens with "by April 2021"). A holder
    that leans on the lead ("The web page tracks it through ...") and follows it in its passage is joined to it
    instead (the second value: 1 when joined)."""
    holds = holder_test(query, candidates[chosen[0]][1])
    if holds is None:
        return chosen, 0
    holder = next((c for c in chosen[1:] if holds(candidates[c][1])), None)
    if holder is None:
        return with_passage_list(query, chosen, candidates)
    if refers_back(candidates[holder][1]):
        if holder == chosen[0] + 1 and candidates[holder][0] == candidates[chosen[0]][0]:
            return [chosen[0], holder, *(c for c in chosen[1:] if c != holder)], 1
        return chosen, 0
    return [holder, *(c for c in chosen if c != holder)], 0


def standalone_lead(chosen: list[int], candidates: list[tuple[int, str]], scores: np.ndarray,
                     margin: float) -> list[int]:
    """A lead that leans on the sentence before it ("That money funds ... teams ... serving 30-50,000 people") yields
    to a sentence scoring within `margin` of it that states the same figures and opens on no word pointing back
    (narrower than `is_fragment`: "Each network is built on its practices' lists" reads alone): the first sentence is read
    first and alone, so it must not point at something the reader was never shown. Of several, the one adding the
    fewest other figures leads (the question asked for these, not for the money)."""
    lead = chosen[0]
    figures = facts_in(candidates[lead][1])
    if not is_fragment(candidates[lead][1]) or not figures:
        return chosen
    alternatives = [i for i in range(len(candidates))
                    if i != lead and scores[i] >= scores[lead] - margin
                    and not points_back(candidates[i][1], at_start=True)
                    and figures <= facts_in(candidates[i][1])]
    if not alternatives:
        return chosen
    best = min(alternatives, key=lambda i: (len(facts_in(candidates[i][1]) - figures), -scores[i], i))
    return [best, *(c for c in chosen[1:] if c != best)]


def holder_test(query: str, lead: str):
    """What the lead should hold and does not, as a test of a sentence; None when the lead holds it."""
    noun = counted_noun(query)
    if noun and not counts_noun(lead, noun):
        return lambda text: counts_noun(text, noun)
    wanted = asked_kinds(query)
    if "place" in wanted:
        wanted = {"place"}
    elif WANTS_DATE.search(query) and not HAS_DATE.search(lead):
        return HAS_DATE.search
    if not noun and wanted and not (wanted & kinds_in(lead)):
        return lambda text: bool(wanted & kinds_in(text))
    if asks_for_items(query) and (not is_list(lead) or wanted_items(query)):
        return lambda text: names_items(text, query) and refers_back(text)
    return None
