"""Dates in the documents' own words ("by mid-September 2019", "from April 2020", "by 2023/24"), found and
turned into a calendar date, so checklists can sort by them and the timeline can put them in a calendar.

A deadline ("by", "in", "until") falls at the end of the period it names; a start ("from") at its beginning.
NHS years such as 2023/24 are financial years, 1 April to 31 March.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
SEASONS = "spring|summer|autumn|winter"
YEAR = r"(?:19|20)\d{2}(?:/\d{2})?"
DEADLINE = re.compile(
    rf"\b(?P<prep>by|from|in|during|before|until|no later than|within|over|starting)\s+(?:the\s+)?"
    rf"(?P<when>(?:(?:end|start|beginning|middle) of\s+(?:the\s+)?)?"
    rf"(?:(?:early|mid|late)[- ])?(?:(?:\d{{1,2}}\s+)?(?:{MONTHS}|{SEASONS}|Q[1-4])\s+)?{YEAR}"
    rf"|(?:the\s+)?(?:next|coming|first)\s+(?:\w+\s+)?(?:years?|months?)"
    rf"|(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:years?|months?|weeks?|days?|hours?))",
    re.I,
)
BARE_DEADLINE = re.compile(rf"\b(?P<when>(?:(?:early|mid|late)[- ])?(?:{MONTHS}|{SEASONS})\s+{YEAR})\b", re.I)
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
PART_DAY = {"early": 10, "mid": 15}


@dataclass(frozen=True)
class Deadline:
    wording: str
    """As the documents put it, tidied: "by mid-September 2019"."""
    due: date | None
    """The calendar date it stands for; None for durations ("within two hours")."""

    @property
    def iso(self) -> str | None:
        return self.due.isoformat() if self.due else None


def find_deadline(sentence: str) -> Deadline | None:
    """The sentence's deadline. With several, a dated "by …" wins over other dates, and any date over a
    duration ("within two hours" is a service standard, not a deadline)."""
    found = [(m["prep"].lower(), m["when"]) for m in DEADLINE.finditer(sentence)]
    found += [("", m["when"]) for m in BARE_DEADLINE.finditer(sentence) if not any(m["when"] in w for _, w in found)]
    if not found:
        return None
    dated = [(p, w) for p, w in found if re.search(YEAR, w)]
    prep, when = next(((p, w) for p, w in dated if p in ("by", "before", "no later than")), None) or (dated or found)[0]
    prep = {"during": "in", "before": "by", "no later than": "by", "starting": "from"}.get(prep, prep)
    when = tidy_when(when)
    return Deadline(f"{prep} {when}".strip(), to_date(when, start=prep == "from"))


def normalise_deadline(sentence: str) -> str | None:
    found = find_deadline(sentence)
    return found.wording if found else None


def tidy_when(when: str) -> str:
    when = " ".join(when.split())
    when = re.sub(r"^the\s+", "", when, flags=re.I)
    when = re.sub(r"\b(early|mid|late) ", r"\1-", when, flags=re.I)
    when = re.sub(r"\b(end|start|beginning|middle) of the ", r"\1 of ", when, flags=re.I)
    words = [w.capitalize() if re.fullmatch(MONTHS, w, re.I) else w for w in re.split(r"(\s|-)", when)]
    text = "".join(words)
    return re.sub(r"^(Early|Mid|Late)-", lambda m: m[1].lower() + "-", text)


def to_date(when: str, start: bool = False) -> date | None:
    """"mid-September 2019" → 2019-09-15; "2023/24" → 2024-03-31 (or 2023-04-01 with start=True)."""
    year_match = re.search(YEAR, when)
    if not year_match:
        return None
    text = when.lower()
    start = start or bool(re.search(r"\b(start|beginning) of\b", text))
    year = int(year_match[0][:4])
    month = re.search(MONTHS.lower(), text)
    season = re.search(SEASONS, text)
    if month:
        number = MONTHS.lower().split("|").index(month[0]) + 1
        day = re.search(rf"\b(\d{{1,2}})\s+{month[0]}", text)
        part = re.search(r"\b(early|mid|late)-", text)
        last = calendar.monthrange(year, number)[1]
        if day:
            return date(year, number, min(int(day[1]), last))
        if part and part[1] in PART_DAY:
            return date(year, number, PART_DAY[part[1]])
        return date(year, number, 1 if start and not part else last)
    if season:
        first, end = SEASON_MONTHS[season[0]]
        if start:
            return date(year, first, 1)
        end_year = year + 1 if end < first else year
        return date(end_year, end, calendar.monthrange(end_year, end)[1])
    if "/" in year_match[0]:
        return date(year, 4, 1) if start else date(year + 1, 3, 31)
    return date(year, 1, 1) if start else date(year, 12, 31)
