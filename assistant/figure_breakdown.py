"""Does a passage give the part of a sum, the named figure (a target, ratio, uplift or wait of something), the
supplier or the average wait a question asks for? Split from asked_figure.py, which decides the same for "how many"
and "how much": each of these is answered only by a sentence with a figure (or a company) that names what the
question names, so a passage merely about the topic is not an answer."""

from __future__ import annotations

import re

from assistant.asked_for import KINDS, NUMBER_WORD
from assistant.glossary import expand_acronyms
from assistant.premise import STOP_WORDS

_MONEY = KINDS["money"]
SENTENCE = re.compile(r"(?<=[.;!?])\s+")
NOT_A_DATE = re.compile(r"\b(?:19|20)\d\d(?:\s*[/-]\s*\d\d)?\b|\b(?:type|band|level|stage|tier|phase|wave|chapter|"
                         r"section|para|paragraph|page|annex|step|category|year|aged?|ages|under|over)\s+\d+\b", re.I)
"""Numbers that are dates or labels ("type 1 A&E", "band 6", "aged 0-25"), not counts."""
_PART_OF = re.compile(r"\bhow much of\s+(?P<whole>.{1,80}?)\s+(?:goes|go|going|will go|went|is|are|was|gets?|spent|"
                      r"allocated|earmarked|set aside|ring-?fenced)\s+(?:to|on|for|towards|at)\s+(?P<part>[^?.!;]{1,60})",
                      re.I)
"""A breakdown of a sum ("how much of the £4.5 billion goes to community physiotherapy?"): the total answers
nothing; only a sum said of the part does."""
_FIGURE_NOUNS = r"targets?|ratios?|uplifts?|thresholds?|caps?|limits?|quotas?|multipliers?|waiting\s+times?|waits?"
_NAMED_FIGURE = re.compile(rf"(?:\bwhat(?:'s|’s|s|\s+is|\s+are|\s+was|\s+were)?|\b(?:is|are)\s+there)\s+(?:the\s+|an?\s+|any\s+)?"
                           rf"(?P<name>(?:(?!(?:does|do|did|is|are|will|would|should)\b)[\w&'’/-]+\s+){{0,4}}?)"
                           rf"(?P<noun>{_FIGURE_NOUNS})\b(?P<rest>(?:(?!,|\s+and\s+(?:when|how|what|which|who|where|by|is|are|does|do)\b)"
                           rf"[^?.!;]){{0,80}})", re.I)
"""A figure asked for by what it is ("what FCP to population ratio", "the maximum waiting time target for MSK", "is
there a headcount target for more GPs?"): answered only by a sentence giving a number beside that kind of figure (or
a word for aiming at one: "aims to triple six-month reviews") and what it is of."""
_GENERIC = frozenset("specifically exactly alone only itself routine recommend recommends recommended say says said "
                     "give gives given set sets each every per document documents csp guidance maximum minimum "
                     "overall total national annual new current financial assumptions take takes taking taken part "
                     "join joining weeks days hours months number numbers sign signed signing enrol enrolled enrolling "
                     "registered registering standard standards target targets actual own itself themselves section "
                     "sections chapter chapters".split())
"""Words that say how a figure is asked for, not what it is of ("the maximum target", "taking part", "signed up", "the
target for number of genomes": a number of genomes is given as "500,000 genomes"; "what wait standard": the wait);
whose it is ("its own fleet", "set itself") and where it is written ("the target in the framework section")."""
_CLAUSE = re.compile(r"\s(?:do|does|did|will|would|should|must|can|could|shall|are|is|have|has|being|been)\s+(?!not\b)[a-z]",
                     re.I)
"""A clause after the figure's noun with its own subject ("what participation target do systems need to support"):
it says who holds the figure, not what it is of, so its words need not be in the answering sentence; only what it
says the figure is for or of ("does the plan set for community physiotherapy") must be. So is a participle after
"being" or "been" ("a waiting time target being tried for them"): how far the figure has got, not what it is of."""
_OF_WHAT = re.compile(r"\b(?:for|of|on|in|across|among|within)\s+.*", re.I)
_FIGURE = re.compile(rf"\d|%|\b{NUMBER_WORD}\b|\b(?:half|double|treble|a third|a quarter)\b", re.I)
_NOUN_WORDS = {"target": r"target|ambition|standard|within|by|aim|goal|commit|pledge",
               "ratio": r"ratio|per|for every|to every|one",
               "uplift": r"uplift|increase|rise|growth|grow", "threshold": r"threshold|above|below|over|under",
               "cap": r"cap|limit|maximum|no more", "limit": r"limit|cap|maximum|no more", "quota": r"quota|share",
               "multiplier": r"multiplier|times", "waiting time": r"weeks?|days?|hours?|within|wait",
               "wait": r"weeks?|days?|hours?|within|wait"}


_SECOND_QUESTION = re.compile(r"\s+(?:and|&)\s+(?:[a-z]+\s+)?(?:when|how|what|which|who|where|why)\b.*$", re.I)
"""A second question after the figure ("the take-up target and from what age?"): not what the figure is of."""
_PLANS_SAY = {"target": r"|no more than|at least|at most|fewer than|up to|should|must|is to|are to",
              "threshold": r"|\d+\s*\+|or more|or above|or over|at least"}
"""How the plans state a target or threshold without naming it: "no more than 30 people ... per million adults",
"is to fall by", "a BMI of 30+"."""


_SUPPLIER = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:company|companies|firms?|suppliers?|contractors?|vendors?|"
                       r"manufacturers?|developers?|businesses)\b", re.I)
_NAMES_SUPPLIER = re.compile(r"\b(?:company|companies|firms?|suppliers?|contractors?|vendors?|manufacturers?|developers?|"
                             r"businesses|ltd|plc|inc)\b", re.I)
"""Which company made or runs something: the plans name programmes, not their suppliers."""
_AVERAGE_WAIT = re.compile(r"\bhow long\b.{0,30}\b(?:average|typical|median|mean|usual)\b.{0,20}\bwait", re.I)
_AVERAGE = re.compile(r"\b(?:average|typical|median|mean|usual)", re.I)
"""How long people wait on average now: a statistic of the day, not a plan's target."""


def missing_detail(question: str, passages: list[str]) -> str | None:
    """Why `passages` cannot answer which company made something or how long the average wait is, or None."""
    sentences = [s for passage in passages for s in SENTENCE.split(passage)]
    if _SUPPLIER.search(question) and not any(_NAMES_SUPPLIER.search(s) for s in sentences):
        return "The documents don't say that: none of the passages about this question names a company or supplier."
    if _AVERAGE_WAIT.search(question) and not any(_AVERAGE.search(s) and KINDS["duration"].search(s) for s in sentences):
        return "The documents don't give that figure: none of the passages about this question states an average wait."
    return None


def missing_breakdown(question: str, passages: list[str], typed: bool = False) -> str | None:
    """Why `passages` cannot answer a question asking for part of a sum or for a named figure (a target, ratio or
    uplift of something), or None. Only a sentence with a figure that names what the question names can answer it.
    With `typed` (PipelineConfig.inscope17) the figure's words end where a second question begins ("the take-up
    target and from what age?"), "costs" names what "cost" does, and a target or threshold may be said the way the
    plans say one ("no more than 30 ... per million", "should", "a BMI of 30+")."""
    sentences = [s for passage in passages for s in SENTENCE.split(passage)]
    part = _PART_OF.search(question)
    if part:
        whole = _stems(part.group("whole"))
        wanted = _stems(part.group("part")) - whole
        if wanted and not any(_MONEY.search(s) and wanted & _stems(s) for s in sentences):
            return (f"The documents don't give that figure: none of the passages about this question says how much of "
                    f"{part.group('whole').strip()} goes to {part.group('part').strip()}.")
        return None
    named = _NAMED_FIGURE.search(question)
    if not named:
        return None
    noun = " ".join(named.group("noun").lower().split()).rstrip("s")
    rest = _SECOND_QUESTION.sub("", named.group("rest")) if typed else named.group("rest")
    clause = _CLAUSE.search(rest)
    if clause:  # keep what the clause says the figure is for: "... does the plan set for community physiotherapy"
        said_of = _OF_WHAT.search(rest, clause.start())
        rest = f"{rest[:clause.start()]} {said_of.group(0) if said_of else ''}"  # apart: "target" + "for them"
    of_it = _groups(f"{named.group('name')} {rest}", typed)
    if not of_it:
        return None
    said = re.compile(rf"\b(?:{_NOUN_WORDS[noun]}{_PLANS_SAY.get(noun, '') if typed else ''})", re.I)
    for sentence in sentences:
        text = NOT_A_DATE.sub(" ", sentence)
        stems = _stems(sentence, typed)
        missing = sum(not group & stems for group in of_it)
        if _FIGURE.search(text) and said.search(text) and missing <= len(of_it) // 3:
            return None
    thing = " ".join(f"{named.group('name')}{named.group('noun')}{named.group('rest')}".split())
    return f"The documents don't give that figure: none of the passages about this question states the {thing}."


def _stems(text: str, plural: bool = False) -> set[str]:
    """The content words of `text`, acronyms spelt out, by their first five letters (with `plural`, of the word
    without a final "s": "costs" and "cost" are one word)."""
    words = re.findall(r"[a-z][a-z&]+", _expanded(text).lower())
    return {_stem(w, plural) for w in words if w not in STOP_WORDS and w not in _GENERIC and len(w) > 2}


def _stem(word: str, plural: bool) -> str:
    return (word.removesuffix("s") if plural else word)[:5]


def _groups(text: str, plural: bool = False) -> list[set[str]]:
    """Each content word of `text` with its spelt-out form ("MSK": msk, muscu): a sentence names the word if it
    names either."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z&]+", text) if w.lower() not in STOP_WORDS
             and w.lower() not in _GENERIC and len(w) > 2]
    groups = [{_stem(w.lower(), plural)} | _stems(_expanded(w), plural) for w in words]
    return [group | _CHANGE_WORDS.get(_stem(w.lower(), False), set()) if plural else group
            for w, group in zip(words, groups, strict=True)]


_FALL = {"reduc", "cut", "cuts", "fall", "falls", "fell", "halve", "half", "lower", "fewer", "decre", "drop", "less"}
_RISE = {"incre", "rise", "rises", "raise", "grow", "grows", "growt", "expan", "doubl", "tripl", "more", "boost"}
_CHANGE_WORDS = {"reduc": _FALL, "decre": _FALL, "cut": _FALL, "incre": _RISE, "growt": _RISE, "expan": _RISE}
"""A target for a change is stated with the plans' own word for it: "the reduction target" is "cut to under half"."""


def _expanded(text: str) -> str:
    return expand_acronyms(text)
