"""From a sentence of the documents to the requirements it states, each phrased as an action.

"Each system should pick out senior clinicians …" → "Pick out senior clinicians …" (who: system);
"every system plan must be clinically led" → "Show the plan is clinically led"; a list ("ten features that every
plan must have: clinically led; locally owned; …") → one requirement per feature. Description, background and
history ("The plan, published in January 2019, laid out …") are not requirements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.actions import MODAL, PLAN_VERBS, SHOWING_VERBS, as_action, first_word, responsible, third_person
from assistant.deadlines import BARE_DEADLINE, DEADLINE, YEAR, Deadline, find_deadline

OBLIGATION = re.compile(
    r"\b(must|shall|are required to|is required to|required|need to|needs to|are expected to|is expected to|"
    r"should|will need to|are asked to|has to|have to|had to|are to|is to|commits? to|committed to|guarantee[sd]?|"
    r"target|aim(?:s)? to|ambition|deadline|will)\b",
    re.I,
)
NON_COMMITMENT = re.compile(
    r"^(this|the) (chapter|section|document|framework|plan|annex|report) (will )?(set|sets|explain|describe|look|outline)s?\b|"
    r"\b(may|might|could) \b|\bwill (also )?(be|become|continue to be) (important|needed|possible|likely|harder|easier)\b|"
    r"\b(people|patients|the population|demand|costs?) will (live|grow|rise|increase|continue)\b|"
    r"\bnot every\b|\bneed not\b|\bdo(es)? not have to\b|\bhave (substantial|considerable) freedom\b",
    re.I,
)
DESCRIBING = re.compile(r"\b(describes|explains|tells|lists|sets out|summarises|separates|names|gives)\b", re.I)
PAST = re.compile(
    r"\b(was|were|had been|has been|have been|since|rose|fell|grew|saw|did|ago|last year|laid out|ran|made|took|"
    r"began|held|launched|announced)\b",
    re.I,
)
LEAD_IN = re.compile(
    r"^(the (plan|framework|NHS|CSP|long term plan|implementation framework) (also |therefore |now )?"
    r"(commits|promises|says|expects|sets out|states|confirms|asks|requires)"
    r"( that| to)?|it (also )?(commits|says)( that| to)?|in addition,?|as a result,?|to do this,?|over the next five years,?)\s+",
    re.I,
)
ATTRIBUTION = re.compile(
    r"^(the )?(implementation framework|long term plan|plan|framework|CSP)( also)? (restates|says|states|notes|stresses|"
    r"confirms|expects|requires|repeats)( that)?\s+|,?\s*\b(under|according to|in line with) the "
    r"(Implementation Framework|Long Term Plan|framework|plan)\b,?",
    re.I,
)
BACKGROUND = re.compile(
    r"^(published|launched|announced|introduced|agreed|set up) (in|on|at) [^,]+,|"
    r"\b(published|launched|announced|laid out)\b[^;]*(\(|\bin )(?:[A-Z][a-z]+ )?(19|20)\d{2}\b|"
    r"\b(reports?|reported|backed|welcomed|decided|gave|had not yet|is set out in)\b",
    re.I,
)
"""A fact about the past told as background ("Published in January 2019, the plan set …", "… published X
(June 2019), which describes …", "the CSP backed …", "systems decided in summer 2019 …"): its date is history,
not a deadline. Only when nothing in the sentence looks ahead (FUTURE)."""
FUTURE = re.compile(r"\b(will|must|should|shall|are to|is to|needs? to|has to|have to|had to|are expected|is expected)\b", re.I)
LABEL = re.compile(r"^(?P<label>[A-Z][^:.;]{2,90}):\s+(?=\S)")
FIGURE = re.compile(
    r"£\s?\d[\d,.]*\s*(?:billion|million|bn|m|k)?|\b\d[\d,.]*\s?%|\b\d[\d,]*(?:\.\d+)?\s+(?:more\s+|additional\s+|new\s+|extra\s+)?"
    r"(?:people|patients|staff|nurses|doctors|places|posts|practitioners|pharmacists|physiotherapists|beds|GPs|"
    r"children|women|mothers|adults|schools|trainees|apprentices|volunteers|sites|networks|hours|days|weeks|link workers)\b",
    re.I,
)


@dataclass(frozen=True)
class Requirement:
    """One thing to be done or shown, as an action, with what the sentence says about when and by whom."""

    action: str
    kind: str
    """"requirement" (must/should), "deadline" (a date), "target" (a figure) or "commitment"."""
    deadline: Deadline | None
    responsible: tuple[str, ...]
    figures: tuple[str, ...]
    sentence: str


def is_item(sentence: str) -> bool:
    """Commitment, obligation, target or deadline language, and not mere description or history."""
    if NON_COMMITMENT.search(sentence) or (BACKGROUND.search(sentence) and not FUTURE.search(sentence)):
        return False
    if _is_list(sentence):
        return bool(OBLIGATION.search(sentence.split(":", 1)[0]) or find_deadline(sentence))
    obligation = OBLIGATION.search(sentence)
    describing = DESCRIBING.search(sentence)
    if obligation and describing and describing.start() < obligation.start() and not MODAL.search(sentence[: describing.start()]):
        return False
    if not obligation:
        dated = DEADLINE.search(sentence) or BARE_DEADLINE.search(sentence)
        return bool(dated and re.search(YEAR, dated[0]) and not PAST.search(sentence))
    obliged = re.search(r"\b(must|required|should|need|expected|target|commit|guarantee|are to|is to)", sentence, re.I)
    if re.search(r"\bwill\b", sentence, re.I) and not obliged:
        return bool(find_deadline(sentence) or FIGURE.search(sentence) or responsible(sentence))
    return True


def requirements(sentence: str) -> list[Requirement]:
    """The requirements a sentence states; [] for description or background."""
    if not is_item(sentence):
        return []
    text = sentence.strip() if _is_list(sentence) else LABEL.sub("", LEAD_IN.sub("", sentence.strip()), count=1)
    text = ATTRIBUTION.sub(" ", text).strip()
    text = re.sub(r"\s+,", ",", text)
    if _is_list(text):
        return _list_requirements(text, sentence)
    clauses = _shared_modal(text) or ([c for c in _clauses(text) if is_item(c)] if "; " in text else [text])
    found = []
    for clause in clauses:
        first, *others = _dated_clauses(clause)
        found.append(_requirement(first, sentence))
        found += [_requirement(part, sentence, owner=found[-1].responsible) for part in others]
    return found


def _clauses(text: str) -> list[str]:
    """Parts of a sentence split at semicolons; a part that points back ("both start from 2019", "this will …")
    stays with the one before, which says what it is about. Its own short list, not `wording.points_back`: a part
    opening "and", "or" or "but" is the list's next requirement ("…; and keep driving innovation"), not a lean on the
    part before, a pronoun later in a part ("deliver its share") names its own subject, and "which" carries the
    part before on."""
    found: list[str] = []
    for part in text.split("; "):
        if found and re.match(r"(both|this|these|it|they|which)\b", part, re.I):
            found[-1] += "; " + part
        else:
            found.append(part)
    return found


def _shared_modal(text: str) -> list[str]:
    """"A plan should be clinically led; rest on realistic workforce planning; …; and keep driving innovation":
    the later parts share the first one's subject and modal, so each is given them and read as its own clause."""
    parts = [p.strip(" .") for p in text.split("; ")]
    modal = MODAL.search(parts[0])
    if len(parts) < 3 or not modal or len(parts[0][: modal.start()].split()) > 8:
        return []
    if any(MODAL.search(p) for p in parts[1:]):
        return []
    lead = parts[0][: modal.start("rest")]
    return [parts[0]] + [lead + re.sub(r"^(and|or)\s+", "", p) for p in parts[1:] if p]


def _is_list(sentence: str) -> bool:
    head, colon, tail = sentence.partition(":")
    return bool(colon) and tail.count(";") >= 1


def _list_requirements(text: str, sentence: str) -> list[Requirement]:
    """"… every plan must have: clinically led; locally owned; …" → one requirement per part."""
    lead, _, tail = text.partition(":")
    about_plans = bool(re.search(r"\bplans?\b", lead, re.I)
                       and re.search(r"\b(must|should|features|contain|has to|have to|needs? to|is to|are to)\b", lead, re.I))
    verbs = bool(re.search(r"\b(must|should|has to|have to|needs? to|is to|are to)\s*$", lead, re.I))
    parts = [re.sub(r"^(and|or)\s+", "", p.strip(" .")) for p in tail.split(";")]
    dated = [p for p in parts if find_deadline(p) or FIGURE.search(p)]
    if not about_plans and len(dated) < len(parts) / 2:
        return [_requirement(LABEL.sub("", text, count=1), sentence)]
    found = []
    for part in filter(None, parts):
        part = re.sub(r"^(it|they|each plan|the plan|plans?) (must|should|will|needs? to)\s+", "", part, flags=re.I)
        if about_plans and first_word(part) not in PLAN_VERBS:
            part = f"Show the plan {third_person(part)}" if verbs else f"Show the plan is {part}"
        owner = responsible(lead) or (("system",) if about_plans else ())
        found.append(_requirement(part, sentence, owner=owner, lead=lead))
    return found


def _dated_clauses(text: str) -> list[str]:
    """Split "X prepare drafts by September 2019 and submit finals by November 2019" at the "and" when each
    side has its own date and the second starts with a verb: two requirements, two deadlines."""
    for match in re.finditer(r",? and (?=(\w+))", text):
        left, right = text[: match.start()], text[match.end() :]
        if match[1].lower() in SHOWING_VERBS and find_deadline(left) and find_deadline(right):
            return [left, right]
    return [text]


def _requirement(clause: str, sentence: str, owner: tuple[str, ...] = (), lead: str = "") -> Requirement:
    action, subject_owner = as_action(clause)
    deadline = find_deadline(clause) or (find_deadline(lead) if lead else None)
    figures = tuple(dict.fromkeys(" ".join(m.split()) for m in FIGURE.findall(clause)))
    who = owner or subject_owner or responsible(clause) or responsible(sentence)
    return Requirement(action, _kind(sentence, deadline, figures), deadline, who, figures, sentence)


def _kind(sentence: str, deadline: Deadline | None, figures: tuple[str, ...]) -> str:
    if re.search(r"\b(must|required|need to|needs to|are expected to|is expected to|should|are asked to|are to|is to)\b",
                 sentence, re.I):
        return "requirement"
    if deadline and deadline.due:
        return "deadline"
    if figures or re.search(r"\btarget\b", sentence, re.I):
        return "target"
    return "commitment"
