"""Where a question is about: another UK nation, a named hospital, trust or place, and which of its clauses ask
(the others are the asker's background: "I'm a physio in Bristol - ...", "my sister in Wales says ..., but ...").
The documents are national plans for England: no other nation, no single organisation's or area's services."""

from __future__ import annotations

import re

from assistant.premise import STOP_WORDS
from assistant.refusal import COVERS, Refusal
from assistant.refusal import normal as _normal

OTHER_NATIONS = {"scotland": "NHS Scotland", "scottish": "NHS Scotland", "holyrood": "NHS Scotland",
                 "wales": "NHS Wales", "welsh": "NHS Wales", "senedd": "NHS Wales",
                 "northern ireland": "Northern Ireland's health service",
                 "northern irish": "Northern Ireland's health service", "stormont": "Northern Ireland's health service"}
"""The documents cover the NHS in England only; health is devolved in the other three UK nations."""
_NATION = re.compile(rf"\b({'|'.join(OTHER_NATIONS)})\b", re.I)
NATION_CITIES = {"edinburgh": "NHS Scotland", "glasgow": "NHS Scotland", "aberdeen": "NHS Scotland",
                 "dundee": "NHS Scotland", "inverness": "NHS Scotland", "cardiff": "NHS Wales", "swansea": "NHS Wales",
                 "belfast": "Northern Ireland's health service", "derry": "Northern Ireland's health service",
                 "stirling": "NHS Scotland", "perth": "NHS Scotland", "paisley": "NHS Scotland", "falkirk": "NHS Scotland",
                 "kilmarnock": "NHS Scotland", "dunfermline": "NHS Scotland", "wrexham": "NHS Wales",
                 "bridgend": "NHS Wales", "merthyr": "NHS Wales", "llanelli": "NHS Wales", "aberystwyth": "NHS Wales",
                 "lisburn": "Northern Ireland's health service", "newry": "Northern Ireland's health service",
                 "armagh": "Northern Ireland's health service", "londonderry": "Northern Ireland's health service"}
"""The other nations' cities and large towns, which name them as surely, typed in any case ("the health trust in
belfast"): no English place shares their names (so not Newport)."""
_CITY = re.compile(rf"\b({'|'.join(NATION_CITIES)})\b", re.I)
_ENGLAND = re.compile(r"\b(england|english|uk|united kingdom|britain|british)\b", re.I)
_ORGANISATION = re.compile(
    r"\b((?:[A-Z][\w'’&-]*\s+){1,5})(?:NHS\s+)?(?:University\s+|Teaching\s+|General\s+|Community\s+)?"
    r"(?:Hospitals?|Infirmary|(?:Foundation\s+)?Trust|FT|Health\s+Board|ICB|ICS|STP|CCG|Council|Surgery|Medical\s+Centre|"
    r"Health\s+Centre|PCN|Practice|Clinic)\b")
"""A particular organisation named by its place ("Leeds Teaching Hospitals", "Royal Cornwall Hospital")."""
_ORGANISATION_TYPED = re.compile(
    r"\b(?:at|in|from|for|with)\s+(?:the\s+)?((?:(?!(?:a|an|my|our|your|their|this|that|local|nearest|nearby|every|each|"
    r"any|all|some|other|new|district|general|acute|community|teaching|mental|major|big|small|large|specialist|nhs|gp|"
    r"which|what|their)\b)[a-z][a-z'’&-]*\s+(?:and\s+)?){1,4})(?:(?:general\s+|teaching\s+|university\s+|district\s+)?"
    r"(?:hospitals?|infirmary)|(?:nhs\s+)?foundation\s+trust|nhs\s+trust)\b|"
    r"\b(?:at|in|from|for|with|does|do|did|is|are|has|have|will|can|about)\s+the\s+(royal\s+(?!colleges?\b|society\b)[a-z][a-z'’&-]*(?:\s+(?:and\s+)?(?!(?:for|to|in|on|at|"
    r"with|about|of|by|from|is|are|was|were|do|does|did|have|has|hospital|trust)\b)[a-z][a-z'’&-]*){0,3})", re.I)
"""The same typed in lower case ("at leeds general infirmary", "at the royal devon and exeter"): a place's words
before a kind of hospital or trust, or a "royal" hospital's name, after a preposition."""
_DETERMINER = re.compile(r"(?i:a|an|my|our|your|their|this|that|every|each|any|all|some|other|which|what|must|should|"
                         r"single|one|individual|own|nearest|nearby|local)")
"""Words before "NHS trust" that say how many or whose ("every acute NHS trust", "my own NHS trust"), not which one."""
_KIND_ADJECTIVE = re.compile(r"(?i:district|general|acute|community|teaching|mental|major|big|small|large|specialist|nhs|"
                             r"gp|english|ambulance|provider|new|children'?s|university)")
"""Words that say what kind of trust it is: a name needs a word besides these ("leeds teaching hospitals")."""
_NHS_TRUST_TYPED = re.compile(r"\b((?:[a-z][a-z'’&-]*\s+){1,5})(?:hospitals?\s+)?nhs\s+(?:foundation\s+)?(?:trust|ft)\b(?!s)")
"""One trust named in lower case by its full title ("how many beds does manchester university nhs ft have?"):
"NHS trust" or "NHS FT" after a name, singular, is a particular trust's title, whose words the documents may use
elsewhere ("greater manchester") without ever naming it."""
DEVOLVED_BOARDS = ("nhs highland", "nhs lothian", "nhs greater glasgow", "nhs grampian", "nhs tayside", "nhs fife",
                   "nhs lanarkshire", "nhs ayrshire", "nhs borders", "nhs dumfries", "nhs forth valley", "nhs orkney",
                   "nhs shetland", "nhs western isles", "betsi cadwaladr", "hywel dda", "swansea bay", "cardiff and vale",
                   "cwm taf", "aneurin bevan", "powys teaching")
"""The health boards of Scotland and Wales by name, which users type without "health board" ("what does hywel dda
say about MSK?")."""
_BOARD = re.compile(rf"\b({'|'.join(DEVOLVED_BOARDS)})\b", re.I)
ORGANISATION_KIND = re.compile(r"(?i:hospitals?|infirmary|foundation|trusts?|health|board|university|teaching|general|"
                                r"community|council|surgery|medical|centre|practice|clinic|royal)")
"""Words that say what kind of organisation a name is: only the rest ("Leeds") says which one."""
_PLACE = re.compile(r"\b(?:in|across|around|near)\s+((?:[A-Z][a-z][\w'’-]*\s*){1,3})")
"""A place the question is about ("in Bristol"): a name after a preposition of place. "At" is left out: people
buy things "at Boots" in questions about national policy; hospitals named after "at" are organisations."""
_LOCAL_SERVICE = re.compile(r"\b(practices?|surger(y|ies)|hospitals?|trusts?|clinics?|services?|teams?|pcns?|ccgs?|"
                            r"icbs?|centres?|physios?|gps?|wards?|pharmac(y|ies)|units?)\b", re.I)
"""Services asked for in a place ("GP practices in Portsmouth"): only a passage naming the place can answer."""
_LOCAL = re.compile(r"\b(local|near(est|by)?|here|in (my|our|this) area|i can (book|see|go|get|use)|"
                    r"(my|our) (own |local )?(gp|surgery|hospital|practice|trust|health board|board|ccg|pcn|icb|cluster|area|"
                    r"council))\b", re.I)
"""Words asking for services near the asker, or what their own organisation must do: a place named beside them is the
place asked about ("I'm a physio in Cardiff - by when does my health board need FCPs?")."""


def other_nation(question: str, found: str, corpus_text: str) -> Refusal | None:
    """Another UK nation is out of scope unless the question compares it with England and a passage does too, or
    it is only the asker's background ("my cousin works for NHS Wales, but how much is our plan putting in?")."""
    match = _NATION.search(question)
    if not match or (_ENGLAND.search(question) and match.group(1).lower() in found) or background_nations(question):
        return None
    service = OTHER_NATIONS[match.group(1).lower()]
    return Refusal(f"The Long Term Plan covers the NHS in England; it says nothing about {service}, whose "
                   "plans and funding are set by its own government.", (match.group(1),))


def other_nation_city(question: str, found: str, corpus_text: str) -> Refusal | None:
    """A city of another UK nation asked about ("whats the trust in belfast doing about pharmacy funding"), unless it
    is only the asker's background; checked after the health boards and clusters that name those nations' NHS too."""
    match = _CITY.search(question)
    if not match or (_ENGLAND.search(question) and match.group(1).lower() in found) or \
            background_nations(question, _CITY) or asker_background(match.group(1), question):
        return None
    city = match.group(1).title()
    return Refusal(f"The Long Term Plan covers the NHS in England; it says nothing about {city} or "
                   f"{NATION_CITIES[city.lower()]}, whose plans and funding are set by its own government.", (city,))


_DEVOLVED_BODY = re.compile(r"\b(health boards?|gp clusters?|clusters? of gp practices)\b", re.I)
"""How the NHS in Wales and Scotland is organised (local health boards, GP clusters): England has neither."""
_NI_BODY = re.compile(r"\b(health and social care (?:trusts?|boards?)|hsc(?:ni)? trusts?|hscni)\b", re.I)
"""How health and social care in Northern Ireland is organised (Health and Social Care trusts): England has none."""


def devolved_body(question: str, found: str, corpus_text: str) -> Refusal | None:
    """A health board or GP cluster the documents never name: the question is about Wales or Scotland even when it
    names neither ("i'm a physio in cardiff - by when does my health board need fcps in every gp cluster?")."""
    board = _BOARD.search(question)
    if board and _normal(board.group(0)) not in corpus_text:
        return Refusal("The Long Term Plan covers the NHS in England; it says nothing about the health boards of Wales "
                       f"and Scotland such as {board.group(0)}, whose plans are set by their own governments.",
                       (board.group(0),))
    ni_body = _NI_BODY.search(question)
    if ni_body and _normal(ni_body.group(0)) not in corpus_text:
        return Refusal("The Long Term Plan covers the NHS in England, which has no Health and Social Care trusts: they "
                       "run health and social care in Northern Ireland, whose plans are set by its own government.",
                       (ni_body.group(0),))
    body = _DEVOLVED_BODY.search(question)
    if not body or _normal(body.group(0)) in corpus_text:
        return None
    return Refusal("The Long Term Plan covers the NHS in England, which has no health boards or GP clusters: those are "
                   "how the NHS in Wales and Scotland is organised, and their plans are set by their own governments.",
                   (body.group(0),))


_CLAUSE = re.compile(r"[,;:?!.]\s+|\s+[-–—]+\s+|\s+but\s+|\s+(?:so|and)\s+(?=(?:what|how|which|when|why|who|where|"
                     r"does|do|is|are|will|can|could|should|would)\b)", re.I)
_ASKING = re.compile(r"\b(what|how|which|when|why|who|where|whats)\b|^\s*(does|do|is|are|will|can|could|should|would|"
                     r"has|have|did)\b|\?\s*$", re.I)
_FIRST_PERSON = re.compile(r"\b(i|i'?m|i'?ve|i'?d|we|we'?re|my|our|me)\b", re.I)
_IN_ENGLAND = re.compile(r"\b(england|english|our (nhs|plan)|nhs england|long term plan|ltp|(implementation )?framework|"
                         r"the plan|the csp|csp)\b", re.I)
_DOCUMENT_NAME = re.compile(r"\b(?:[A-Z][\w'’-]*\s+){1,4}(?:Plan|Framework|Programme|Strategy|Standards?|Contract|"
                            r"Guidance)\b")
"""A national document or programme asked about by its name ("the Interim NHS People Plan's themes")."""


def asking_clauses(question: str) -> list[str]:
    """The clauses of `question` that ask something (a question word, or a question mark), or the whole question
    when none does: words beside them ("I'm a GP in Leeds", "my wife's baby was in NICU last year") are the
    asker's background, not what is asked."""
    clauses = [c for c in _CLAUSE.split(question) if c and c.strip()]
    return [c for c in clauses if _ASKING.search(c)] or [question]


BACK_REFERENCE = re.compile(r"\b(them|they|it|its|those|these|their|theirs|he|she|his|her)\b", re.I)
"""A clause that asks about what the clause before it named ("Our QXR is going - what replaces it?"); one with fewer
than three words of its own ("... in Cardiff wants FCPs in every cluster - when is the deadline?") does too."""


def asker_background(name: str, question: str) -> bool:
    """Whether `name` is only background: it is in a clause that asks nothing, either about the asker ("I'm a GP
    partner in Leeds") or beside a question about the documents themselves or one they name ("For an away day in Norfolk, what
    are the People Plan's themes?"), and the clauses that ask want nothing local ("... a physio I can book")."""
    clauses = [c for c in _CLAUSE.split(question) if c and c.strip()]
    asked = " ".join(asking_clauses(question))
    if any(_own_place(c, name) for c in clauses):  # "I work in Norfolk - when does it come in?": "it" is the topic
        return name not in asked and not _NEAR_ASKER.search(asked) and not _THERE.search(asked)
    about_documents = bool(_IN_ENGLAND.search(asked) or _DOCUMENT_NAME.search(asked))
    return any(name in c and not _ASKING.search(c) and (_FIRST_PERSON.search(c) or about_documents) for c in clauses) \
        and name not in asked and not _LOCAL.search(asked) and not BACK_REFERENCE.search(asked) \
        and (len([w for w in re.findall(r"[a-z&]+", asked.lower()) if w not in STOP_WORDS]) >= 3
             or bool(_DOCUMENT_NAME.search(asked)))  # "what are the People Plan's themes?" says what it asks about


_ASKER_PLACE = re.compile(r"^\s*(?:i|i'?m|i am|we|we'?re|we are)\b(?:\s+[\w'’-]+){0,5}?\s+(?:in|at|near|from|around|"
                          r"across|out\s+of)\s+(?:the\s+)?", re.I)
"""Where the asker is: "I work in Norfolk", "I'm a GP partner in Leeds", "we're based in Kent"."""


_THERE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bwill )(?<!\bbe )\b(there|round here|(?:in|for|across) "
                    r"(?:the|that|this|my|our) (?:area|county|city|town|region|patch))\b"
                    r"(?!['’]|\s+(?:is|are|was|were|be|will|would|have|has|had|any|anything)\b)", re.I)
"""Words that ask about the place just named ("... employ link workers there?"); not "is there any help", "will there
be", "there'd be", which say only that something exists."""
_NEAR_ASKER = re.compile(rf"{_LOCAL.pattern}(?<!\blocal)|\blocal\s+{_LOCAL_SERVICE.pattern}", re.I)
"""`_LOCAL` without a bare "local": "local implementation" is a national topic, "local GP practices" are services."""


def _own_place(clause: str, name: str) -> bool:
    """Whether `clause` only says where the asker works or lives, and `name` is that place: nothing of theirs in it
    ("my health board in Cardiff wants FCPs") that a question could go on to ask about."""
    match = _ASKER_PLACE.match(clause)
    return match is not None and clause[match.end():].strip(" .").startswith(name) \
        and not _ASKING.search(clause) and not _LOCAL.search(clause) and len(clause.split()) <= 10


def background_nations(question: str, names: re.Pattern[str] = _NATION) -> set[str]:
    """The other UK nations a question names only beside what it asks: each is outside every clause that asks, and
    the last of those asks about England or the documents themselves, or another clause puts the asker in England
    ("I work near the welsh border but we're english - when does ...?") and what is asked points back to nothing."""
    clauses = [c for c in _CLAUSE.split(question) if c and c.strip()]
    asking = [c for c in clauses if _ASKING.search(c)]
    if not asking or names.search(asking[-1]) or any(names.search(c) and not _FIRST_PERSON.search(c) for c in asking):
        return set()  # "what's the welsh government doing on X - any targets like the english plan?" asks about Wales;
    # "I'm a physio who trained in Scotland - what does the CSP say ...?" only says who asks
    asked = " ".join(asking)
    in_england = any(_ENGLAND.search(c) and _FIRST_PERSON_OR_ROLE.search(c) for c in clauses if c not in asking)
    if not _IN_ENGLAND.search(asking[-1]) and not (in_england and not BACK_REFERENCE.search(asked)
                                                   and not _LOCAL.search(asked)):
        return set()
    return {m.group(1).lower() for m in names.finditer(question)}


_FIRST_PERSON_OR_ROLE = re.compile(rf"{_FIRST_PERSON.pattern}|\b(?:partner|physio\w*|gp|nurse|manager|commissioner|"
                                   r"lead|director|clinician|trust|practice)\b", re.I)
"""The asker placing themselves or their work in England beside another nation ("gp partner in england (not wales)",
"a trust near the welsh border but we're english"): the nation is then where they are not."""


def organisation(question: str, found: str, corpus_text: str) -> Refusal | None:
    """A particular hospital, trust or place that no passage found for the question names: the documents are
    national plans, without any one organisation's or area's figures or services. A place they name elsewhere
    (Portsmouth had an alcohol care team) is still outside a question about its GP practices' physios; a place
    that is only where the asker lives needs only to be in the documents."""
    named = [(m.group(0), True) for m in _ORGANISATION.finditer(question)]
    named += [((m.group(1) or m.group(2)).strip(), True) for m in _ORGANISATION_TYPED.finditer(question)]
    named += [(m.group(1), bool(_LOCAL_SERVICE.search(question[max(0, m.start() - 40):m.start()])))
              for m in _PLACE.finditer(question)]
    titled = _trust_title(question, corpus_text)
    if titled and not asker_background(titled, question):
        return Refusal(f"{COVERS} They are national plans: they don't give figures or plans for {titled} NHS trust or "
                       "any other single trust, hospital or area.", (titled,))
    background = background_nations(question)  # "I trained in Wales - what does the plan say ...?"
    for match in _ORGANISATION_TYPED.finditer(question):
        royal = " ".join((match.group(2) or "").split())  # "the royal free": ordinary words, but never that name
        if royal and _normal(royal) not in corpus_text and not asker_background(royal, question):
            return Refusal(f"{COVERS} They are national plans: they don't give figures or plans for {royal} or any "
                           "other single trust, hospital or area.", (royal,))
    for name, services in named:
        if name.strip().lower() in background or asker_background(name.strip(), question):
            continue  # "I'm an MSK physio in Bristol - how far had the FCP pilots got?": where the asker works
        words = [re.sub(r"['’]s$", "", w) for w in name.split()]
        typed = name.islower()  # "at leeds general infirmary": every word of a name typed in lower case names it
        words = [w for w in words if (w[:1].isupper() or typed) and w.lower() not in STOP_WORDS and not w.isupper()
                 and not ORGANISATION_KIND.fullmatch(w) and not _ENGLAND.fullmatch(w)]  # "an English PCN": any
        text = found if services else corpus_text  # "I live in London - ...": only a place's own services need it
        if typed and any(re.search(rf"\b{re.escape(_normal(w))}\b", corpus_text) for w in name.split()
                         if w.lower() != "and" and not ORGANISATION_KIND.fullmatch(w)):
            continue  # "the rise in people being rushed into hospital": words the documents use are no place's name
        if words and any(not re.search(rf"\b{re.escape(_normal(w))}\b", text) for w in words):
            name = " ".join(name.split())
            return Refusal(f"{COVERS} They are national plans: they don't give figures or plans for {name} or any "
                           "other single trust, hospital or area.", (name,))
    return None


def _trust_title(question: str, corpus_text: str) -> str | None:
    """The name of a trust given by its title in lower case ("manchester university" of "... nhs ft"), when the
    documents never use that name: the words after the last common word before "nhs trust" (not "what must", "acute")."""
    for match in _NHS_TRUST_TYPED.finditer(question):
        words = match.group(1).split()
        cut = max((i + 1 for i, w in enumerate(words) if w.lower() in STOP_WORDS or _DETERMINER.fullmatch(w)),
                  default=0)
        words = words[cut:]
        if any(not ORGANISATION_KIND.fullmatch(w) and not _KIND_ADJECTIVE.fullmatch(w) for w in words) and \
                _normal(" ".join(words)) not in corpus_text:
            return " ".join(words)
    return None
