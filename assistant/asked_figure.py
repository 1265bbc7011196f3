"""Do the passages found give the figure a question asks for? "How many PCNs were there?" and "what's the annual
NHS bill for drinking?" are about topics the documents cover, so passages match them well; but when none of them
gives that count or cost, an answer made of the nearest sentences states other figures as if they answered it. Such
a question is refused with "the documents don't give that figure" instead.

A count answers "how many X" only when X (or, for people, any word for people) follows the number closely
("30,000 to 50,000 people", "1,000 link workers"); a sum of money answers "how much ... cost" only in a sentence
sharing a word with the question.
"""

from __future__ import annotations

import re

from assistant.asked_for import ASKS, HOW_MUCH, KINDS
from assistant.figure_breakdown import NOT_A_DATE, SENTENCE, missing_breakdown, missing_detail
from assistant.glossary import expand_acronyms, long_form
from assistant.premise import STOP_WORDS
from assistant.typed_reading import counted_words, refers_back

__all__ = ["asked_figure", "missing_breakdown", "missing_detail", "missing_figure"]

_HOW_MANY = re.compile(r"\b(?:how many|what(?:'s|’s|\s+is|\s+was|\s+will\s+be)\s+the\s+(?:total\s+)?number\s+of)\s+"
                       r"(?P<subject>(?:[\w&'’-]+\s+){0,4}?[\w&'’-]+?)"
                       r"(?=\s+(?:is|are|was|were|do|does|did|will|would|can|could|should|has|have|had|get|got|in|on|"
                       r"at|of|from|by|to|for|there|a|the|under|across|each|per|every|more|extra|than|aged|with|who|"
                       r"that|need|needs|live|work|working)\b|\s*[?,.;]|$)", re.I)
_CLAUSE_ENDS = re.compile(r"\s+(?:(?:and|or|but|&)\s+(?:when|what|how|where|which|who|why|is|are|does|do|did|will|can|"
                          r"by)|currently|now|today|already|actually|still|usually|typically|ever|really)\b.*$", re.I)
"""Where what "how many" counts has ended: a second question ("how many days and when does it start") or an adverb
("how many eligible pts currently get it"). Without it the count's last word is read as "when" or "currently"."""
_WHAT_COST = re.compile(r"\bwhat(?:\s+is|\s+was|'s|’s|s|\s+are|\s+were|\s+will\s+be)\s+the\s+(?:[\w-]+\s+){0,3}?"
                        r"(?:cost|costs|bill|price|budget|charge|fee|spend|payments?)\b|"
                        r"\bwhat (?:does|do|did|will|would)\b.{1,60}\b(?:cost|paid)\b|"
                        r"\bwhat\s+(?:[\w-]+\s+){0,2}?(?:payments?|allocations?|reimbursements?|sums?|amounts?|costs?|"
                        r"prices?|fees?|charges?)\s+(?:do|does|did|will|would|is|are|was|were)\b",
                        re.I)
"""Ways to ask for a sum besides asked_for's "how much": "what's the annual bill for ...", "what does X cost", "what
does a PCN get paid", "what per-patient payment do PCNs get"."""
_HOW_BIG = re.compile(r"\bhow (?:big|large)\b", re.I)
"""The size of a sum ("how big is the Financial Recovery Fund in £?"), asked with a word for money."""
_PRICE_WORDS = re.compile(r"£|\b(spent|fund|pay|paid|payments?|price|prices|charge|charges|fee|fees|bill|finance|"
                          r"financial|reimburse\w*)\b",
                          re.I)
"""Words for money beyond asked_for's ASKS["money"]: a price, a charge, a fee or a bill is asked for as money too."""
_RECEIVE = re.compile(r"\bhow much\s+(?:will|would|does|do|did|can|could|should)\s+(?:[\w&'’-]+\s+){1,4}?"
                      r"(?:receive|get|be given|be paid|be allocated)\b", re.I)
"""What an organisation or person receives, asked with no noun after "how much" ("how much will each PCN receive"), is
money; "how much support will patients receive" asks about support."""
_UNIT_PRICE = re.compile(r"\bhow much (?:is|are|does|do|would|will)\s+(?:an?|one)\s+(?P<item>(?:[\w'’-]+\s+){0,3}?[\w'’-]+?)"
                         r"(?=\s+(?:cost|costs|be|worth|now|nowadays|today|these|this|in|on|at|for|under|from|with|to)\b|"
                         r"\s*[?.!,]|\s*$)", re.I)
"""The price of one thing ("how much is a prescription", "how much does a dental check-up cost"): only a sum
said of that thing answers it, never a national budget that shares a word with it."""
_MONEY = KINDS["money"]
_SHARE = KINDS["share"]
"""A share counts what its "of" names, right after it: "98% of STPs had FCP pilots" counts STPs, not FCPs."""
_EACH = re.compile(r"\b(?:each|every)\s+(?!(?:year|month|week|day|one|of|the|time)\b)(?:single\s+)?([a-z&]{3,})", re.I)
"""What a figure is asked of, one by one ("each hospital", "every PCN"): a national total does not answer it."""
_RATE = re.compile(r"\bper[\s-]+(?!(?:the|cent|annum|year)\b)(?:registered\s+|each\s+|head\s+of\s+)?([a-z]{3,})", re.I)
"""A sum per something ("per registered patient"); "per the plan" says whose figure, "per cent" and "per year" no unit."""
_ASKS_GROWTH = re.compile(r"\b(more|extra|grow\w*|increas\w*|improv\w*|rise|rising|faster|real terms|share|proportion)\b", re.I)
"""A percentage answers how much money only when the question asks how much it grows or improves ("3.4% a year",
"how much retention improvement ... and what's that worth": "by at least 2%")."""
_ASKS_FALL = re.compile(r"\bhow much\b.{0,60}\b(?:drop\w*|f[ae]ll\w*|reduc\w*|cut|declin\w*|lower\w*|go(?:ne)? down)\b",
                        re.I)
"""How much something fell ("how much have stillbirths dropped"): a change a percentage states, whatever money word
the question also holds (a programme called "saving babies' lives")."""
_NUMBER = re.compile(r"\d[\d,.]*(?:\s*(?:-|to|–)\s*\d[\d,.]*)?(?:\s*(?:million|billion|thousand|hundred|m|bn|k))?|"
                     r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
                     r"forty|fifty|hundred|thousand|million|dozen|half a million|a third|a quarter|half|every|all|each|"
                     r"single|sole|a handful|a couple|several|dozens|hundreds|thousands)\b", re.I)
"""A count in figures or words: "a single national clinic" counts clinics as surely as "30 clinics" does."""
_PEOPLE = re.compile(r"^(people|patients?|persons?|adults?|children|child|young|women|woman|men|man|mothers?|staff|"
                     r"workers?|nurses?|doctors?|gps?|users?|carers?|individuals?|smokers?|residents?|population|"
                     r"(?:under|over)-?\d+s|lives?|babies|families|employees?|clinicians?|professionals?|members?)$",
                     re.I)
_SITES = re.compile(r"^(sites|locations|venues|places)$", re.I)
_AREAS = re.compile(r"^(places|areas|localities|regions)$", re.I)
"""Places in the sense of areas: "in how many places should teams be running" is answered by "in at least three
areas"."""
_FACILITIES = re.compile(r"^(centres?|centers?|hubs?|units?|clinics?|hospitals?|departments?|practices?|pharmac(y|ies)|"
                         r"sites?)$", re.I)
"""A count of facilities may be given in sites: "UTCs have opened at 110 locations" counts urgent treatment centres,
and answers "how many places have UTCs opened" as well."""
_STOP = frozenset("the a an of extra more new nhs additional different actually really still".split())


def asked_figure(question: str, clauses: bool = False, typed: bool = False) -> tuple[str, list[str]] | None:
    """("count", the words naming what is counted), ("price", the words naming the one thing priced) or ("money",
    []) when the question asks for one. With `clauses` (PipelineConfig.answerable_reading), what is counted ends
    where a second question or an adverb begins; with `typed` (PipelineConfig.inscope17), where a clause with its
    own subject begins, and a "how many" naming nothing after it counts nothing this check can look for."""
    many = _how_many(question, clauses)
    if many and re.match(r"(?:of\s+(?:them|those|these|it)|are|is|were|was|will|would|do|does|did|have|has|had|can|"
                         r"could|should)\b", many.group("subject"), re.I):
        return None  # what is counted is in the conversation or the clause before ("link workers, how many are planned?")
    if many and typed:
        counted = counted_words(many.group("subject"), question[:many.start()])
        return None if counted is None else ("count", [w for w in counted.split() if w.lower() not in _STOP])
    if many:
        return "count", [w for w in many.group("subject").split() if w.lower() not in _STOP]
    unit = _UNIT_PRICE.search(question)
    if unit:
        return "price", [w for w in unit.group("item").split() if w.lower() not in _STOP]
    asks_money = (ASKS["money"].search(question) or _PRICE_WORDS.search(question) or _RATE.search(question)
                  or _RECEIVE.search(question))
    if (HOW_MUCH.search(question) or _WHAT_COST.search(question) or _HOW_BIG.search(question)) and asks_money:
        return "money", []
    return None


def _how_many(question: str, clauses: bool) -> re.Match[str] | None:
    """The "how many" clause, cut at the end of what it counts when `clauses`."""
    many = _HOW_MANY.search(question)
    if many and clauses:
        cut = _CLAUSE_ENDS.search(question, many.start("subject"))
        if cut:
            many = _HOW_MANY.search(question[:cut.start()]) or many
    return many


def missing_figure(question: str, passages: list[str], clauses: bool = False, typed: bool = False,
                   context: str = "") -> str | None:
    """Why `passages` cannot answer `question`'s "how many"/"how much does it cost", or None when one of them gives
    a figure of the asked kind about what the question asks. `clauses`: see `asked_figure`; it also reads "how much
    has X dropped" as a change, which a percentage states. `typed`: see `asked_figure`; "how many more people
    independent" counts people too, and a sum asked of "that" may share its words with the question before
    (`context`, the question as searched for)."""
    asked = asked_figure(question, clauses, typed)
    if asked is None:
        return None
    kind, subject = asked
    sentences = [s for passage in passages for s in SENTENCE.split(passage)]
    how_many = _how_many(question, clauses) if kind == "count" else None
    unit = _EACH.search(question, how_many.end()) if how_many else None
    if unit:  # "how many beds should each hospital have": only a count said per hospital answers it
        sentences = [s for s in sentences if _per(unit.group(1), s)]
    heads = _heads(subject) + ([w for w in subject if _PEOPLE.match(w)] if typed else [])
    counted = [s for s in sentences if any(_counts(s, head) for head in heads)]
    if kind == "count" and counted and not (_FUTURE_TOTAL.search(question) and all(_SO_FAR.search(s) for s in counted)):
        return None
    if kind == "price":
        head = subject[-1].lower().rstrip("s") if subject else ""
        if not head or any(_MONEY.search(s) and re.search(rf"\b{re.escape(head)}(?:s|es)?\b", s, re.I) for s in sentences):
            return None
        return f"The documents don't give that figure: none of the passages about this question states the price of " \
               f"{' '.join(subject)}."
    growth = _ASKS_GROWTH.search(question) or clauses and _ASKS_FALL.search(question)
    money = re.compile(f"{_MONEY.pattern}|{_SHARE.pattern}", re.I) if growth else _MONEY
    rate = _RATE.search(question)
    if rate:  # "how much per registered patient" needs a sum per patient, not a total
        money = re.compile(rf"(?:{money.pattern})[\w.,]*\s+(?:[\w-]+\s+){{0,3}}?(?:per|a|each|for every)\s+"
                           rf"(?:[\w-]+\s+)?{re.escape(rate.group(1)[:5])}", re.I)
    each = _EACH.search(question)
    if kind == "money" and each and not rate:  # "how much will each PCN receive": a sum said per PCN
        sentences = [s for s in sentences if _per(each.group(1), s)]
    purpose = _FOR_WHAT.search(question) if kind == "money" else None
    wanted = _distinct_words(purpose.group("what")) if purpose else set()
    said_of = f"{question} {context}" if typed and refers_back(question) else question
    if kind == "money" and any(money.search(s) and _shares_word(s, said_of)
                               and (not wanted or wanted & _distinct_words(s)) for s in sentences):
        return None
    if kind == "count" and not subject:
        return None
    named = f"the number of {' '.join(subject)}" if kind == "count" else "that sum"
    return f"The documents don't give that figure: none of the passages about this question states {named}."


_FOR_WHAT = re.compile(r"\b(?:set aside|earmark\w*|ring-?fenc\w*|allocat\w*|spen[dt]\w*|invest\w*|put|going|go|goes|"
                       r"given|money|funding)\s+(?:\w+\s+){0,2}?(?:for|on|to|into|towards)\s+(?P<what>[^?.!;,]{3,60})", re.I)
"""What a sum is asked for ("how much is set aside specifically for pelvic health clinics"): only a sum said of
one of those things answers it, not the national budget for services in general."""
_COMMON = frozenset("health healthcare service services care people patients patient specifically specific nhs england "
                    "national local system systems plan year years new extra more".split())


def _distinct_words(text: str) -> set[str]:
    """The words of `text` that tell one purpose from another, by their first six letters: not "health" or "services",
    which nearly every sum in the documents is said of."""
    words = re.findall(r"[a-z][a-z&]+", expand_acronyms(text).lower())
    return {w[:6] for w in words if w not in STOP_WORDS and w not in _COMMON and len(w) > 3}


_FUTURE_TOTAL = re.compile(r"\b(?:will|would|should)\s+there\s+be\b|\bin total\b.{0,40}\b(?:once|when|by)\b|"
                           r"\bhow many\b.{0,60}\b(?:will|would|should)\s+(?:be|have)\s+(?:opened|open|built|in place)\b",
                           re.I)
"""A count asked of the future ("how many UTCs will there be once the model is in place?")."""
_SO_FAR = re.compile(r"\b(?:so far|already|to date|at present|currently|as of|up to now)\b", re.I)
"""A count of what exists when the documents were written ("have opened at 110 locations so far"): it does not say
how many there will be."""


def _counts(sentence: str, head: str) -> bool:
    """A number in `sentence` closely followed by what the question counts (`head`, the last word of "how many
    A&E departments": "999 callers taken to A&E" counts callers, not departments), or coming soon after "numbers"
    with what is counted named before it."""
    text = NOT_A_DATE.sub(" ", sentence)
    for match in _NUMBER.finditer(text):
        share = _SHARE.match(text, match.start())
        following = re.findall(r"[\w&'’-]+", text[share.end() if share else match.end():])
        near = 3 if share or match.group(0).lower() in ("every", "all", "each") else 5
        if any(_same_thing(word, head) for word in following[:near]):
            return True
        before = text[:match.start()]
        named = _NUMBERS_OF.search(before[-60:])
        if named and any(_named_before(word, head) for word in re.findall(r"[\w&'’-]+", before)[-15:]):
            return True
    return False


_NUMBERS_OF = re.compile(r"\b(?:numbers?|headcount|total)\b(?:(?!\bnumbers?\b)[^.;])*$", re.I)
"""A count said after what it counts ("pharmacists, counsellors and nurse practitioners, whose numbers had grown by
nearly 5,000"; "the number of health visitors rose to 8,000"): a number shortly after "number(s)" counts the words
named before it."""


_STAFF = re.compile(r"^(staff|people|workforce|employees|professionals|clinicians|roles)$", re.I)


def _named_before(word: str, asked: str) -> bool:
    """Whether `word`, named before "their numbers", is what the question counts: the word itself, or any kind of
    worker when the question counts staff in general ("how many other primary care staff")."""
    if _STAFF.match(asked):
        return bool(_PEOPLE.match(word) or re.search(r"(?:ists|ians|ers)$", word, re.I))
    form = asked.lower().rstrip("s'’")
    return len(form) > 2 and word.lower().startswith(form[:6])


def _per(unit: str, sentence: str) -> bool:
    """Whether `sentence` says something of each one `unit` ("per PCN", "every acute hospital", "networks will cover
    30,000 to 50,000 people each")."""
    stem = re.escape(unit.lower()[:5])
    return bool(re.search(rf"\b(?:each|every|per|a|an)\s+(?:[\w-]+\s+)?{stem}", sentence, re.I)
                or re.search(rf"\b{stem}", sentence, re.I) and re.search(r"\beach\b", sentence, re.I))


def _heads(subject: list[str]) -> list[str]:
    """What a "how many" question counts: its subject's last word, or the plural before a verb ("how many fathers
    struggle" counts fathers; "how many A&E departments" counts departments, not A&E)."""
    if not subject:
        return []
    heads = [subject[-1]]
    if len(subject) >= 2 and subject[-2].lower().endswith("s") and not subject[-1].lower().endswith("s"):
        heads.append(subject[-2])
    return heads


_UNITS = {"hr": "hour", "hrs": "hours", "min": "minute", "mins": "minutes", "wk": "week", "wks": "weeks",
          "yr": "year", "yrs": "years", "mo": "month", "mos": "months", "mths": "months", "secs": "seconds"}
"""Units as people abbreviate them ("how many hrs a week"): the documents spell them out ("70 hours a week")."""


def _same_thing(word: str, asked: str) -> bool:
    asked = _UNITS.get(asked.lower(), asked)
    spelt = long_form(asked)  # "how many UTCs": urgent treatment centres, which a count of sites can give
    if _AREAS.match(word) and _AREAS.match(asked):
        return True
    if _PEOPLE.match(word) and _PEOPLE.match(asked) or _SITES.match(word) and \
            (_FACILITIES.match(asked) or _SITES.match(asked) or spelt and _FACILITIES.match(spelt.split()[-1])):
        return True
    forms = {asked.lower().rstrip("s'’")}
    if spelt:
        forms.add(spelt.lower().split()[-1].rstrip("s"))
    word = word.lower()
    return any(len(form) > 1 and word.startswith(form[:6]) for form in forms)


def _shares_word(sentence: str, question: str) -> bool:
    """Whether the sentence shares a word of five letters or more (its first five) with the question: short words
    match too much ("bill" in "billion")."""
    words = {w[:5] for w in re.findall(r"[a-z]{5,}", question.lower())} - {"there", "about", "annua", "total", "costs",
                                                                          "would", "could", "shoul", "money"}
    return any(re.search(rf"\b{w}", sentence.lower()) for w in words)
