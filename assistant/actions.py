"""From a requirement's clause to an action to tick off, and who must act.

"Each system should pick out senior clinicians …" → "Pick out senior clinicians …" (who: system); "every system
plan must be clinically led" → "Show the plan is clinically led". Split from requirements.py, which decides which
clauses are requirements; this module only rephrases one and names its actor.
"""

from __future__ import annotations

import re

from assistant.deadlines import BARE_DEADLINE, DEADLINE, find_deadline, tidy_when

MODAL = re.compile(
    r"\b(?P<modal>must|should|shall|are expected to|is expected to|are required to|is required to|will need to|"
    r"needs? to|are to|is to|has to|have to|had to|are asked to)\s+(?:also\s+|now\s+|then\s+|therefore\s+)?(?P<rest>\S.*)$",
    re.I,
)
ACTORS = {
    "ICS/STP": r"\bintegrated care systems?\b|\bICSs?\b|\bSTPs?\b|\bsustainability and transformation partnerships?\b",
    "system": r"\b(every|each|all|local) (health )?systems?\b|\bsystems? (plans?|must|will|should|need|are|decide)\b|^systems\b",
    "PCN": r"\bprimary care networks?\b|\bPCNs?\b",
    "CCG": r"\bCCGs?\b|\bclinical commissioning groups?\b",
    "trust": r"\b(NHS |acute |hospital |ambulance |mental health |community )?trusts?\b|\bproviders\b",
    "GP practices": r"\bGP practices\b|\bgeneral practices?\b",
    "NHS England": r"\bNHS England\b",
    "NHS Improvement": r"\bNHS Improvement\b",
    "Health Education England": r"\bHealth Education England\b|\bHEE\b",
    "Public Health England": r"\bPublic Health England\b|\bPHE\b",
    "Cancer Alliances": r"\bCancer Alliances?\b",
    "local authorities": r"\blocal (authorities|government|councils?)\b",
    "commissioners": r"\bcommissioners\b",
    "Government": r"\bthe Government\b|\bDepartment of Health\b",
}
CASE_SENSITIVE = {"ICS/STP", "PCN", "CCG", "Government"}
PLAN_SUBJECT = re.compile(r"^(\S+\s+){0,4}plans?$|^(it|they)$", re.I)
SHOWING_VERBS = {
    "cover", "start", "set", "include", "show", "describe", "explain", "give", "say", "state", "outline", "identify",
    "detail", "demonstrate", "reflect", "use", "contribute", "build", "support", "prepare", "submit", "publish",
    "make", "develop", "reach", "keep", "pick", "plan", "agree", "offer", "provide", "decide", "put", "tackle",
    "reduce", "cut", "improve", "maintain", "hold", "ensure", "expand", "roll", "move", "bring", "work", "invest",
    "meet", "deliver", "engage", "involve", "introduce", "increase", "achieve", "recruit", "train", "complete",
    "report", "create", "take", "send", "spend", "treat", "look", "follow", "apply", "appoint", "assess", "review",
}
PLAN_VERBS = {"cover", "start", "set", "include", "show", "describe", "explain", "give", "say", "state", "outline",
              "identify", "detail", "demonstrate", "reflect"}
"""What a plan does on paper: "every plan must describe …" reads as "Describe …"; any other verb as "Show the plan …"."""
ASIDE = re.compile(r"\s*\((?!\s*(?:ICSs?|STPs?|PCNs?|CCGs?)\s*\))[^()]*\s[^()]*\s[^()]*\)")
"""A bracketed aside of three or more words ("(which run the public health … services)", "(section 2 of the
framework)"): background the citation already carries, so it is left out of the action."""

def responsible(text: str) -> tuple[str, ...]:
    return tuple(name for name, pattern in ACTORS.items() if re.search(pattern, text, 0 if name in CASE_SENSITIVE else re.I))


def as_action(clause: str) -> tuple[str, tuple[str, ...]]:
    """The clause as something to do or show, and who its subject says must act."""
    text = clause.strip().rstrip(".")
    modal = MODAL.search(text)
    owner: tuple[str, ...] = ()
    if modal and len(text[: modal.start()].split()) <= 8:
        subject = text[: modal.start()].strip(" ,")
        rest = modal["rest"]
        if PLAN_SUBJECT.search(subject) and not re.search(r"\bsystems?\b", subject.replace("system plan", ""), re.I):
            owner = ("system",)
            text = f"Show the plan is {rest[3:]}" if rest.lower().startswith("be ") else (
                rest if first_word(rest) in PLAN_VERBS else f"Show the plan {third_person(rest)}")
        elif (actor := _actor_subject(subject)) and not rest.lower().startswith("be "):
            owner, text = actor, rest
    else:
        text, owner = _actor_imperative(text)
    text = _lift_deadline(ASIDE.sub("", text))
    text = re.sub(r";\s*(both|this|these|it|they)\s+\w+$", "", text, flags=re.I)  # "…; both start" once its date is lifted
    text = re.sub(r"\btheir (plans?|versions)\b", r"the \1", text) if owner else text
    text = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip(" ,;:")
    return (text[:1].upper() + text[1:] + ("" if text.endswith((")", "?", "!")) else "")) if text else clause, owner


def _actor_imperative(text: str) -> tuple[str, tuple[str, ...]]:
    """"STPs and ICSs prepare draft versions …" → "Prepare draft versions …" (who: ICS/STP)."""
    if first_word(text) in PLAN_VERBS:
        return text, ()
    verbs = "|".join(sorted(SHOWING_VERBS))
    match = re.match(rf"^(?P<subject>[\w/ ]{{2,40}}?)\s+(?:then\s+)?(?P<verb>(?:{verbs})s?)\b(?P<rest>.*)$", text)
    actor = _actor_subject(match["subject"]) if match else ()
    if not match or not actor:
        return text, ()
    verb = match["verb"] if match["verb"] in SHOWING_VERBS else match["verb"][:-1]
    return f"{verb}{match['rest']}", actor


def _actor_subject(subject: str) -> tuple[str, ...]:
    """Who acts, when the subject names them ("STPs and ICSs", "each system") rather than a thing of theirs
    ("the workforce assumptions in each system plan")."""
    words = subject.split()
    if not words or len(words) > 6 or re.fullmatch(r"plans?|assumptions|models?", words[-1], re.I):
        return ()
    return responsible(" ".join(words[-3:]))


def _lift_deadline(text: str) -> str:
    """A deadline that opens or closes the action is shown beside it, so it is lifted out; one in the middle
    stays, as cutting it would break the sentence."""
    found = find_deadline(text)
    if not found:
        return text
    for match in list(DEADLINE.finditer(text)) + list(BARE_DEADLINE.finditer(text)):
        if tidy_when(match["when"]) not in found.wording:
            continue
        after = re.sub(r"\(.*\)", "", text[match.end() :]).strip(" .")
        if not text[: match.start()].strip() or not after or after.startswith("and "):
            return re.sub(r"^,\s*", "", (text[: match.start()] + text[match.end() :]).strip())
        break
    return text


def first_word(text: str) -> str:
    return (re.findall(r"[a-z]+", text.lower()) or [""])[0]


def third_person(rest: str) -> str:
    verb, _, tail = rest.partition(" ")
    if verb.lower() == "have":
        verb = "has"
    elif re.search(r"(s|sh|ch|x|o)$", verb):
        verb += "es"
    elif re.search(r"[^aeiou]y$", verb):
        verb = verb[:-1] + "ies"
    else:
        verb += "s"
    return f"{verb} {tail}".strip()
