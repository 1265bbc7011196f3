"""Crisis and clinical safety: a person in an emergency gets 999 / Samaritans first, never passages.

This assistant answers questions about NHS plans. A message describing someone's own emergency or crisis
(suicide, self-harm, overdose, chest pain, stroke signs, not breathing, heavy bleeding, a collapse, a child
in danger) gets emergency signposting before anything else; a personal health question that is not an
emergency gets NHS 111 / GP / pharmacist signposting. Questions about the plan on the same topics ("what are
the stroke targets?") are answered normally.

The classifier is patterns, deliberately: it must be precise on policy questions and explainable. Phrases
that only a person in the situation writes ("my dad's face has dropped", "I can't breathe") signpost on their
own; topic words ("stroke", "overdose") signpost only with a personal marker (I, my, he, she) and no sign of
a question about plans or services. Measured on tests/data/safety_cases.tsv (docs/history/crisis-safety.md, "Crisis and
clinical safety").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer import Answer

EMERGENCY_ADVICE = (
    "If this is happening now, call 999 for an ambulance, or go to A&E. If you're not sure how urgent it is, "
    "call NHS 111 (free, 24 hours) or use 111.nhs.uk."
)
CRISIS_ADVICE = (
    "If you or someone else is in immediate danger, or has taken something or been hurt, call 999. "
    "You can talk to Samaritans any time, day or night: call 116 123 (free, 24 hours). "
    "For urgent mental health help, call NHS 111 and choose the mental health option, or contact your GP."
)
CHILD_ADVICE = (
    "If a child is in danger now, call 999. If you're worried about a child, you can also call the NSPCC "
    "helpline on 0808 800 5000."
)
CLINICAL_ADVICE = (
    "I can't give advice about your own or someone else's health. For medicines, ask a pharmacist; for other "
    "health worries, call NHS 111 (free, 24 hours), use 111.nhs.uk, or contact your GP. In an emergency, call 999. "
    "If you are asking as a clinician about a patient, use clinical guidance (such as NICE's) and your local "
    "pathways."
)
"""Said to anyone asking about one person's care: the asker's own, a relative's, or a clinician's patient (round 19's
fresh pool: half its personal clinical questions came from professionals about one patient)."""
NOT_A_CLINICIAN = "This assistant only answers questions about NHS plans and can't help in an emergency."

_W = r"[\w'’]*"  # the rest of a word, for typos and endings ("breathing", "bleeding")
PERSONAL = re.compile(
    r"\b(i|i'?m|im|i'?ve|ive|i'?d|me|my|myself|we|our|us|he|she|his|her|him|hes|shes|they'?re|someone|"
    r"somebody|friend|mum|mom|dad|son|daughter|baby|child|kid|husband|wife|partner|nan|gran|grandad|grandma|"
    r"flatmate|brother|sister|toddler)\b|\bis it (normal|safe|ok|okay|bad) to\b", re.I)
FIRST_PERSON = re.compile(r"\b(i|i'?m|im|i'?ve|ive|me|my|myself)\b", re.I)
GENERIC = re.compile(r"\b(people|patients|those|anyone|children|adults|men|women|someone) (who|that|with)\b", re.I)
POLICY = re.compile(
    r"\b(plan|plans|ltp|framework|csp|nhs england|services?|pathways?|targets?|commit\w*|funding|fund|programmes?|"
    r"prevention|strategy|strategies|commission\w*|ics|systems?|ambitions?|national|rollout|roll out|chapter|"
    r"policy|policies|specification|workforce|my role|my system|my area|guidance)\b", re.I)
WORKPLACE_WORDS = (r"(?:trust|pcn|ics|icb|ccg|stp|system|area|team|service|network|organisation|department|unit|ward|"
                   r"board|staff|colleagues|patients|caseload|members|role|job|commissioners?)\b")
"""What someone works in or with, after "my"/"our": one list for the safety classifier and the personal-matter rule
(assistant/scope_personal.py)."""
WORKPLACE = re.compile(rf"\b(my|our) {WORKPLACE_WORDS}", re.I)
"""Where the asker works ("does my team need to offer alcohol care?"): a question about their work, not their health."""
GROUP_FIGURE = re.compile(r"\b(what|which) (proportion|share|percentage|fraction|number)\b|\bhow many\b", re.I)
"""A share or count of a group ("what proportion of people who've had a stroke ...") asks about many people, not
one in an emergency."""
PROFESSIONAL = re.compile(
    r"\b(?:i'?m|i am|as|i work as)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:nurse|physio\w*|doctor|gp|consultant|clinician|"
    r"therapist|paramedic|midwife|manager|commissioner|lead|director|practitioner|pharmacist|surgeon|registrar|"
    r"coordinator|specialist)\b|\bi work (?:on|in|at|for) (?:a|an|the|our)\b", re.I)
"""The asker speaking as a professional ("I'm a nurse on a hyperacute stroke unit"): a topic word ("stroke") is
then their work, not their emergency; the situation phrases above still signpost."""

# Phrases only someone in the situation writes: they signpost whatever else the message says.
SITUATION: dict[str, str] = {
    "suicide": r"\b(kill|killing|end|ending|take|taking) (my|him|her|them)?sel(f|ves)\b|\bkill (my|him|her)self\b|"
               r"\bend(ing)? (it all|my life|his life|her life|their life)\b|\bsuicidal\b|\bwant(s)? to die\b|"
               r"\b(don'?t|do not|dont) want to (be here|live|go on|wake up)\b|\bbetter off (dead|without me)\b|"
               r"\bno reason to live\b|\bcan'?t go on\b|\btake (my|his|her|their) (own )?life\b",
    "self-harm": r"\b(cut|cutting|hurt|hurting|harm|harming|burn|burning) (my|him|her)sel(f|ves)\b|"
                 r"\b(i|i'?ve|ive|been|keep|am) (been )?self[- ]?harm",
    "overdose": r"\b(took|taken|take|swallowed|drank|drunk|had) (a load|loads|lots|a lot|too many|too much|"
                r"a whole|an entire|all)\b|\b(took|taken|swallowed) .{0,30}\b(pills|tablets|paracetamol)\b|"
                r"\bdrank (some )?(bleach|poison)|\bswallowed (some )?(bleach|poison|batter)\w*|\boverdosed\b|"
                r"\b(taken|took|had) an overdose\b|\b(took|taken|swallowed) (\d{2,}|twenty|thirty|forty|fifty) ",
    "chest-pain": r"\bchest (is |feels )?(really |very |so )?(tight|hurts|hurting)\b|\bcrushing (chest )?pain\b|"
                  r"\bpains? in (my|his|her|their) chest\b|\b(having|had|is having) a heart attack\b",
    "stroke": r"\bface (has |is )?(dropped|drooping|droops|drooped|fallen)\b|\bslurr(ed|ing)\b|"
              r"\bcan'?t (lift|raise|move) (his|her|my|their) arm\b|\b(having|had|is having) a stroke\b",
    "breathing": r"\b(can'?t|cant|cannot|can not|struggling to|unable to|not able to) breath" + _W +
                 r"|\b(isn'?t|isnt|not|stopped) breath" + _W + r"|\b(turning|gone|going|lips are) blue\b|\bchoking\b|"
                 r"\bcan'?t catch (my|his|her|their) breath\b",
    "bleeding": r"\bbleed" + _W + r" (heavily|badly|a lot|profusely)|\b(won'?t|wont|will not) stop bleeding\b|"
                r"\bblood (is )?everywhere\b|\bsevere bleeding (from|on|in)\b|\blost a lot of blood\b",
    "collapse": r"\bcollapsed\b|\bunconscious\b|\bunresponsive\b|\b(won'?t|wont) wake up\b|\bpassed out\b|"
                r"\b(isn'?t|isnt|not) respond(ing)?\b|"
                r"\bseizure (that )?(won'?t|wont|will not) stop\b|"
                r"(?:\b(?:he|she|i|i'?m|im|hes|shes|is|are|has|keeps?)|['’]s)\s+(?:been\s+|just\s+|had\s+)?(?:having|had)\s+"
                r"(?:a\s+)?(?:fit|seizure)s?\b|"
                r"(?:\b(?:is|are|hes|shes|keeps?|kept|started|been|was|were|still|now)|['’]s)\s+fitting\b(?!\s+(?:in|into|with|together|"
                r"around|for|the|a|an|their|our|its)\b)",
    "child-danger": r"\b(hits?|hitting|beats?|beating|hurting|abusing|abuses) (our|my|the|his|her) "
                    r"(child|children|kids?|son|daughter|baby|little (boy|girl))\b|"
                    r"\b(child|kid|baby) (is )?in danger\b|\bhurting my (child|kid|son|daughter|baby|little)\b",
}
SITUATIONS = {kind: re.compile(pattern, re.I) for kind, pattern in SITUATION.items()}

# Topic words that signpost only when the message is personal and not about plans or services.
TOPIC = {
    "suicide": r"\bsuicid\w*",
    "self-harm": r"\bself[- ]?harm\w*",
    "overdose": r"\boverdos\w*",
    "stroke": r"\bstroke\b",
    "chest-pain": r"\bchest pain\b|\bheart attack\b",
}
TOPICS = {kind: re.compile(pattern, re.I) for kind, pattern in TOPIC.items()}

CLINICAL = re.compile(
    r"\b(safe to (take|drink|use)|can i (take|drink|have|use)|should i (take|stop|see|go|rest|get|switch|change|swap)|"
    r"what (dose|dosage)|how (much|many) .{0,20}should i|side effects? of (my|his|her)|"
    r"(do|does|did) (i|he|she|my \w+) (need|have|get)|should i (worry|wait|get|be worried)|how long should i|"
    r"(can|should) i (take|mix) \w+ with|what'?s the best \w+ for (my|his|her)|"
    r"what (?:[\w-]+ ){0,3}(?:exercises?|stretches?|treatments?|medications?|medicines?|tablets?|painkillers?|creams?|"
    r"inhalers?|patch(?:es)?|strength|doses?) "
    r"(?:should|can|could|do) (?:i|he|she|we) (?:do|take|try|use|have)\b|"
    r"is (it|this|that|my \w+) (normal|cancer|serious|too high|too low)|"
    r"what (should|can) i (do|eat|take)|what exercises should|"
    r"(?:which|what) (?:[\w-]+ ){1,4}should i (?:ask (?:for|about)|request|get|choose|try|buy|be (?:on|given|prescribed))\b|"
    r"is it (?:ok|okay|safe|alright|all right|bad|dangerous) to (?:[\w-]+ ){1,4}?(?:with|after|while|during|on) "
    r"(?:a |an |my |his |her )?(?:[\w-]+ ){0,2}?(?:disc|back|knee|hip|injur\w*|fractur\w*|sprain\w*|sciatica|arthritis|"
    r"pregnan\w*|surgery|operation|op|replacement|condition|diabetes|asthma|copd|heart)\b|"
    r"how (do|can|should) i (treat|cure|get rid|manage|stop)|"
    r"(medication|medicine|tablets?|pills?) (help|for me)|what is it\b|can physio help me|"
    r"(my|his|her) (?:(?:lower|upper|left|right|bad|sore|bloody) )?(back|knee|neck|shoulder|hip|ankle|elbow|wrist|chest|head|"
    r"stomach|throat|blood pressure|"
    r"cholesterol|rash|cough|temperature|pain|doctor)\b|\bi('?ve| have)? (got|had|get|feel)\b)", re.I)
HEALTH = re.compile(
    r"\b(pain|ache|aching|hurts?|swollen|swelling|rash|cough|fever|temperature|tired|anxious|depress\w*|"
    r"dementia|forgetting|bleed\w*|pregnan\w*|giving birth|leak\w*|pins and needles|numb\w*|sprain\w*|"
    r"ibuprofen|paracetamol|aspirin|statins?|inhalers?|nicotine patch\w*|antibiotics?|metformin|sertraline|"
    r"amitriptyline|\w+cillin|"
    r"tablets?|pills?|medication|medicine|dose|dosage|side effects?|blood pressure|cholesterol|covid|cancer|"
    r"physio|a&e|elbow|sore|infection|diabetes|asthma|alcohol|painkillers?|surgery|operation|mole|lump|"
    r"warfarin|naproxen|co-?codamol|\w+(prazole|olol|pril|statin)|worry|worried|killing me|herniat\w*|slipped disc|"
    r"sciatica|arthritis|injur(?:y|ies|ed)|fractur\w*|tendon\w*|ligament\w*)\b|"
    r"\b(my|his|her) (?:(?:lower|upper|left|right|bad|sore) )?(back|knee|neck|shoulder|hip|ankle|wrist|pelvic floor)\b",
    re.I)

ONE_PATIENT = re.compile(
    r"\b(?:my|this|a|an|the|our)\s+(?:[\w-]+\s+){0,3}?(?:patient|client)\b(?!s|\s+(?:groups?|population|cohorts?))", re.I)
"""One patient a clinician treats ("my patient is 3 weeks post c-section", "a cardiac rehab patient with an ejection
fraction of 30%"), not patients in general."""
TREATMENT = re.compile(
    r"\b(?:is it|it'?s|are they|is (?:she|he|this))\s+(?:safe|ok|okay|advisable|appropriate)\b|"
    r"\bsafe (?:for|to)\b|\bwhat (?:dose|dosage|intensity|exercises?|treatment|medication)\b|"
    r"\b(?:exercise|training) intensity\b|\bhow (?:should|do|can|would) (?:i|we|you) (?:treat|manage|dose|progress)\b|"
    r"\bcontraindicat\w*", re.I)
"""A decision about that patient's treatment (is it safe, what dose or intensity, how to treat): a clinical judgement
the plans cannot make, whoever asks."""


OWN_CLINICAL = re.compile(
    r"\bshould i (?:start|try|begin|increase|reduce|double)\b|\b(?:can|should) (?:he|she|they) (?:take|use|have|double|"
    r"increase|stop|skip)\b|\bdouble up\b|\b(?:safe|ok|okay|best|good) for (?:me|him|her|my (?:son|daughter|mum|dad|baby|"
    r"child))\b", re.I)
"""More ways of asking about one's own treatment ("should I start an 800 calorie diet?", "can he double up the puffs?",
"what exercises are safe for me?"), used with `PipelineConfig.kind_refusals` (refusals14) beside `CLINICAL`."""
OWN_HEALTH = re.compile(r"\b(?:diagnosed|diet|calories?|puffs?)\b", re.I)


def own_clinical_question(message: str) -> bool:
    """Whether `message` asks about the asker's (or their relative's) own treatment in the ways of `OWN_CLINICAL`: the
    signposting rule's conditions (personal, not about plans or a workplace) with those words."""
    if not PERSONAL.search(message) or POLICY.search(message) or WORKPLACE.search(message):
        return False
    return bool(OWN_CLINICAL.search(message) and (HEALTH.search(message) or OWN_HEALTH.search(message)))


@dataclass(frozen=True)
class Signpost:
    """Where to send the person instead of answering: `kind` names the situation ("stroke", "clinical")."""

    kind: str
    advice: str

    @property
    def emergency(self) -> bool:
        return self.kind != "clinical"


def classify(message: str) -> Signpost | None:
    """The signposting a message needs, or None for a question to answer from the documents."""
    about_others = (POLICY.search(message) or GROUP_FIGURE.search(message)) and GENERIC.search(message) \
        and not FIRST_PERSON.search(message)
    for kind, pattern in SITUATIONS.items():
        if pattern.search(message) and not about_others:
            return Signpost(kind, _advice(kind))
    if ONE_PATIENT.search(message) and TREATMENT.search(message) and not POLICY.search(message):
        return Signpost("clinical", CLINICAL_ADVICE)
    if not PERSONAL.search(message) or POLICY.search(message) or WORKPLACE.search(message):
        return None
    professional = (PROFESSIONAL.search(message) or GROUP_FIGURE.search(message)) and not CLINICAL.search(message)
    for kind, pattern in TOPICS.items():
        if pattern.search(message) and not professional:
            return Signpost(kind, _advice(kind))
    if CLINICAL.search(message) and HEALTH.search(message):
        return Signpost("clinical", CLINICAL_ADVICE)
    return None


def _advice(kind: str) -> str:
    if kind in ("suicide", "self-harm", "overdose"):
        return CRISIS_ADVICE
    if kind == "child-danger":
        return CHILD_ADVICE
    return EMERGENCY_ADVICE


def signposting_answer(question: str) -> Answer | None:
    """The answer for a message that needs signposting (abstained, no citations), or None."""
    signpost = classify(question)
    if signpost is None:
        return None
    lead = NOT_A_CLINICIAN if signpost.emergency else "This assistant only answers questions about NHS plans."
    return Answer(question=question, answer=f"{signpost.advice} {lead}", abstained=True, citations=[],
                  safety=signpost.kind)
