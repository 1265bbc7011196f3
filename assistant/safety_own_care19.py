"""Round 19's readings of one person's clinical question (`PipelineConfig.clinical19`), for the ways of writing that
round 18's focused pool (batches 40-41) showed `safety_own_care` misses, so they get NHS 111 / GP / pharmacist
signposting instead of a policy passage.

Those ways recur in how people write about one person's care: a relative named by role ("my brother", "my 4 yr old",
"Mum's 84"); "should we / should her GP" and care verbs the older lists lack ("give her", "come off it"); a decision
acted on one person ("refer her", "enrol him", "take her to A&E or wait"); "is that normal", "worth it for me"; a
test result ("does that mean I have ..."); whether something will help or harm them; a clinician's one
patient written without "my" ("Patient 3 days post TKR", "a 91-year-old lady", "this gentleman"); and a plan or
programme named in passing in one sentence while another asks about the person ("The plan says ... I've got COPD.
Should I cut down on my inhaler?"). Each reading looks only at the message's question sentences, and a question
sentence that names plans, services, a workplace, a group's figure or people in general is a policy question.
`signposting_answer` here is the engine's first step: the earlier rounds' signposting, then these readings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant import safety_own_care
from assistant.answer import Answer
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.safety import CLINICAL, GENERIC, GROUP_FIGURE, HEALTH, ONE_PATIENT, OWN_HEALTH, PERSONAL, POLICY, WORKPLACE
from assistant.safety import FIRST_PERSON as _FIRST_PERSON
from assistant.safety_own_care import (
    CARE_ING,
    CARE_VERB,
    NOT_HEALTH,
    ONE_PERSONS,
    OWN_ASK,
    OWN_ASK_ING,
    SYMPTOM,
    read_text_speak,
    speaks_from_work,
)

EARLIER_ASKS = (OWN_ASK, OWN_ASK_ING, CLINICAL)
"""Round 17's and 18's asks, read here sentence by sentence, so a plan named in another sentence no longer hides them."""

_PARTS = re.compile(r"(?<=[.?!])\s+|\s+[-–—]\s+|\s*:\s+")
"""Where a message's sentences (and "GP here - ..." asides) end."""
_BUT = re.compile(r",? but ", re.I)
"""A clause after "but" asks on its own ("I know the plan mentions the DPP but which diet should I follow")."""

_RELATIVE = (r"(?:son|daughter|mum|mom|mother|dad|father|wife|husband|partner|child|baby|brother|sister|grandson|"
             r"granddaughter|grandma|grandad|grandpa|granny|nan|gran|aunt|uncle|niece|nephew|toddler|boy|girl|"
             r"fianc[eé]e?|boyfriend|girlfriend|\d+ ?(?:yr|year|month|week)s? old)")
_WHO = rf"(?:i|we|he|she|they|(?:my|our|his|her) (?:[\w'-]+ ){{0,2}}?(?:{_RELATIVE}|gp|doctor|consultant|nurse))"
_ACT_ON = (r"(?:refer|referring|suggest|step|stepping|enrol|enroll|send|sending|book|booking|put|putting|give|giving|"
           r"leave|leaving|let|letting|get|getting|take|taking|start|starting|stop|stopping|move|moving|transfer|admit|"
           r"discharge|sedate|treat|treating|prescribe|prescribing|up|increase|reduce|switch|switching|wean|mobilise|"
           r"mobilising)")
ONE_UNNAMED = re.compile(r"\b(?:this|a|an|the)? ?(?:\d+[- ]?(?:year|yr)s?[- ]?old|\d+ ?y/?o)\b|\b\d+/(?:7|52|12)\b|"
                         r"\b(?:this|a|an|the|our) (?:[\w-]+ )?(?:man|woman)\b|\b(?:gentleman|lady|chap)\b", re.I)
"""One person a clinician writes about without a pronoun ("a 91-year-old lady", "67yo", "3/52 post op", "gentleman with
leg ulcers"),
beside `safety.ONE_PATIENT`'s "a patient"."""
_ONE_OBJECT = (r"(?:him|her|them|this (?:\d+[- ]?(?:year|yr)s?[- ]?old|patient|client|gentleman|lady|man|woman|"
               r"child|baby))")
_ONE_ASKED = rf"(?:me|him|her|them|myself|the baby|my (?:[\w'-]+ )?{_RELATIVE})"
_ACTIVITY = (r"(?:driv\w*|fly\w*|run\w*|swim\w*|exercis\w*|lift\w*|walk\w*|breastfe\w*|feed\w*|eat\w*|work\w*|"
             r"return\w*|go back|get back|travel\w*|cycl\w*|play\w*|sport|the gym|gym|sex|bath\w*|shower\w*|train\w*|"
             r"jog\w*|dance|dancing|climb\w*)\b")
"""What one person goes back to after an illness or operation ("when can I start running again", "when will he be able
to breastfeed"); not "when will she get her review", a service's date."""
_ABOUT = r"(?:me|him|her|them|it|my|his|their|the baby)"
READINGS: dict[str, re.Pattern[str]] = {name: re.compile(pattern, re.I) for name, pattern in {
    "should they": rf"\bshould {_WHO} (?:just |still |really |now |also |maybe |actually |then |ever )?(?:be )?"
                   rf"(?:{CARE_VERB}|{CARE_ING}|give|giving|come off|coming off|cut|cutting|agree|trying|try|put|"
                   rf"putting|let|carry on)|\b(?:whether|if) {_WHO}(?: [\w'-]+)? should (?:be|take|have|stop|start|go|keep)\b|"
                   rf"\b(?:what|which)\b(?: [\w'-]+){{0,6}}? (?:should|do|can|must) {_WHO} (?:actually |really |just )?"
                   r"(?:be )?(?:do|doing|follow|following|use|using|take|taking|try|trying|have|having|eat|eating)\b|"
                   rf"\bhow (?:much|many|often|long)\b(?: [\w'-]+){{0,4}}? (?:should|can|could|must) {_WHO} (?:be )?"
                   r"(?:take|taking|have|having|use|using|do|doing|give|giving)\b",
    "acted on one": rf"\b(?:should|can|could|do|would|shall|is it (?:safe|ok|okay|best|better) to) (?:i|we|you)? ?"
                    rf"(?:just |still |really )?(?:be )?{_ACT_ON} {_ONE_OBJECT}\b|"
                    r"\b(?:suggest|recommend|advise) (?:that )?(?:he|she|they) (?:tries|try|takes|take|uses|use|starts|stops)\b",
    "your advice": r"\b(?:would|what would|do|could) you (?:advise|recommend|suggest|consider|do)\b",
    "right for them": r"\b(?:better|worth it|safe|ok|okay|right|best|good|bad|harmful|dangerous) for "
                      rf"{_ONE_ASKED}\b|\breason for {_ONE_ASKED} (?:not )?to\b|\b(?:ok|okay|safe|fine|alright) "
                      r"(?:for (?:him|her|me|them) )?to (?:start|restart|return|resume|go back|carry on|continue|begin)\b",
    "is it normal": r"\bis (?:that|this|it) (?:normal|serious|worrying|something to worry about|a worry|safe)\b|"
                    r"\bis (?:she|he) (?:behind|ok|okay|normal|at risk)\b|\bis (?:this|that|it) (?:anorexia|"
                    r"cancer|dementia|depression|autism|adhd|sepsis|an? (?:infection|prolapse|stroke|tia|allergy))\b",
    "a result": r"\b(?:does|do|did|could|would) (?:that|this|it|these) (?:results? )?mean (?:that )?(?:i|i'?m|im|i am|"
                r"he|she|my|(?:he|she|i) (?:is|has|have|am))\b",
    "help or harm": rf"\b(?:will|would|could|can|might) (?:[\w'-]+ ){{0,3}}?(?:help|fix|cure|make|cause|harm|hurt|worsen|"
                    rf"affect|be causing) {_ABOUT}\b|\b(?:could|can|might|would) (?:my|his|her) (?:[\w-]+ ){{1,2}}?be "
                    r"(?:causing|making|the cause)\b",
    "need to": r"\b(?:do|does) (?:i|he|she|we) (?:really |still |actually |definitely )?need\b(?! to (?:offer|provide|"
               r"commission|deliver|report|apply|register|record|fund|refer))|"
               r"\b(?:am i|is (?:she|he)|are we) (?:meant|supposed) to\b",
    "what to do": r"\bwhat (?:else )?(?:can|should|do|could) (?:we|i) (?:do|try|be (?:doing|asking|trying))\b|"
                  r"\b(?:something|anything|technique|exercise|treatment|medicine|way) (?:i|he|she|we) "
                  r"(?:could|can|should|might) (?:try|do|use|take)\b|"
                  r"\bcan you (?:tell|advise) me (?:whether|if)\b|\bcan you (?:give|recommend|suggest|show) me (?:some |a |"
                  r"an )?(?:[\w-]+ ){0,2}?(?:exercises?|stretches|routine|diet|treatment|medicine|dose|technique|"
                  r"programme)\b",
    "where to go": r"\b(?:take|taking|bring|send|book|ring|call|go|going) (?:(?:him|her|them|my \w+) )?(?:\w+ ){0,3}?"
                   r"(?:a ?& ?e|a and e|111|999|an ambulance|hospital|the gp)\b.{0,40}\bor\b|\bor (?:\w+ ){0,4}?"
                   r"(?:a ?& ?e|a and e|999|111)\b",
    "when again": r"\bcan (?:i|he|she|we) (?:still )?(?:do|go|have|eat|drink|exercise|run|fly|drive|swim|lift|carry on|keep|"
                  r"use) (?:[\w'-]+ ){0,4}?(?:while|after|with|during|since|if|when)\b|"
                  rf"\bwhen (?:can|could|will|should|would) (?:i|he|she|we|they|my \w+) (?:be able to )?(?:start |go back to |"
                  rf"get back to |try )?{_ACTIVITY}",
}.items()}
"""Ways of asking about one person's care: what they (or a clinician for them) should do, whether it is normal, safe or
worth it for them, what a result means for them, whether something will help or harm them, where to take
them, and when they can do something again."""

HEALTH_WORDS = (
    r"fall|falls|fell|falling|fallen", r"seizures?", r"epilep\w*", r"breastfe\w*", r"nipples?", r"(?<!funding )formula",
    r"antibiotics?", "tia", "nicu", r"premature\w*|prem|born at \d+ weeks|corrected age", r"schizophren\w*",
    r"psychos\w*", "weight", r"agitat\w*", r"frail\w*", r"resuscitat\w*|dnr|dnacpr", "catheter", r"\w+ectomy",
    "prolapse", r"anorexi\w*|bulimi\w*", "eczema", r"jab|vaccin\w*", "phobia", "heart rate", r"blood thinners?",
    r"bruis\w*", r"ulcers?", "compression", r"swallow\w*", "flexion", "tkr|thr", "numbness", "colonoscopy", "bloods",
    r"sedat\w*", "fatigue", r"desaturat\w*|oxygen", "readmitted", r"sublux\w*|sling|taping", r"muscles?", "smear",
    "hba1c", r"prediabet\w*", "glucose", "copd", "heart failure", r"water tablets?", r"parkinson'?s", "stroke",
    "dementia", "bronchiectasis", r"cough\w*", r"temp(?:erature)? (?:is |was |of )?\d+", r"vomit\w*", r"feeds?|feeding",
    "insulin", r"diabet\w*", r"twinges?", "oa", r"post[- ]?op\w*", "bypass",
    "postpartum|postnatal", r"pregnan\w*", r"(?:degree|perineal) tears?", r"vitamin\w*|supplements?",
    r"\w+(?:amine|oxetine|apine|dipine|trigine|sartan|olol|pril|statin|prazole|cillin|mycin|azole)",
    r"\w+(?:algia|itis|osis|pathy)")
"""Conditions, treatments and results one person has that `safety.HEALTH`, `OWN_HEALTH` and `SYMPTOM` lack."""


def health_words(words: Iterable[str] = HEALTH_WORDS) -> re.Pattern[str]:
    """`words` as one pattern of whole words."""
    return re.compile(rf"\b(?:{'|'.join(words)})\b", re.I)


EXTRA_HEALTH = health_words()


def _question_parts(text: str) -> list[str]:
    """The message's question sentences (those ending in "?", and the last one), cut at "but"."""
    parts = [p for p in _PARTS.split(text) if p.strip()]
    asked = [p for p in parts[:-1] if p.rstrip().endswith("?")] + parts[-1:]
    return [clause for part in asked for clause in _BUT.split(part)]


def _about_policy(part: str) -> bool:
    """A question sentence about plans, services, a workplace, a group's figure or people in general."""
    counted = ONE_PERSONS.sub(" ", part)  # "how many puffs", "a home exercise programme": one person's
    return bool(POLICY.search(counted) or WORKPLACE.search(part) or GROUP_FIGURE.search(counted)
                or (GENERIC.search(part) and not _FIRST_PERSON.search(part)))


def _health(text: str, extra: re.Pattern[str]) -> bool:
    """A health word, not counting those a physio or manager uses of their work (`safety_own_care.NOT_HEALTH`)."""
    return any(not NOT_HEALTH.fullmatch(m.group(0))
               for pattern in (HEALTH, OWN_HEALTH, SYMPTOM, extra) for m in pattern.finditer(text))


_WE = {"we", "our", "us"}
_HERE = re.compile(r"\b(?:physio|gp|nurse|doctor|midwife|pharmacist|therapist|paramedic|clinician)\w* here\b", re.I)
_THIRD_PERSON = re.compile(r"\b(?:he|she|him|her|his)\b", re.I)


def _about_one(text: str) -> bool:
    """The message is about one person: the asker, a relative or one patient. "We" alone is an organisation's, and a
    professional speaking ("I'm a physio", "GP here") must name the one patient ("her", "a 78-year-old")."""
    one_patient = ONE_PATIENT.search(text) or ONE_UNNAMED.search(text)
    if speaks_from_work(text) or _HERE.search(text):
        return bool(one_patient or _THIRD_PERSON.search(text))
    return bool(one_patient or any(m.group(0).lower() not in _WE for m in PERSONAL.finditer(text)))


ASKS = (*READINGS.values(), *EARLIER_ASKS)


def own_care19(message: str, asks: Iterable[re.Pattern[str]] = ASKS, extra_health: re.Pattern[str] = EXTRA_HEALTH) -> bool:
    """Whether one of `message`'s question sentences asks about one person's care (`ASKS`: `READINGS` and round 17's
    and 18's asks) without naming plans, services, a workplace or people in general, in a personal message
    (`_about_one`) with a health word. `asks` and `extra_health` narrow the readings for leave-sets-out validation
    (bench/clinical19_compare.py)."""
    text = read_text_speak(message)
    if not _about_one(text) or not _health(text, extra_health):
        return False
    return any(not _about_policy(part) and any(ask.search(part) for ask in asks) for part in _question_parts(text))


def signposting_answer(question: str, config: PipelineConfig = DEFAULT_CONFIG) -> Answer | None:
    """`safety_own_care.signposting_answer` (the engine's first step), and with `config.refuse17` and
    `config.clinical19` the clinical signposting for a question `own_care18` or `own_care19` reads as one person's."""
    answer = safety_own_care.signposting_answer(question, config)
    if answer is not None or not (config.refuse17 and config.clinical19):
        return answer
    if safety_own_care.own_care18(question) or own_care19(question):
        return safety_own_care.clinical_answer(question)
    return None
