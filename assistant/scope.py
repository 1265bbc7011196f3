"""Is a question inside the documents' scope? Each check asks whether what the question is about (its place,
organisation, document, period, premise or person) is something the documents, or the passages found for it, say
anything about. The documents are three national plans for the NHS in England written in 2019, so a question about
Wales, a named hospital, the 2023 workforce plan, this year's pay award or the reader's own care is outside them
however closely its words match a passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.asked_figure import asked_figure, missing_breakdown, missing_detail, missing_figure
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.glossary import ACRONYMS, spelled_out
from assistant.premise import STOP_WORDS, unsupported_premise

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'’-]*")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_SENTENCE_START = re.compile(r"(?:^|[.?!:;]\s+|\n)\s*[\"'(]?([A-Za-z][\w'’-]*)")
PUBLISHED = 2019
"""The year the documents were written: they can plan for later years, never report on them."""


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Every word of the indexed text, lower-cased, for `unknown_names`."""
    words: set[str] = set()
    for text in texts:
        words.update(w.lower().rstrip("'’").removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text))
        words.update(_YEAR.findall(text))
    words.update(k.lower() for k in ACRONYMS)
    for expansion in ACRONYMS.values():
        words.update(expansion.lower().split())
    return frozenset(words)


def unknown_names(question: str, known: frozenset[str]) -> list[str]:
    """Capitalised words and acronyms of the question (not a sentence's first word), and years, that no
    indexed passage contains, in the order asked ("the 2023 workforce plan ... by 2031")."""
    starts = {m.start(1) for m in _SENTENCE_START.finditer(question)}
    names = []
    for match in _WORD.finditer(question):
        word = match.group(0).rstrip("'’-")
        bare = re.sub(r"['’]s$", "", word)
        if match.start() in starts or not bare[:1].isupper() or re.fullmatch(r"I(['’]\w+)?", bare):
            continue
        if bare.lower() not in known and bare.lower().rstrip("s") not in known and bare not in names:
            names.append(bare)
    names += [year for year in dict.fromkeys(_YEAR.findall(question)) if year not in known]
    return names


def out_of_scope_names(question: str, best_similarity: float, known: frozenset[str],
                       gate: float = DEFAULT_CONFIG.name_gate_similarity) -> list[str]:
    """The names that put the question outside the documents, or [] when it is in scope.

    A year the documents never mention rules the question out however well it matches: "doubling places by
    2031" matches the plan's medical school passage closely, but the plan says nothing about 2031."""
    unknown = unknown_names(question, known)
    years = [name for name in unknown if _YEAR.fullmatch(name)]
    if best_similarity >= gate:
        return years
    return unknown


OTHER_NATIONS = {"scotland": "NHS Scotland", "scottish": "NHS Scotland", "holyrood": "NHS Scotland",
                 "wales": "NHS Wales", "welsh": "NHS Wales", "senedd": "NHS Wales",
                 "northern ireland": "Northern Ireland's health service",
                 "northern irish": "Northern Ireland's health service", "stormont": "Northern Ireland's health service"}
"""The documents cover the NHS in England only; health is devolved in the other three UK nations."""
_NATION = re.compile(rf"\b({'|'.join(OTHER_NATIONS)})\b", re.I)
_ENGLAND = re.compile(r"\b(england|english|uk|united kingdom|britain|british)\b", re.I)
PERIOD = re.compile(r"\b(this year'?s?|this (winter|spring|summer|autumn|month|week|quarter)|"
                    r"latest(?!\s+(date|day|deadline|point|time|by|possible|that|when))|next year|so far|to date|"
                    r"as of (now|today)|most recent|last (year|month|week|winter|summer|quarter)|lately)\b", re.I)
"""Words asking about the present day, which the documents (2019-2020) cannot know."""
NOW = re.compile(r"\b(current(ly)?|today|at (the )?(moment|present)|nowadays|these days|right now)\b", re.I)
"""Softer words for the present: "what share get it at the moment?" after a question about the plan asks for the
plan's own baseline, so these rule a question out only when it is not about what the documents say."""
_ABOUT_DOCUMENTS = re.compile(r"\b(per|according to|in|under|does|did|do|will)\s+(the\s+)?((nhs\s+)?long term plan|plan|ltp|"
                              r"(implementation\s+)?framework|guidance|documents?|csp)\b|"
                              r"\b(plan|ltp|framework|guidance)(['’]s|\s+(says?|said|sets?|expects?|wants?))\b", re.I)
_PROPER_RUN = re.compile(r"\b(?:[A-Z0-9][\w'’&-]*)(?:\s+(?:of|and|for|in|&|[A-Z0-9][\w'’&-]*)){1,6}")
"""Runs of capitalised words: names of documents ("10 Year Health Plan"), trusts and places."""
_KINDS = (r"plan|guidance|strategy|framework|manifesto|review|contract|report|white paper|act|bill|standards?|stocktake|"
          r"survey|census|investigation|audit|inquiry|enquiry")
_MODIFIERS = r"(?:(?!(?:in|of|the|for|to|a|an|by|and|or|on|at|with|from|under)\b)[\w'’-]+\s+){0,3}"
"""Up to three words of a document's name ("operational planning"), never a preposition or article: "the 2023/24
target in the plan" names a target, not a document."""
_DOCUMENT = re.compile(rf"\b((?:20(?:2\d|[3-9]\d))(?:/\d\d)?\s+{_MODIFIERS}(?:{_KINDS}))\b|"
                       rf"\b(?-i:(?:[A-Z][\w'’-]*\s+(?:and\s+)?)+(?:Act|Bill))\s+20(?:2\d|[3-9]\d)\b|"
                       rf"\b(?:updated|revised|newest|most recent|subsequent|later|replacement)\s+{_MODIFIERS}"
                       rf"(?:{_KINDS})\b|\b(?<=the )new\s+(?:{_KINDS})\b|\bmanifestos?\b|\bwhite paper\b|\bgreen paper\b", re.I)
"""A document named by a year after the plan ("the 2023 workforce plan", "Health and Care Act 2022"), as a later
version ("the updated planning guidance", "the new guidance") or by a kind the corpus does not hold (a party
manifesto, a white paper)."""
LATER_THINGS = {
    r"covid(?:-19)?|coronavirus|pandemic|lockdowns?": "the COVID-19 pandemic, which came after them",
    r"long term workforce plan|(?:10|ten)[ -]year health plan|neighbourhood health (?:guidance|service|centres?|plans?)":
        "that later plan, or anything published after 2020",
    r"health and care act": "the Health and Care Act 2022",
    r"virtual wards?|pharmacy first|(?:primary care|elective|uec|urgent and emergency care) recovery plan":
        "that later programme, or anything published after 2020",
    r"(?:doctors?|nurses?|consultants?|staff|physios?)['’]?\s+strikes?|strikes?\s+by|industrial action|walk-?outs?":
        "industrial action, which came after them",
    r"agenda for change|pay (?:award|rise|deal|offer|scales?|bands?|review body)": "pay: they don't set anyone's pay",
    r"salar(?:y|ies)|wages?|earnings|hourly (?:pay|rate)": "pay: they don't set anyone's pay",
    r"(?:prescription|parking|dental|registration|renewal|eye test)s? (?:charges?|fees?|prices?)": "charges or fees",
}
"""Things that came after the documents, or that they never set, named in the words users use: each rules a question
out only when the documents never say it."""
_NAMED_REVIEW = re.compile(r"\b((?:[A-Z][\w'’-]+\s+){1,3})"
                           r"(?i:stocktake|review|report|inquiry|enquiry|commission|investigation|audit)\b")
"""A review or report named after a person or body ("the Fuller stocktake", "the Darzi review")."""
_ORGANISATION = re.compile(
    r"\b((?:[A-Z][\w'’&-]*\s+){1,5})(?:NHS\s+)?(?:University\s+|Teaching\s+|General\s+|Community\s+)?"
    r"(?:Hospitals?|Infirmary|(?:Foundation\s+)?Trust|Health\s+Board|ICB|CCG|Council|Surgery|Medical\s+Centre|"
    r"Health\s+Centre|PCN|Practice|Clinic)\b")
"""A particular organisation named by its place ("Leeds Teaching Hospitals", "Royal Cornwall Hospital")."""
_ORGANISATION_KIND = re.compile(r"(?i:hospitals?|infirmary|foundation|trusts?|health|board|university|teaching|general|"
                                r"community|council|surgery|medical|centre|practice|clinic|royal)")
"""Words that say what kind of organisation a name is: only the rest ("Leeds") says which one."""
_PLACE = re.compile(r"\b(?:in|across|around|near)\s+((?:[A-Z][a-z][\w'’-]*\s*){1,3})")
"""A place the question is about ("in Bristol"): a name after a preposition of place. "At" is left out: people
buy things "at Boots" in questions about national policy; hospitals named after "at" are organisations."""
_LOCAL_SERVICE = re.compile(r"\b(practices?|surger(y|ies)|hospitals?|trusts?|clinics?|services?|teams?|pcns?|ccgs?|"
                            r"icbs?|centres?|physios?|gps?|wards?|pharmac(y|ies)|units?)\b", re.I)
"""Services asked for in a place ("GP practices in Portsmouth"): only a passage naming the place can answer."""
_LOCAL = re.compile(r"\b(local|near(est|by)?|round here|around here|in (my|our|this) area|i can (book|see|go|get|use)|"
                    r"(my|our) (own )?(gp|surgery|hospital|practice))\b", re.I)
"""Words asking for services near the asker: a place named beside them is the place asked about."""
_PAST = re.compile(r"\b(was|were|did|has|have|had|happened|ended|went|got)\b", re.I)
_PLANNED = re.compile(r"\b(supposed|meant|expected|planned|plan|plans|due|set to|going to|aims?|aiming|target|targets|"
                      r"will|should|would|must|to be|promis\w*|commit\w*|pledg\w*|ambitions?|goals?|intend\w*|propos\w*|"
                      r"envisag\w*|project\w*|forecast\w*|trajector\w*|milestones?|deadlines?|fund\w*|budget\w*|"
                      r"allocat\w*)\b|\bby (the end of )?(19|20)\d\d", re.I)
_FISCAL = re.compile(r"\b(20\d\d)\s*[/-]\s*(\d\d)\b")
_WORKPLACE = (r"(?:trust|pcn|ics|icb|ccg|stp|system|area|team|service|network|organisation|department|unit|ward|board|"
              r"staff|colleagues|patients|caseload|members|role|job)\b")
"""What someone works in or with: "tell me when my trust has to be fully digitised" asks about the trust's duty."""
PERSONAL_MATTER = re.compile(
    r"\b(ring|call|phone|email|e-mail|text|contact|book|refer)\s+me\b|"
    r"\bmy (own )?(referral|records?|surgery|waiting list|gp practice|postcode|address|nearest)\b|"
    r"\bmy (own |[\w-]+ )?(appointments?|test results?|operation|scan)\b|"
    r"\bmy (son|daughter|mum|mother|dad|father|wife|husband|partner|child|baby|nan|gran\w*)\b"
    r"(?=.*\b(?:seen|referred|treated|operated|assessed|admitted|discharged|booked|wait|waiting|appointments?|operation|"
    r"referral|results?|scan)\b)|"
    r"\b(which|what) (pcn|primary care network|gp practice|icb|ccg|trust|area) (am i|is mine|do i (belong|come|fall|live))\b|"
    r"\bam i (in|registered|covered|eligible|entitled)\b|"
    rf"\b(check|look up|find out|tell me)\s+(whether|if|when|where|how long)\b.{{0,30}}\b(i|i'?m|me|my(?! {_WORKPLACE}))\b|"
    r"\b(am i|i'?m) on (the|a|my) [\w -]{0,20}(list|register)\b|"
    rf"\bshould i\b.{{0,40}}\b(take|taking|use|using|stop|start|increase|up)\b.{{0,40}}\bmy\b(?! {_WORKPLACE})|"
    r"\bannual leave\b|\b(do|will|would|can) i (get|earn|be paid|be entitled)\b.{0,40}\b(pay|salary|leave|pension|band)\b",
    re.I)
"""Someone's own care or employment ("ring me back about my appointment", "which PCN am I in?", "how much annual leave
do I get", a relative's referral or wait): the documents set out national plans and cannot act on or answer either. A
relative said as background ("my son has diabetes - when can people like him get flash monitors?") is no such matter."""
COVERS = ("The documents I have are the NHS Long Term Plan (January 2019), its Implementation Framework (June 2019) "
          "and the CSP's guidance on them, all about the NHS in England.")


@dataclass(frozen=True)
class Refusal:
    """Why the retrieved passages cannot support an answer, in words for the user."""

    reason: str
    names: tuple[str, ...] = ()


def unsupported(question: str, passages: list[str], best_similarity: float, known: frozenset[str],
                corpus_text: str, gate: float = DEFAULT_CONFIG.name_gate_similarity, best_rerank: float | None = None,
                config: PipelineConfig = DEFAULT_CONFIG, context: str = "") -> Refusal | None:
    """A reason the passages found cannot answer `question`, or None. Each check looks at what the question is
    about (person, place, organisation, document, period, premise, names) and whether the documents or these
    passages say it; `gate` is the best-passage similarity above which an unknown short name no longer rules the
    question out; `best_rerank` is the cross-encoder's score of the best passage, when it read any; `context` is the
    question as searched for (with a follow-up's earlier question)."""
    found = _normal(" ".join(passages))
    for check in (_personal_matter, _other_nation, _other_document, _organisation):
        refusal = check(question, found, corpus_text)
        if refusal:
            return refusal
    names = (out_of_scope_names(question, best_similarity, known, gate)
             or _unknown_phrases(question, corpus_text, best_similarity, gate))
    background = background_nations(question)
    names = [name for name in names if not any(nation in name.lower() for nation in background)
             and not spelled_out(name, found)]  # "the MIU" where a passage says "minor injury units"
    if _ABOUT_DOCUMENTS.search(question):  # "does the plan add NICU cots?": the user's word for something it may cover
        names = [name for name in names if " " in name or _YEAR.fullmatch(name)]
    if names:
        quoted = ", ".join(f"\u201c{n}\u201d" for n in names)
        return Refusal(f"{COVERS} They never mention {quoted}, so they don't answer this.", tuple(names))
    asked = " ".join(asking_clauses(question))  # "Currently our hospital offers little - by when will ...?"
    if PERIOD.search(asked) or (NOW.search(asked) and not _ABOUT_DOCUMENTS.search(f"{question} {context}")):
        return Refusal(f"{COVERS} They set out plans from 2019 and can't tell you what applies now.")
    about_passages = best_rerank is not None and best_rerank >= config.figure_rerank
    missing = ((about_passages or _asked_thing_unknown(question, corpus_text)) and missing_figure(question, passages)
               or about_passages and missing_breakdown(question, passages) or missing_detail(question, passages))
    if missing:
        return Refusal(missing)
    return _later_year(question, found) or _false_premise(question, found) or _weak_match(best_similarity, best_rerank,
                                                                                        config)


def _asked_thing_unknown(question: str, corpus_text: str) -> bool:
    """Whether what a "how many"/"how much is a" question counts or prices is a word the documents never use ("how
    much does a dental check-up cost?"): then no passage can give its figure, however weakly retrieval matched."""
    asked = asked_figure(question)
    if not asked or not asked[1]:
        return False
    head = _normal(asked[1][-1]).rstrip("s")
    return len(head) > 2 and not re.search(rf"\b{re.escape(head)}", corpus_text)


def _personal_matter(question: str, found: str, corpus_text: str) -> Refusal | None:
    if not PERSONAL_MATTER.search(question):  # personal data alone does not: privacy.py answers with a notice
        return None
    return Refusal("The documents I have set out national NHS plans: they can't see or act on your own care, and they "
                   "don't set anyone's pay or leave. For your care, contact the service or your GP practice; for pay "
                   "and leave, your employer or trade union (for physiotherapists, the CSP).")


def _other_nation(question: str, found: str, corpus_text: str) -> Refusal | None:
    """Another UK nation is out of scope unless the question compares it with England and a passage does too, or
    it is only the asker's background ("my cousin works for NHS Wales, but how much is our plan putting in?")."""
    match = _NATION.search(question)
    if not match or (_ENGLAND.search(question) and match.group(1).lower() in found) or background_nations(question):
        return None
    service = OTHER_NATIONS[match.group(1).lower()]
    return Refusal(f"The Long Term Plan covers the NHS in England; it says nothing about {service}, whose "
                   "plans and funding are set by its own government.", (match.group(1),))


_CLAUSE = re.compile(r"[,;:?!.]\s+|\s+[-–—]+\s+|\s+but\s+|\s+(?:so|and)\s+(?=(?:what|how|which|when|why|who|where|"
                     r"does|do|is|are|will|can|could|should|would)\b)", re.I)
_ASKING = re.compile(r"\b(what|how|which|when|why|who|where|whats)\b|^\s*(does|do|is|are|will|can|could|should|would|"
                     r"has|have|did)\b|\?\s*$", re.I)
_FIRST_PERSON = re.compile(r"\b(i|i'?m|i'?ve|i'?d|we|we'?re|my|our|me)\b", re.I)
_IN_ENGLAND = re.compile(r"\b(england|english|our (nhs|plan)|nhs england|long term plan|ltp|(implementation )?framework|"
                         r"the plan|the csp|csp)\b", re.I)


def asking_clauses(question: str) -> list[str]:
    """The clauses of `question` that ask something (a question word, or a question mark), or the whole question
    when none does: words beside them ("I'm a GP in Leeds", "my wife's baby was in NICU last year") are the
    asker's background, not what is asked."""
    clauses = [c for c in _CLAUSE.split(question) if c and c.strip()]
    return [c for c in clauses if _ASKING.search(c)] or [question]


def _asker_background(name: str, question: str) -> bool:
    """Whether `name` is only where the asker is: it is in a clause about the asker ("I'm a GP partner in Leeds")
    that asks nothing, and the clauses that ask want nothing local ("... a physio I can book")."""
    clauses = [c for c in _CLAUSE.split(question) if c and c.strip()]
    asked = " ".join(asking_clauses(question))
    return any(name in c and not _ASKING.search(c) and _FIRST_PERSON.search(c) for c in clauses) and \
        name not in asked and not _LOCAL.search(asked)


def background_nations(question: str) -> set[str]:
    """The other UK nations a question names only beside what it asks: each is outside the clause that asks
    (the last one with a question word), and that clause asks about England or the documents themselves."""
    clauses = [c for c in _CLAUSE.split(question) if c and c.strip()]
    asking = [c for c in clauses if _ASKING.search(c)]
    if not asking:
        return set()
    ask = asking[-1]
    if _NATION.search(ask) or not _IN_ENGLAND.search(ask):
        return set()
    return {m.group(1).lower() for m in _NATION.finditer(question)}


def _other_document(question: str, found: str, corpus_text: str) -> Refusal | None:
    for match in _DOCUMENT.finditer(question):
        named = " ".join(match.group(0).split())
        if _normal(named) not in corpus_text:
            return Refusal(f"{COVERS} They don't include the {named}, or anything published after 2020.", (named,))
    for pattern, thing in LATER_THINGS.items():
        later = re.search(rf"\b({pattern})\b", question, re.I)
        if later and not re.search(rf"\b({pattern})\b", corpus_text):
            return Refusal(f"{COVERS} They say nothing about {thing}.", (later.group(0),))
    for match in _NAMED_REVIEW.finditer(question):
        names = [w for w in match.group(1).split() if w.lower() not in STOP_WORDS]  # not "What audit ..."
        named = " ".join(match.group(0).split())
        if any(not word.isupper() for word in names) and _normal(named) not in corpus_text:
            return Refusal(f"{COVERS} They don't include the {named} or say what it found.", (named,))
    return None


def _organisation(question: str, found: str, corpus_text: str) -> Refusal | None:
    """A particular hospital, trust or place that no passage found for the question names: the documents are
    national plans, without any one organisation's or area's figures or services. A place they name elsewhere
    (Portsmouth had an alcohol care team) is still outside a question about its GP practices' physios; a place
    that is only where the asker lives needs only to be in the documents."""
    named = [(m.group(0), True) for m in _ORGANISATION.finditer(question)]
    named += [(m.group(1), bool(_LOCAL_SERVICE.search(question[max(0, m.start() - 40):m.start()])))
              for m in _PLACE.finditer(question)]
    background = background_nations(question)  # "I trained in Wales - what does the plan say ...?"
    for name, services in named:
        if name.strip().lower() in background or _asker_background(name.strip(), question):
            continue  # "I'm an MSK physio in Bristol - how far had the FCP pilots got?": where the asker works
        words = [re.sub(r"['’]s$", "", w) for w in name.split()]
        words = [w for w in words if w[:1].isupper() and w.lower() not in STOP_WORDS and not w.isupper()
                 and not _ORGANISATION_KIND.fullmatch(w) and not _ENGLAND.fullmatch(w)]  # "an English PCN": any
        text = found if services else corpus_text  # "I live in London - ...": only a place's own services need it
        if words and any(not re.search(rf"\b{re.escape(_normal(w))}\b", text) for w in words):
            name = " ".join(name.split())
            return Refusal(f"{COVERS} They are national plans: they don't give figures or plans for {name} or any "
                           "other single trust, hospital or area.", (name,))
    return None


def _question_years(question: str) -> list[tuple[str, list[str]]]:
    """Each year or financial year of the question, with the forms a passage could give it in."""
    years = []
    for match in _FISCAL.finditer(question):
        years.append((match.group(0), [f"{match.group(1)}/{match.group(2)}", f"{match.group(1)} {match.group(2)}"]))
    rest = _FISCAL.sub(" ", question)
    for year in _YEAR.findall(rest):
        years.append((year, [year, f"{int(year) - 1}/{year[2:]}"]))
    return years


def _later_year(question: str, found: str) -> Refusal | None:
    """A year after the documents were written that no passage found gives, or that the question asks about as
    past ("how big was the waiting list in 2024?"): the documents plan for later years but can't report on them."""
    for label, forms in _question_years(question):
        if int(label[:4]) <= PUBLISHED + 1:
            continue
        said = any(re.sub(r"/", " ", form) in found for form in forms)
        if not said:
            return Refusal(f"{COVERS} None of the passages about this gives anything for {label}.", (label,))
        if _PAST.search(question) and not _PLANNED.search(question):
            return Refusal(f"{COVERS} They were written in {PUBLISHED}: they set out plans for {label} but can't "
                           "say what happened.", (label,))
    return None


def _false_premise(question: str, found: str) -> Refusal | None:
    premise = unsupported_premise(question, found)
    if premise is None:
        return None
    verb, said = premise
    return Refusal(f"The documents never say the plan did that (\u201c{said}\u201d), so there is no why or when to "
                   "give; the related passages say what they do say.", (verb,))


def _weak_match(best_similarity: float, best_rerank: float | None, config: PipelineConfig) -> Refusal | None:
    """Neither the embedding nor the cross-encoder finds a passage that answers the question."""
    if best_rerank is None or best_similarity >= config.weak_similarity or best_rerank >= config.weak_rerank:
        return None
    return Refusal(f"{COVERS} None of their passages answers this closely.")


def _unknown_phrases(question: str, corpus_text: str, best_similarity: float,
                     gate: float = DEFAULT_CONFIG.name_gate_similarity) -> list[str]:
    """Names of several capitalised words ("Manchester University NHS Foundation Trust") the documents never use.
    A name of three or more words is specific enough to rule the question out however well the rest matches;
    a two-word one only when no passage matches closely."""
    phrases = []
    starts = {m.start(1) for m in _SENTENCE_START.finditer(question)}
    for match in _PROPER_RUN.finditer(question):
        words = match.group(0).split()
        if match.start() in starts:
            words = words[1:]
        while words and (not words[0][:1].isupper() or re.fullmatch(r"I(['’]\w+)?", words[0])):
            words = words[1:]  # "I'm in England": the pronoun names nothing
        while words and (not words[-1][:1].isupper() or re.fullmatch(r"I(['’]\w+)?", words[-1])):
            words.pop()
        if _ASKER_ROLE.search(question[:match.start()]):
            continue  # "As a Director of Nursing I need ...": who asks, not what is asked about
        phrase = re.sub(r"['’]s\b", "", " ".join(words))
        if len(words) < 2 or _normal(phrase) in corpus_text or \
                all(w.isupper() or _ORGANISATION_KIND.fullmatch(w) for w in words if w[:1].isupper()):
            continue  # acronyms and kinds of organisation ("NHS Foundation Trust") name no particular one
        if len(words) >= 3 or best_similarity < gate:
            phrases.append(phrase)
    return phrases


_ASKER_ROLE = re.compile(r"\b(?:as|i'?m|i am|i work as|i'?ve been)\s+(?:a|an|the)\s+$", re.I)


def corpus_text(texts: Iterable[str]) -> str:
    """Every passage and title, lower-cased with hyphens as spaces, for finding a phrase a question names."""
    return _normal(" ".join(texts))


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[-‐–—’'/]", " ", text.lower()).split())


def best_rerank(hits: list) -> float | None:
    """The cross-encoder's best score among `hits` (assistant.retrieve.Hit), or None when it read none."""
    scores = [h.rerank_score for h in hits if h.rerank_score is not None]
    return max(scores) if scores else None
