"""A one-fact answer without the statements a completing stage added that name nothing asked (short24).

The stages that complete a one-fact answer (contains20's runner-up, clinical21's commitment, clinical22's figure,
asked23's kind) each add a whole statement for something they read the answer as lacking. On tuning data the
statement they add is where one-fact answers' characters went (+23..+37 of median with round 22's bundle), and most
of the time it names none of the question's words that the answer's other statements leave unnamed: "... when does
that start?" answered "... both start from 2019." gains "NHS 111 will become the main route into a joined-up, 24/7
urgent care service." The answer's facts were in such a statement almost never; they were, often, when the statement
named a question word the rest did not (who commented, the clot removal one). So an added statement goes whole, last
first, when it names no question word (stemmed, without the words that only ask) that the statements kept beside it
lack and states no kind of fact the question asks for that they do not state (of the groups kept: an amount, a date
or place); never the lead, nor a statement the next one leans on. Then the lead goes too when what is left after it,
an added statement among it, restates it (the brief's "drop a lead the added sentence restates"), and an added
statement leads when the lead names nothing asked (its "replace instead of append", which tuning data shows to be
rare: the lead nearly always names a question word). Whole statements go, so what is left reads as written. Measured
in docs/history/round-24.md, "Shorter answers, fact first, round 24 (short24)".
"""

from __future__ import annotations

from assistant.asked_for import AMOUNTS, asked_kinds, kinds_in
from assistant.asked_words_first import ASKING_WORDS
from assistant.compact_added import NUMBER, holds_new
from assistant.coverage import GENERIC_TERMS
from assistant.one_fact import WANTS_DATE, fact_groups
from assistant.retrieve import tokenize
from assistant.wording import is_fragment, points_back

KINDS = frozenset({"amount", "date", "place", "unasked"})
"""The groups of asked kinds of fact an added statement may be kept for (assistant/one_fact.fact_groups); "unasked":
any figure, date or place, when the question asks for no kind in particular ("what's the waiting standard?") or for
any figure ("what's the target?")."""


def kept_kinds(amounts: bool, dates: bool, unasked: bool) -> frozenset[str]:
    """The groups of kinds an added statement is kept for: asked amounts, asked dates and places, and any kind when
    none is asked."""
    return frozenset({"amount"} if amounts else set()) | frozenset({"date", "place"} if dates else set()) | \
        frozenset({"unasked"} if unasked else set())


def _terms(text: str) -> set[str]:
    return set(tokenize([text], as_ids=False)[0])


def names_asked(question: str, statement: str, others: list[str], keep_kinds: frozenset[str]) -> bool:
    """Does `statement` name a question word `others` leave unnamed or state a kind of fact the question asks for
    that they do not state, of the groups `keep_kinds` keeps ("amount", "date", "place"; "unasked": any, when the
    question asks for none)?"""
    asked = _terms(question) - ASKING_WORDS - GENERIC_TERMS
    if (asked & _terms(statement)) - _terms(" ".join(others)):
        return True
    kinds = asked_kinds(question)
    wanted = fact_groups(kinds | ({"date"} if WANTS_DATE.search(question) else set()))
    stated = fact_groups(kinds_in(statement, others))
    if "unasked" in keep_kinds and kinds >= AMOUNTS:  # "what's the target?" asks for any figure, as if for none
        keep_kinds = keep_kinds | {"amount"}
    if "date" in wanted & keep_kinds and _written(statement) - _written(" ".join(others)):
        return True  # "mid-September 2019" is not the "September 2019" beside it
    return bool(stated & wanted & keep_kinds) or (not wanted and bool(stated) and "unasked" in keep_kinds)


def _written(text: str) -> set[str]:
    """The numbers and dates of a text as written, with their month ("mid-November 2019")."""
    return set(NUMBER.findall(text))


def kept(question: str, statements: list[str], added: list[bool], keep_kinds: frozenset[str] = KINDS,
         restated_lead: bool = False, named_first: bool = False) -> list[int]:
    """The positions of `statements` to show, in order: all but the added ones (`added`, by position) that name
    nothing asked, judged last first against the statements still kept; with `restated_lead`, not the lead either
    when an added statement kept restates it (`restates_lead`); with `named_first`, an added statement naming what was
    asked first when the lead names nothing asked (`names_more`)."""
    keep = list(range(len(statements)))
    for position in range(len(statements) - 1, 0, -1):
        if not added[position]:
            continue
        others = [statements[p] for p in keep if p != position]
        after = [p for p in keep if p > position]
        if after and is_fragment(statements[after[0]]):
            continue
        if not names_asked(question, statements[position], others, keep_kinds):
            keep.remove(position)
    if restated_lead and restates_lead(question, [statements[p] for p in keep], [added[p] for p in keep]):
        return keep[1:]
    if named_first:
        first = next((p for p in keep[1:] if added[p] and names_more(question, statements[p], statements[keep[0]])),
                     None)
        return keep if first is None else [first, *(p for p in keep if p != first)]
    return keep


def names_more(question: str, statement: str, lead: str) -> bool:
    """Does `statement` stand alone and name a question word or state a kind of fact asked (any figure or date when
    none is asked) while the lead does neither ("... anyone who has waited six months is to be contacted and offered
    faster treatment ..." before a lead about emergency departments, for "after how long?")?"""
    if is_fragment(statement) or points_back(statement):
        return False
    return names_asked(question, statement, [], KINDS) and not names_asked(question, lead, [], KINDS)


def restates_lead(question: str, statements: list[str], added: list[bool]) -> bool:
    """Do the statements after the lead, one of them added, say all the lead says that could be asked (its figures
    or dates, at least one, and its names and question words: "The Child Protection Information system is to reach all
    healthcare settings ... by 2022/23." beside "On security and safeguarding, ... and the Child Protection
    Information system to reach every healthcare setting ... by 2022/23.")? The next statement must then stand
    alone as the answer's first."""
    if len(statements) < 2 or not any(added[1:]) or points_back(statements[1]):
        return False
    rest = statements[1:]
    terms = _terms(question) - ASKING_WORDS - GENERIC_TERMS
    return bool(_written(statements[0])) and not holds_new(statements[0], " ".join(rest), terms) and \
        not names_asked(question, statements[0], rest, KINDS)


def without_unasked(question: str, shown: list[tuple[str, list[int]]], flags: list[bool | None],
                    keep_kinds: frozenset[str] = KINDS, restated_lead: bool = False,
                    named_first: bool = False) -> list[tuple[str, list[int]]]:
    """`shown` (statements and the passages each cites) without the added ones (`flags` not None) that name nothing
    asked (and, with `restated_lead`, without a lead they restate; with `named_first`, one naming more first)."""
    positions = kept(question, [text for text, _ in shown], [flag is not None for flag in flags], keep_kinds,
                     restated_lead, named_first)
    return [shown[p] for p in positions]
