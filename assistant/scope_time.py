"""When and which document a question is about: documents, reviews and events after 2019-2020, words asking about
the present ("this year's", "currently", "lately"), and years the passages found never give. The documents were
written in 2019: they plan for later years but cannot report on them."""

from __future__ import annotations

import re

from assistant.deadlines import MONTHS
from assistant.premise import STOP_WORDS
from assistant.refusal import COVERS, Refusal
from assistant.refusal import normal as _normal
from assistant.scope_places import BACK_REFERENCE, asking_clauses

YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
PUBLISHED = 2019
"""The year the documents were written: they can plan for later years, never report on them."""
PERIOD = re.compile(r"\b(this year'?s?|this (winter|spring|summer|autumn|month|week|quarter)|"
                    r"latest(?!\s+(date|day|deadline|point|time|by|possible|that|when))|next year|so far|to date|"
                    r"as of (now|today)|most recent|last (year|month|week|winter|summer|quarter)(?! of)|lately)\b", re.I)
"""Words asking about the present day, which the documents (2019-2020) cannot know."""
NOW = re.compile(r"\b(current(ly)?|today|at (the )?(moment|present)|nowadays|these days|right now)\b|"
                 r"\b(?:what(?:'s|’s|s|\s+is|\s+are)|how\s+(?:many|much|long|big)\b[^?]{0,40}?\b(?:is|are|'s|’s))\b[^?]{0,60}"
                 r"\bnow(?:\s*,?\s*(?:in|as of|in late|in early)\s+(?:19|20)\d\d)?\s*[?.!]*\s*$", re.I)
"""Softer words for the present: "what share get it at the moment?" after a question about the plan asks for the
plan's own baseline, so these rule a question out only when it is not about what the documents say. A bare "now" counts
only ending a question for a state of things ("what's the nurse vacancy rate now?", "how many are in post now?"), not
"what do commissioners do now". "Now, in 2025" is the same present, with the asker's year beside it."""
_PLAN_TIME = (r"(?:when|since|before|after)\s+(?:the\s+)?(?:(?:nhs\s+)?long\s+term\s+plan|ltp|plan|framework|documents?)\s+"
              r"(?:was\s+|were\s+)?(?:written|published|came\s+out|launched|issued|agreed)|back\s+then|at\s+the\s+time|in\s+2019")
NOW_COMPARED = re.compile(rf"\b(?:now|today|these\s+days|currently)\b.{{0,25}}?\b(?:compared|vs\.?|versus|against|"
                          rf"relative|than|from)\b.{{0,10}}?\b(?:{_PLAN_TIME})|"
                          rf"\b(?:{_PLAN_TIME})\b.{{0,60}}?\b(?:now|today|these\s+days)\s*[?.!]*\s*$", re.I)
"""Today set beside the time the documents were written ("life expectancy in blackpool now compared to when the plan
was written", "how has X changed since the plan came out ... now?"): the present is what is asked. "Compared with now"
alone ("what share does the plan want sent home same day, compared with now?") asks for the plan's own baseline."""
PLANNED_WHEN = re.compile(r"\b(?:by when|by what (?:date|year|month|point)|(?:what|which|wat) (?:date|year|month)|"
                          r"deadlines?|target dates?|timetable|(?:meant|ment|supposed|due|expected|planned|set) to|"
                          r"(?:the|its|their) (?:aims?|ambitions?|goals?|commitments?|pledges?|milestones?))\b", re.I)
"""A question for when something is due or what is aimed at: "currently, what date is the UTC model meant to be in
place by?" or "what is currently the aim for referrals?" asks for the documents' own deadline or aim, which
"currently" does not make a question about today. (A "current target" is left out: targets are also set each year.)"""
ABOUT_DOCUMENTS = re.compile(r"\b(per|according to|in|under|does|did|do|will)\s+(the\s+)?((nhs\s+)?long term plan|plan|ltp|"
                              r"(implementation\s+)?framework|guidance|documents?|csp)\b|"
                              r"\b(plan|ltp|framework|guidance)(['’]s|\s+(says?|said|sets?|expects?|wants?))\b", re.I)
_KINDS = (r"plan|guidance|strategy|framework|manifesto|review|contract|report|white paper|act|bill|standards?|stocktake|"
          r"survey|census|investigation|audit|inquiry|enquiry|constitution|mandate|handbook")
_MODIFIERS = r"(?:(?!(?:in|of|the|for|to|a|an|by|and|or|on|at|with|from|under)\b)[\w'’-]+\s+){0,3}"
"""Up to three words of a document's name ("operational planning"), never a preposition or article: "the 2023/24
target in the plan" names a target, not a document."""
_DOCUMENT = re.compile(rf"\b((?:20(?:2\d|[3-9]\d))(?:/\d\d)?\s+{_MODIFIERS}(?:{_KINDS}))\b|"
                       rf"\b(?-i:(?:[A-Z][\w'’-]*\s+(?:and\s+)?)+(?:Act|Bill))\s+20(?:2\d|[3-9]\d)\b|"
                       rf"\b(?:updated|revised|newest|most recent|subsequent|later|replacement)\s+{_MODIFIERS}"
                       rf"(?:{_KINDS})\b|\b(?<=the )new\s+(?:{_KINDS})\b|\bmanifestos?\b|\bwhite paper\b|\bgreen paper\b|"
                       rf"\b(?:{_MODIFIERS}(?:{_KINDS}))\s+(?:(?:from|published|released|issued|dated)\s+(?:in\s+)?)"
                       rf"(?:(?:{MONTHS})\s+)?20(?:2\d|[3-9]\d)\b", re.I)
"""A document named by a year after the plan ("the 2023 workforce plan", "Health and Care Act 2022", "the people plan
from july 2020"), as a later version ("the updated planning guidance", "the new guidance") or by a kind the corpus does
not hold (a party manifesto, a white paper)."""
LATER_THINGS = {
    r"covid(?:-19)?|coronavirus|pandemic|lockdowns?": "the COVID-19 pandemic, which came after them",
    r"long term workforce plan|(?:10|ten)[ -]year health plan|government['’]?s\s+(?:new\s+)?(?:10|ten)[ -]year\s+plan|"
    r"neighbourhood health (?:guidance|service|centres?|plans?)":
        "that later plan, or anything published after 2020",
    r"health and care act": "the Health and Care Act 2022",
    r"virtual wards?|pharmacy first|(?:primary care|elective|uec|urgent and emergency care) recovery plan":
        "that later programme, or anything published after 2020",
    r"(?:doctors?|nurses?|consultants?|staff|physios?)['’]?\s+strikes?|strikes?\s+by|industrial action|walk-?outs?":
        "industrial action, which came after them",
    r"agenda for change|pay (?:award|rise|deal|offer|scales?|bands?|review body)|(?:what|which)\s+(?:pay\s+)?band|"
    r"paid\s+at\s+(?:what\s+)?band": "pay: they don't set anyone's pay",
    r"integrated care boards?|icbs?": "integrated care boards, which replaced CCGs in 2022, after them",
    r"salar(?:y|ies)|wages?|earnings|hourly (?:pay|rate)": "pay: they don't set anyone's pay",
    r"(?:prescription|parking|dental|registration|renewal|eye test)s? (?:charges?|fees?|prices?)": "charges or fees",
    r"(?:membership|subscription|joining|union|student|tuition|course)\s+(?:fees?|rates?|charges?|costs?|subs)|"
    r"subscriptions?": "membership, subscription or course fees",
}
"""Things that came after the documents, or that they never set, named in the words users use: each rules a question
out only when the documents never say it."""
_NAMED_REVIEW = re.compile(r"\b((?:[A-Z][\w'’-]+\s+){1,3})"
                           r"(?i:stocktake|review|report|inquiry|enquiry|commission|investigation|audit)\b")
"""A review or report named after a person or body ("the Fuller stocktake", "the Darzi review")."""
_NAMED_REVIEW_TYPED = re.compile(r"\bthe\s+([a-z][\w'’-]+)\s+(?:stocktake|review|report|inquiry|enquiry|commission|"
                                 r"investigation|audit)\b")
"""The same typed in lower case ("what did the fuller stocktake say ...?"): a one-word name before the kind of report,
which the documents never use together."""
_PAST = re.compile(r"\b(was|were|did|has|have|had|happened|ended|went|got)\b", re.I)
_PLANNED = re.compile(r"\b(supposed|meant|expected|planned|plan|plans|due|set to|going to|aims?|aiming|target|targets|"
                      r"will|should|would|must|to be|promis\w*|commit\w*|pledg\w*|ambitions?|goals?|intend\w*|propos\w*|"
                      r"envisag\w*|project\w*|forecast\w*|trajector\w*|milestones?|deadlines?|fund\w*|budget\w*|"
                      r"allocat\w*)\b|\bby (the end of )?(19|20)\d\d", re.I)
_SCHEDULED = re.compile(r"\b(?:schedul\w*|timetabl\w*|slated|earmarked)\b|\bby\s+end\s+of\s+(?:19|20)\d\d", re.I)
_FISCAL = re.compile(r"\b(20\d\d)\s*[/-]\s*(\d\d)\b")


_THESE_DOCUMENTS = re.compile(r"\b((?:nhs\s+)?long\s+term\s+plan|ltp|2019\s+plan|(?:implementation\s+)?framework|"
                              r"csp|(?:these|the|your)\s+documents?)\b", re.I)
"""The documents held, named in a clause that asks: then a later document named only in another clause ("leaving the
2023 workforce plan aside, what did the 2019 plan say ...?") is set beside the question, not asked about."""


_THESE_DOCUMENTS_OR_PLAN = re.compile(rf"{_THESE_DOCUMENTS.pattern}|\bthe plan\b", re.I)


def _contrast_only(named: str, question: str, ours: re.Pattern[str] = _THESE_DOCUMENTS) -> bool:
    """Whether the document or event `named` is only beside the question: no clause that asks names it, and one
    names ours (for an event, "the plan" does: "before the pandemic, what did the plan say about the NHS App?")."""
    asked = " ".join(asking_clauses(question))
    return named.lower() not in asked.lower() and bool(ours.search(asked)) \
        and not BACK_REFERENCE.search(asked)  # "I read the 2023 workforce plan - what does the LTP add to it?"


_AS_VERB = r"\b(?:did|does|do|will|would|has|have|had|can|could|should)\s+{}\s+(?:that|whether|if|on|how)\b"
"""A kind of report used as a verb ("when did the csp report that the framework had come out"): the body reports,
it names no report."""


def other_document(question: str, found: str, corpus_text: str, verbs: bool = False) -> Refusal | None:
    """A later document or a named review the documents do not include; with `verbs` (PipelineConfig.
    answerable_reading), "did the csp report that ..." is a body reporting, not a report named."""
    for match in _DOCUMENT.finditer(question):
        named = " ".join(match.group(0).split())
        if _normal(named) not in corpus_text and not _contrast_only(match.group(0), question):
            return Refusal(f"{COVERS} They don't include the {named}, or anything published after 2020.", (named,),
                           dated=True)
    for pattern, thing in LATER_THINGS.items():
        later = re.search(rf"\b({pattern})\b", question, re.I)
        if later and not re.search(rf"\b({pattern})\b", corpus_text) \
                and not _contrast_only(later.group(0), question, _THESE_DOCUMENTS_OR_PLAN):
            return Refusal(f"{COVERS} They say nothing about {thing}.", (later.group(0),))
    for match in _NAMED_REVIEW.finditer(question):
        names = [w for w in match.group(1).split() if w.lower() not in STOP_WORDS]  # not "What audit ..."
        named = " ".join(match.group(0).split())
        if any(not word.isupper() for word in names) and _normal(named) not in corpus_text:
            return Refusal(f"{COVERS} They don't include the {named} or say what it found.", (named,), dated=True)
    for match in _NAMED_REVIEW_TYPED.finditer(question):
        named = " ".join(match.group(0).split()[1:])
        if verbs and re.search(_AS_VERB.format(re.escape(match.group(0))), question, re.I):
            continue
        if match.group(1) not in STOP_WORDS and match.group(1) not in ("this", "that", "same", "whole") and \
                _normal(named) not in corpus_text and not _contrast_only(named, question):
            return Refusal(f"{COVERS} They don't include the {named} or say what it found.", (named,), dated=True)
    return None


OUTCOME = re.compile(
    r"\b(?:did|has|have|had)\s+(?:the\s+)?(?:nhs|england|they|we|it|systems?|trusts?|icss?|stps?|pcns?|government)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:hit|meet|met|achieve[ds]?|reach(?:ed)?|miss(?:ed)?|deliver(?:ed)?)\b.{0,60}?"
    r"\b(?:targets?|ambitions?|goals?|trajector\w*|commitments?|pledges?|deadlines?)\b|"
    r"\b(?:was|were|has|have)\s+(?:been\s+)?(?:the\s+)?(?:[\w%-]+\s+){0,5}?(?:targets?|ambitions?|goals?|deadlines?)\s+"
    r"(?:been\s+)?(?:met|hit|achieved|reached|missed|delivered)\b|"
    r"\bactually\s+(?:spent|submitted|delivered|achieved|recruited|hired|employed|opened|built|met|hit|reached|received|"
    r"allocated|invested|trained|appointed|started|launched|rolled\s+out|signed\s+up)\b|"
    r"(?:^|[,;:?!.]\s+|\s[-–—]+\s)\s*(?:is|are|was|were|has|have)\s+(?:[\w&'’-]+\s+){0,6}?(?:(?:been|still|now)\s+)?"
    r"(?:on|off)\s+(?:track|course|target|schedule)\b|\b(?:behind|ahead\s+of)\s+schedule\b|\bfalling\s+behind\b",
    re.I)
"""Whether a plan was carried out ("did the NHS hit the 85% target", "how many systems actually submitted their plans
on time", "is Frimley ICS on track with its trajectories?"): the documents set the aims in 2019 and cannot say what
happened or how it is going. "Actually" counts only before a verb of
delivery: "how many people actually got a say when the plan was written" asks about the plan's own making."""


def outcome(question: str, found: str, corpus_text: str) -> Refusal | None:
    match = OUTCOME.search(question)
    if not match:
        return None
    return Refusal(f"{COVERS} They were written in {PUBLISHED} and set out what was planned: they can't say whether "
                   "it happened; the related passages say what was planned.", (" ".join(match.group(0).split()),),
                   dated=True)


def _question_years(question: str) -> list[tuple[str, list[str]]]:
    """Each year or financial year of the question, with the forms a passage could give it in."""
    years = []
    for match in _FISCAL.finditer(question):
        years.append((match.group(0), [f"{match.group(1)}/{match.group(2)}", f"{match.group(1)} {match.group(2)}"]))
    rest = _FISCAL.sub(" ", question)
    for year in YEAR.findall(rest):
        years.append((year, [year, f"{int(year) - 1}/{year[2:]}"]))
    return years


def later_year(question: str, found: str, scheduled: bool = False) -> Refusal | None:
    """A year after the documents were written that no passage found gives, or that the question asks about as
    past ("how big was the waiting list in 2024?"): the documents plan for later years but can't report on them.
    With `scheduled` (PipelineConfig.inscope17), "scheduled to begin in 2021" and "by end of 2023" ask about the
    plan as surely as "planned" and "by the end of 2023" do."""
    for label, forms in _question_years(question):
        if int(label[:4]) <= PUBLISHED + 1:
            continue
        said = any(re.sub(r"/", " ", form) in found for form in forms)
        if not said:
            return Refusal(f"{COVERS} None of the passages about this gives anything for {label}.", (label,), dated=True)
        if _PAST.search(question) and not _PLANNED.search(question) and not (scheduled and _SCHEDULED.search(question)):
            return Refusal(f"{COVERS} They were written in {PUBLISHED}: they set out plans for {label} but can't "
                           "say what happened.", (label,), dated=True)
    return None
