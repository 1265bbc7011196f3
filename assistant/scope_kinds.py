"""Refusals by kind of question (refusals14), on with `PipelineConfig.kind_refusals`: a body named in lower case, an
outcome of one body, personal details with a question about the asker, business or purchase advice, the present
financial year, the asker's own service in another nation, the 2020 People Plan, a stand or change never reported, and
the asker's own clinical question. Each only adds refusals to `scope.unsupported`'s; on the labelled sets (tune, blind
probes 7, 9, 11-16, 18) they refuse 29 more out-of-scope questions and no answerable one, but on the confirmation
probe 17 none more, so they are off by default (docs/history/round-14.md, "Refusals that generalise (refusals14)")."""

from __future__ import annotations

import re

from assistant.premise import KIND_FAMILIES, KIND_PATTERNS, unsupported_premise
from assistant.privacy import has_personal_data
from assistant.refusal import COVERS, Refusal
from assistant.safety import CLINICAL_ADVICE, own_clinical_question
from assistant.scope_bodies import named_body
from assistant.scope_places import OTHER_NATIONS, asking_clauses, background_nations

_BODY_OUTCOME = re.compile(
    r"\b(?:did|has|have|had)\s+(?:[\w&'’-]+\s+){1,7}?(?:hit|meet|met|achieve[ds]?|reach(?:ed)?|miss(?:ed)?|deliver(?:ed)?)\s+"
    r"(?:its|their)\s+(?:[\w&'’-]+\s+){0,4}?(?:targets?|ambitions?|goals?|trajector\w*|commitments?|plans?)\b|"
    r"\b(?:did|has|have|had|was|were)\s+(?:[\w&'’-]+\s+){1,12}?on\s+time\b", re.I)
"""Whether one body met its own target or got its plan in on time ("has <a trust> met its uptake target", "did <a
system> get its plan in on time"): what happened after 2019."""
_STATED_ID = re.compile(r"\bnhs\s*(?:no\.?|number|num)\s*(?:is\s*|:\s*)?\d{3}[ -]?\d{3}[ -]?\d{4}\b|"
                        r"\b(?:born(?:\s+on)?|dob|d\.o\.b\.?|date\s+of\s+birth)\s*(?:is\s*|:\s*)?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|"
                        r"\b(?:membership|member|hcpc|patient)\s*(?:no\.?|number|id)\s*(?:is\s*|:\s*)?[a-z]{0,3}\d{4,}\b", re.I)
"""An identifier the asker gives as theirs, even one failing the NHS number's check digit ("nhs no 485 777 3456")."""
_ASKER = re.compile(r"\bam\s+i\b|\b(?:will|shall)\s+i\b|\b(?:has|have|is|was|are|were)\s+my\b|"
                    r"\b(?:check|see|find|look\s+up|chase|confirm|track)\s+my\b", re.I)
"""A clause asking where the asker stands ("has my budget been approved?", "am i on the list?"), not one asking for
something ("can I get a copy of the framework?")."""
_ADVICE_FOR_ME = re.compile(
    r"\b(?:set\s*up|start|register|form|incorporate|run)\s+(?:a|an|my|our)\s+(?:own\s+)?(?:limited\s+company|ltd|"
    r"sole\s+trader\w*|business|private\s+(?:[\w-]+\s+)?(?:practice|clinic|company))\b|"
    r"\b(?:can|could|would|will)\s+you\s+recommend\b|"
    r"\b(?:which|what)\s+(?:[\w-]+\s+){0,4}?(?:vendors?|suppliers?|software|systems?|products?|compan(?:y|ies)|apps?|brands?)\s+"
    r"should\s+(?:we|i)\s+(?:buy|use|choose|pick|get|procure|go\s+with)\b", re.I)
"""Advice for the asker's own business or purchase ("how do I set up a limited company?", "can you recommend which EPR
vendor we should buy?")."""
_FINANCIAL_YEAR = re.compile(r"\b(?:this|the\s+current|current)\s+(?:financial|fiscal|calendar)\s+year\b", re.I)
_NATION = re.compile(rf"\b({'|'.join(OTHER_NATIONS)}|(?-i:NI))\b", re.I)
"""The other nations, with "NI" in capitals for Northern Ireland (in lower case it is no name)."""
_NATION_OF = {**OTHER_NATIONS, "ni": "Northern Ireland's health service"}
_ENGLAND = re.compile(r"\b(england|english|uk|united kingdom|britain|british)\b", re.I)
_US = re.compile(r"\b(?:us|our|we|we'?re|ours)\b", re.I)
"""The asker's own organisation in a clause that asks: beside another nation named as where they work ("NI trust
planning manager - what deadlines apply to us?"), that nation's service is what is asked about."""
_PEOPLE_PLAN_2020 = re.compile(r"\bwe are the nhs\b", re.I)


def kind_refusal(question: str, found: str, corpus_text: str, bodies: bool = True) -> Refusal | None:
    """A refusal for one of these kinds of question, or None; `found` is the passages' text as `scope.unsupported`
    reads it. Without `bodies` (PipelineConfig.refuse17 alone) a body named in lower case is left to the other rules:
    on blind probes 27 and 28 it refused answerable questions ("who chairs ics board", "arrs roles pcn framework")."""
    asked = " ".join(asking_clauses(question))
    if own_clinical_question(question):
        return Refusal(f"{CLINICAL_ADVICE} This assistant only answers questions about NHS plans.")
    if (has_personal_data(question) or _STATED_ID.search(question)) and _ASKER.search(asked):
        return Refusal("The documents I have set out national NHS plans: they can't see or act on your own care or "
                       "details. For your care, contact the service or your GP practice.")
    advice = _ADVICE_FOR_ME.search(question)
    if advice:
        return Refusal(f"{COVERS} They set national aims: they don't advise on setting up a business or on which "
                       "supplier, system or product to choose. The related passages say what the documents do say.",
                       (" ".join(advice.group(0).split()),))
    nation = _own_nation(question, asked)
    if nation:
        return nation
    body = named_body(question, found, corpus_text) if bodies else None
    if body:
        return body
    outcome = _BODY_OUTCOME.search(question)
    if outcome:
        return Refusal(f"{COVERS} They were written in 2019 and set out what was planned: they can't say whether it "
                       "happened; the related passages say what was planned.", (" ".join(outcome.group(0).split()),))
    if _FINANCIAL_YEAR.search(asked):
        return Refusal(f"{COVERS} They set out plans from 2019 and can't tell you what applies now.")
    if _PEOPLE_PLAN_2020.search(question) and not _PEOPLE_PLAN_2020.search(corpus_text):
        return Refusal(f"{COVERS} They say nothing about the NHS People Plan of 2020 (We are the NHS), published after "
                       "them.", ("we are the nhs",))
    return _premise(question, found)


def _own_nation(question: str, asked: str) -> Refusal | None:
    match = _NATION.search(question)
    if not match or _ENGLAND.search(question):
        return None
    if background_nations(question, _NATION) and not _US.search(asked):
        return None  # "I trained in Wales - what does the plan say ...?": only who asks
    service = _NATION_OF[match.group(1).lower()]
    return Refusal(f"The Long Term Plan covers the NHS in England; it says nothing about {service}, whose plans and "
                   "funding are set by its own government.", (match.group(1),))


def _premise(question: str, found: str) -> Refusal | None:
    premise = unsupported_premise(question, found, KIND_PATTERNS, KIND_FAMILIES)
    if premise is None:
        return None
    verb, said = premise
    if re.match(r"oppos|object|reject|critic|resist|condemn|disagree|came|come|campaign|argu", verb):
        return Refusal(f"The documents never say anyone took that stand (\u201c{said}\u201d), so there is no why to give; "
                       "the related passages say what they do say.", (verb,))
    return Refusal(f"The documents never say the plan did that (\u201c{said}\u201d), so there is no why or when to give; "
                   "the related passages say what they do say.", (verb,))
