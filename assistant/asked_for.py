"""What kind of fact a question asks for (an amount of money, a share, a duration, a count, a date, a place in the
documents), and which of those kinds a sentence states that the answer has not stated yet.

A question after one fact is answered by the sentence holding that kind of fact, first; a second sentence may only
complete it (the other end of a range, the date of the figure), never add a figure of a kind nobody asked about
("How many patients does a network cover?" needs no £4.5 billion).
"""

from __future__ import annotations

import re

from assistant.deadlines import MONTHS, SEASONS

NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|a hundred)"
UNITS = r"(?:minutes?|hours?|days?|weeks?|months?|years?)"
KINDS: dict[str, re.Pattern] = {
    "money": re.compile(r"£\s?\d[\d,.]*(?:\s?(?:billion|million|bn|m)\b)?", re.I),
    "share": re.compile(r"\d[\d.]*\s?%|\b\d[\d.]*\s?per ?cent\b|\b(?:half|a third|a quarter|three[- ]quarters)\b|"
                        rf"\b{NUMBER_WORD} in (?:two|three|four|five|six|seven|eight|nine|ten)\b", re.I),
    "duration": re.compile(rf"\b(?:\d[\d,.]*|{NUMBER_WORD})(?:\s?(?:-|–|to)\s?(?:\d[\d,.]*|{NUMBER_WORD}))?[\s-]{UNITS}\b",
                           re.I),
    "date": re.compile(rf"\b(?:19|20)\d{{2}}(?:/\d{{2}})?\b|\b(?:{MONTHS}|{SEASONS})\b", re.I),
    "place": re.compile(r"\b(?:annex|appendix|chapter|section|page|p\.)\s?(?:[a-d]\b|\d)", re.I),
    "count": re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d[\d.]*\s?(?:million|billion)\b|\b\d+\b", re.I),
}
"""Each kind of fact, as it is written in the documents. A count is any other number (tried last)."""

ASKS = {
    "money": re.compile(r"\b(funding|funded|money|budget|cost|costs|spend|spending|invest\w*|saves?|"
                        r"saving|savings|worth|cash|pounds?|allocations?)\b", re.I),
    "share": re.compile(r"\b(percentage|proportion|share|per ?cent|rate|uptake|coverage)\b|%", re.I),
    "duration": re.compile(rf"\bhow (long|soon|quickly|fast)\b|\bhow many {UNITS}|\bwithin what\b|"
                           r"\bat what point\b", re.I),
    "date": re.compile(r"\b(when|deadline|timeline|timescale|date|(?:what|which) (?:\w+ )?years?|by what|what point)\b", re.I),
    "place": re.compile(r"\bwhere (do|can|would|should|is|are|in)\b.*\b(find|look|set out|listed|described|say|"
                        r"framework|plan|document)\b|\bwhich (annex|chapter|section|page)\b", re.I),
    "count": re.compile(r"\bhow (many|big|large|far)\b|\bwhat (number|size)\b", re.I),
}
"""The question's words that ask for each kind."""
ANY_FIGURE = re.compile(r"\b(target|figure|number|level|ambition|trajector\w*)\b", re.I)
"""Questions that ask for "the target" or "the figure" accept any kind of amount."""
HOW_MUCH = re.compile(r"\bhow much\b", re.I)
"""Money with a word for money ("how much funding"), a share with one for a share; else any amount ("how much have
the roles grown?")."""
AMOUNTS = frozenset({"money", "share", "duration", "count"})
HOW_MANY = re.compile(r"\bhow many (?:more |extra |additional |new )?(?P<noun>(?:[a-z-]+ ){0,3}?[a-z-]+?)s?\b"
                      r"(?= (?:are|is|do|does|did|will|would|should|can|could|must|have|has|were|was|a|per|in|of|by|"
                      r"the|to|for|is)\b|\W*$)", re.I)


SHARED_THOUSANDS = re.compile(r"(?<![\d,.£])(\d{1,3})(\s*(?:-|–|to)\s*\d{1,3}),000\b")
"""A range whose first end leaves its thousands implied: "30-50,000" is 30,000 to 50,000."""


def with_thousands_spelt_out(text: str) -> str:
    """ "30-50,000" written as "30,000-50,000", so both ends of a range compare as the figures they are."""
    return SHARED_THOUSANDS.sub(r"\1,000\2,000", text)


def numbers_in(text: str) -> set[str]:
    """The numbers and month or season names a text states ("30-50,000" states 30,000 and 50,000)."""
    text = with_thousands_spelt_out(text)
    return set(re.findall(r"\d[\d,.]*\d|\d", text)) | {
        m.lower() for m in re.findall(rf"\b(?:{MONTHS}|{SEASONS})\b", text, re.I)}


PART_OF_WHOLE = re.compile(r"\bhow many of (?:them|these|those)\b", re.I)
"""A question after the part of a group already named ("and how many of them recover?"): the answer is a share of
that group ("more than half", "four in five", "40%"), not a count of something else."""


def asked_kinds(question: str) -> set[str]:
    """The kinds of fact `question` asks for; empty when it asks for none in particular."""
    kinds = {kind for kind, pattern in ASKS.items() if pattern.search(question)}
    if PART_OF_WHOLE.search(question):
        kinds = kinds - {"count"} | {"share"}
    if ANY_FIGURE.search(question) or (HOW_MUCH.search(question) and not kinds & AMOUNTS):
        kinds |= AMOUNTS
    return kinds


def kinds_in(sentence: str, given: list[str] | tuple = ()) -> set[str]:
    """The kinds of fact `sentence` states, leaving out statements whose every number the `given` sentences
    already state. Each number counts once, as the first kind that holds it (money before a bare count)."""
    known = {n for text in given for n in numbers_in(text)}
    sentence = with_thousands_spelt_out(sentence)
    found: set[str] = set()
    taken: list[tuple[int, int]] = []
    for kind, pattern in KINDS.items():
        for match in pattern.finditer(sentence):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            numbers = numbers_in(match.group()) or {match.group().lower()}
            if not numbers <= known:
                found.add(kind)
    return found


def counted_noun(question: str) -> str | None:
    """What a "how many ..." question counts ("How many link workers are PCNs getting?" counts workers)."""
    match = HOW_MANY.search(question)
    return match["noun"].split()[-1].lower() if match and not PART_OF_WHOLE.search(question) else None


def counts_noun(sentence: str, noun: str) -> bool:
    """Does `sentence` give a number of `noun` ("1,000 trained social prescribing link workers")?"""
    stem = re.escape(noun.rstrip("s")[:6])
    return bool(re.search(rf"(?:\d|\b{NUMBER_WORD}\b)[\d,.]*\s?(?:%\s)?(?:[\w'’-]+\s){{0,4}}{stem}", sentence, re.I))
