"""More readings of a person asking about their own (or a relative's, or one patient's) symptoms or treatment, so they
get NHS 111 / GP / pharmacist signposting instead of a policy passage handed over as if it were advice.

`assistant.safety.classify` signposts a personal message with a clinical ask ("can I take", "should I see") and a
health word. On the tuning sets about a third of the askers' own clinical questions still got through, in ways of
writing that recur: "should I up the dose / be doing / follow", "do you think I have depression", "is it ok for him to
take", "I'm on metformin", "my copd inhaler", text-speak ("shud i", "wot"), a symptom with how long it has lasted
("lower back pain 3 wks") and health words the list lacked (breathless, leaking, pelvic floor, postnatal, inhaler).
Used with `PipelineConfig.refuse17` (round 17, refuse17); the guards are safety.py's: a question naming the
plans or services, the asker's workplace, or people in general is a policy question, answered as before.
"""

from __future__ import annotations

import re

from assistant import safety
from assistant.answer import Answer
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.safety import FIRST_PERSON as _FIRST_PERSON
from assistant.safety import GENERIC, GROUP_FIGURE, HEALTH, OWN_HEALTH, PERSONAL, POLICY, PROFESSIONAL, WORKPLACE

_TEXT_SPEAK = ((re.compile(r"\bshud\b|\bshld\b|\bshd\b", re.I), "should"), (re.compile(r"\bwot\b|\bwat\b", re.I), "what"),
               (re.compile(r"\bwks?\b", re.I), "weeks"), (re.compile(r"\bmths?\b", re.I), "months"),
               (re.compile(r"\br\b", re.I), "are"), (re.compile(r"\bu\b", re.I), "you"))
"""Text-speak read as the words it stands for ("shud i up my dose", "3 wks")."""

_WHO = (r"(?:i|he|she|my (?:[\w-]+ ){0,2}?(?:son|daughter|mum|mom|dad|mother|father|wife|husband|partner|child|baby|nan|"
        r"gran\w*|patient))")
CARE_VERB = (r"(?:up|increase|reduce|lower|double|halve|start|stop|quit|try|use|using|take|taking|do|doing|follow|"
              r"following|see|seen|go|get|switch|change|swap|wait|rest|keep|avoid|continue|carry on|push|eat|drink|ask|on|"
              r"having|have|lose|book|worried|worry|concerned)\b")
"""What one person does about their own health after "should I" ("should I up the dose", "should she be on"); "should I
apply / expect / refer / offer" are a professional's questions."""
OWN_ASK = re.compile(
    rf"\bshould {_WHO} (?:just |still |really |now |also |maybe )?(?:be )?{CARE_VERB}|"
    rf"\b(?:what|which|how many|how often)\b(?: [\w'-]+){{0,6}}? (?:should|do|can|must) {_WHO} (?:be )?"
    r"(?:do|doing|follow|following|use|using|take|taking|try|trying|have|having|ask|get|on)\b|"
    r"\bwhat (?:do|should|can) i do\b|"
    rf"\bdo you think {_WHO}\b|\b(?:do|does|did) {_WHO} (?:have|need|have got)\b|\bhave i got\b|"
    r"\b(?:could|might) (?:it|this|that|i) (?:be|have)\b|"
    r"\b(?:is it|it'?s|is that|is this) (?:ok|okay|safe|alright|all right|fine|bad|normal|dangerous)"
    r"(?: for (?:me|him|her|them|my \w+))? to\b|"
    r"\b(?:safe|ok|okay|best|good|right|bad) for (?:me|him|her|my (?:[\w-]+ ){0,2}?(?:son|daughter|mum|mom|dad|baby|child|"
    r"wife|husband|partner|patient))\b|"
    r"\b(?:i'?m|im|i am|he'?s|she'?s|he is|she is|they'?re) (?:on|taking) (?:[\w-]+ ){0,2}?(?:\d+ ?mg\b|[a-z]+(?:in|ol|ide|"
    r"pril|statin|prazole|mab|amine|oxetine|pine|one))\b|"
    r"\bmy (?:[\w-]+ ){0,2}?(?:inhaler|tablets|meds|medication|medicines?|pills|dose|insulin|sugars|hba1c|symptoms?|"
    r"puffs|prescription)\b|"
    r"\b(?:can|could) (?:i|he|she) (?:take|have|use|double|stop|skip|increase|reduce|switch|try)\b",
    re.I)
"""A question about what one person should do or has: "should I up the dose", "which exercises should I be doing", "do
you think I have depression", "is it ok for him to take ibuprofen", "I'm on metformin", "my copd inhaler"."""

SYMPTOM = re.compile(
    r"\b(?:breathless\w*|short of breath|wheez\w*|tight(?:ness)?|incontinen\w*|pelvic (?:floor|girdle)|postnatal|"
    r"post[- ]?partum|c[- ]?section|caesarean|copd|inhalers?|salbutamol|stent|hba1c|sugars|weight|eating|sleep|"
    r"feeling (?:really |very |so )?low|low mood|symptoms?|exercises?|reps|squeezes|rehab|vap(?:e|es|ing)|smok\w*|"
    r"infections?|dizz\w*|palpitations|migraines?|headaches?|stiff\w*|weak)\b", re.I)
"""Health words `safety.HEALTH` lacks, which a person writes about their own body."""

_DURATION = re.compile(r"\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several) (?:days?|weeks?|"
                       r"months?|years?)(?: ago| now| postnatal| post[- ]?partum| pregnant| after| since)?\b|"
                       r"\bsince (?:the )?(?:birth|my|having|giving birth)\b|\bafter (?:my|a|the) (?:baby|birth|c[- ]?section)\b",
                       re.I)
"""How long the asker has had something ("3 weeks", "since birth", "6 months postnatal"): said only of one person."""
_ASKS_WHAT_TO_DO = re.compile(r"\b(?:which|what) (?:[\w-]+ ){0,3}?(?:exercises?|stretches|treatments?|routine|programme)\b|"
                              r"\bwhat (?:do|should|can) i do\b|\bhow many (?:[\w-]+ ){0,2}?(?:reps|squeezes|sets)\b", re.I)


ONE_PERSONS = re.compile(r"\bhow many (?:[\w-]+ ){0,2}?(?:reps|squeezes|times|puffs|tablets|sets|minutes|hours)\b|"
                          r"\b(?:exercise|rehab|training|pelvic floor|walking|home) programmes?\b", re.I)
"""A count or programme of one person's exercise ("how many reps", "what exercise programme"): not a group's figure
(`safety.GROUP_FIGURE`) nor a national programme (`safety.POLICY`)."""


NOT_HEALTH = re.compile(r"physio\w*|a&e|worr\w*|alcohol|surgery|operation|rehab|symptoms?", re.I)
"""Words of `safety.HEALTH` and `SYMPTOM` that a physio or manager uses of their work ("should I be worried about
physio jobs", "do I need to offer physio first contact", "my GP surgery"): not, alone, a sign of a health question."""


_AT_WORK = re.compile(r"\bi work (?:in|on|at|for|as|with)\b|\bour (?:exercises?|programmes?|clinics?|classes)\b", re.I)
_WORK_HEALTH = re.compile(r"exercises?|reps|stiff\w*|weak|weight|eating|sleep|smok\w*|vap\w*", re.I)
"""Health words that, from someone speaking as a professional, are their work ("I work in cardiac rehab, do I need to
change our exercises?"); a symptom of their own still counts ("I'm a nurse, but I'm still leaking ...")."""


def read_text_speak(message: str) -> str:
    """`message` with text-speak spelt out."""
    for pattern, word in _TEXT_SPEAK:
        message = pattern.sub(word, message)
    return message


def speaks_from_work(text: str) -> bool:
    """The asker speaks as a professional ("I work in cardiac rehab"): exercises and rehab are their work."""
    return bool(PROFESSIONAL.search(text) or _AT_WORK.search(text))


def _people_in_general(text: str) -> bool:
    """About people in general ("what should patients with COPD do"), with no first person to make it one's own."""
    return bool(GENERIC.search(text) and not _FIRST_PERSON.search(text))


def _health_words(text: str, at_work: bool) -> bool:
    """Whether `text` has a health word that is not, alone, a professional's work word (`NOT_HEALTH`, `_WORK_HEALTH`)."""
    return any(not NOT_HEALTH.fullmatch(m.group(0)) and not (at_work and _WORK_HEALTH.fullmatch(m.group(0)))
               for pattern in (HEALTH, OWN_HEALTH, SYMPTOM) for m in pattern.finditer(text))


def own_care(message: str) -> bool:
    """Whether `message` asks about the asker's own (a relative's, one patient's) symptoms or treatment in one of the
    ways above, and is not about plans, services, a workplace or people in general."""
    text = read_text_speak(message)
    guarded = ONE_PERSONS.sub(" ", text)
    if POLICY.search(guarded) or WORKPLACE.search(text) or GROUP_FIGURE.search(guarded) or _people_in_general(text):
        return False
    if not _health_words(text, speaks_from_work(text)):
        return False
    if PERSONAL.search(text) and OWN_ASK.search(text):
        return True
    return bool(_DURATION.search(text) and _ASKS_WHAT_TO_DO.search(text))  # "lower back pain 3 wks which exercises"


_PLANS_ONLY = "This assistant only answers questions about NHS plans."


def signposting_answer(question: str, config: PipelineConfig = DEFAULT_CONFIG) -> Answer | None:
    """`safety.signposting_answer`, and with `config.refuse17` the clinical signposting for a question
    `own_care` reads as the asker's own: NHS 111 / GP / pharmacist, no passages (round 18's further readings,
    clinical18, were removed in round 26)."""
    answer = safety.signposting_answer(question)
    if answer is not None or not config.refuse17:
        return answer
    if not own_care(question):
        return answer
    return clinical_answer(question)


def clinical_answer(question: str) -> Answer:
    """The clinical signposting answer: NHS 111 / GP / pharmacist, abstained, no citations."""
    return Answer(question=question, answer=f"{safety.CLINICAL_ADVICE} {_PLANS_ONLY}", abstained=True, citations=[],
                  safety="clinical")
