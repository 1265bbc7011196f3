"""One-fact questions: which questions ask for a single figure, date or place, and which sentences may follow the
lead of their answer (only those that complete the asked-for fact). Kept apart from answer.py, which composes every
kind of answer, because these rules are the ones a reworded question stresses most (docs/history/round-08-09.md, answers8)."""

from __future__ import annotations

import re

from assistant.asked_for import AMOUNTS, asked_kinds, kinds_in, with_thousands_spelt_out
from assistant.deadlines import MONTHS, SEASONS
from assistant.list_answers import WANTS_LIST, is_list

WANTS_FIGURE = re.compile(
    r"\bhow (many|much|big|large|long|far|soon|quickly|fast)\b|\bwhat (percentage|proportion|share|number|figure|"
    r"rate|level)\b|\b(target|per ?cent|%|funding|money|budget|cost|save|saving)s?\b", re.I)
WANTS_DATE = re.compile(r"\b(when|deadline|timeline|timescale|date|(?:what|which) (?:\w+ )?years?|how soon|by what)\b", re.I)
"""A question after a date. "Year" asks for one only as "what year(s)": "a year", "five-year plan" and "last year of
life" ask for none."""
HAS_FIGURE = re.compile(r"\d|£|%")
HAS_DATE = re.compile(rf"\b(19|20)\d{{2}}\b|\b({MONTHS}|{SEASONS})\b", re.I)
FIGURE = re.compile(r"£?\d[\d,.]*\d%?|£?\d%?")


def facts_in(text: str) -> set[str]:
    """The figures and month or season names of a sentence: what makes one statement of a date or an amount
    differ from another ("mid-September 2019" vs "November 2019"). "30-50,000" and "30,000 to 50,000" are
    the same figures."""
    text = with_thousands_spelt_out(text)
    return set(FIGURE.findall(text)) | {m.lower() for m in re.findall(rf"\b(?:{MONTHS}|{SEASONS})\b", text, re.I)}


def is_one_fact(query: str) -> bool:
    """A question after a figure, a date or a place (not a list): one sentence usually answers it. Any word asking
    for a kind of fact counts ("spend", "cash", "at what point", "which annex"), not only "how many" and "when":
    a reworded question keeps asking for the fact in other words.
    Tune split: answers to questions asking for money or a place in other words ran to three sentences the lead
    already answered."""
    return bool(WANTS_FIGURE.search(query) or WANTS_DATE.search(query) or asked_kinds(query)) and \
        not WANTS_LIST.search(query)


def completing(query: str, chosen: list[int], candidates: list[tuple[int, str]]) -> list[int]:
    """A one-fact answer keeps behind its lead only the sentences that complete it: `answer._choose` judged them against
    its own lead, but the asked-for fact may since have moved to the front ("When should ICSs cover England?" opens
    with "by April 2021" now), and a sentence that completed the old lead adds nothing to the new one."""
    kept = [chosen[0]]
    for index in chosen[1:]:
        if completes(query, index, kept, candidates):
            kept.append(index)
    return kept


def lead_lacks(query: str, given: list[str]):
    """The test a one-fact answer's continuation must pass: it states a kind of fact the question asks for and the
    answer lacks; None when the question asks for no kind in particular (any detail the thin lead lacks will do)."""
    wanted = asked_kinds(query) | ({"date"} if WANTS_DATE.search(query) else set())
    if not wanted:
        return None
    lacking = lacking_kinds(wanted, given)
    return lambda text: bool(fact_groups(kinds_in(text, given)) & lacking)


def completes(query: str, index: int, chosen: list[int], candidates: list[tuple[int, str]]) -> bool:
    """May a sentence follow the lead of an answer to a one-fact question? Only to complete the asked-for fact: it
    states an asked-for kind of fact that the chosen sentences lack (the date of "how many ... and by when"), or,
    from the lead's own passage, more of the asked-for kind (the other end of a range, the figure's date). A
    sentence whose news is a figure of another kind, or the same kind about something else, is left out."""
    text = candidates[index][1]
    given = [candidates[c][1] for c in chosen]
    wanted = asked_kinds(query) | ({"date"} if WANTS_DATE.search(query) else set())
    new = kinds_in(text, given)
    if not wanted:
        return adds_asked_for(query, text, given)
    if lacking_kinds(wanted, given) & fact_groups(new):
        return True
    return bool(new & wanted) and candidates[index][0] == candidates[chosen[0]][0] and not (new - wanted - {"date"})


def fact_groups(kinds: set[str]) -> set[str]:
    """Kinds of fact as an answer needs them: any amount (money, share, duration, count), a date, a place."""
    return {"amount" if kind in AMOUNTS else kind for kind in kinds}


def lacking_kinds(wanted: set[str], given: list[str]) -> set[str]:
    """The asked-for groups no given sentence states yet ("how many ... by when" lacks the date after a count)."""
    stated = set().union(*(kinds_in(g) for g in given))
    lacking = {kind for kind in wanted - AMOUNTS if kind not in stated}
    if wanted & AMOUNTS and not wanted & AMOUNTS & stated:
        lacking.add("amount")
    return lacking


def adds_asked_for(query: str, sentence: str, given: list[str]) -> bool:
    """Does `sentence` add a fact the chosen sentences lack: a new figure or date, a kind of fact asked for and not
    yet stated, or (for "which ...") an enumeration? A date the question asks for counts however the chosen
    sentences are dated."""
    new_figures = facts_in(sentence) - {f for g in given for f in facts_in(g)}
    if WANTS_LIST.search(query) and is_list(sentence):
        return True
    wanted = asked_kinds(query)
    if wanted and fact_groups(kinds_in(sentence, given)) & lacking_kinds(wanted, given):
        return True  # the asked-for kind written in words ("roughly a third")
    return bool(new_figures) or bool(WANTS_DATE.search(query) and HAS_DATE.search(sentence)
                                     and not any(HAS_DATE.search(g) for g in given))
