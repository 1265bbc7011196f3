"""Refusals by kind of question (assistant/scope_kinds.py), on with `PipelineConfig.kind_refusals` and off by default:
each kind refuses questions outside the documents whatever passage matches, and leaves the near questions that are
inside them alone."""

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.premise import KIND_FAMILIES, KIND_PATTERNS, unsupported_premise
from assistant.safety import classify, own_clinical_question
from assistant.scope import unsupported, vocabulary
from assistant.scope_kinds import kind_refusal

REFUSED = [
    ("nhs no 485 777 3456 - has my personal health budget been approved yet?", "can't see or act on your own care"),
    ("i was born 14/03/1971, nhs no 485 777 3456 - when will i be called for bowel screening?", "your own care"),
    ("my email is tom.r@nhs.net and membership no 204417, am i on the csp pelvic health network list?", "your own care"),
    ("has university hospitals of leicester met its cardiac rehab uptake target yet", "written in 2019"),
    ("did north east london ics submit its five year plan on time and what was in it", "whether it happened"),
    ("did cornwall and isles of scilly STP get its five year plan in on time?", "single trust"),
    ("how do i set up a limited company to do locum gp work?", "supplier"),
    ("can you recommend which electronic patient record vendor we should buy", "supplier"),
    ("NI trust planning manager - what five year plan deadlines apply to us under the implementation framework?",
     "Northern Ireland"),
    ("what's the total nhs england budget for this financial year", "what applies now"),
    ("what does the 2020 we are the nhs people plan promise on flexible working?", "People Plan of 2020"),
    ("diagnosed type 2 last month - should i start an 800 calorie a day diet?", "NHS 111"),
    ("my dad's COPD inhaler doesn't seem to work anymore, can he double up the puffs?", "pharmacist"),
]
ANSWERED = [
    "my email is jo@example.com, when are final system plans due?",
    "my email is a@example.com - can I get a copy of the framework?",
    "by when must systems submit their five year plans?",
    "what happens if a system does not submit its plan on time?",
    "does the plan recommend a single EPR system for each ICS?",
    "I trained in Wales - what does the long term plan say about physio roles?",
    "what does the plan say about uni students?",
    "what does the plan say about diet and type 2 diabetes prevention?",
]


@pytest.mark.parametrize(("question", "says"), REFUSED)
def test_each_kind_is_refused_with_a_reason_that_says_why(question, says):
    found = "university hospitals of leicester in north east london ics"  # a passage naming the body: its outcome
    refusal = kind_refusal(question, found, found)
    assert refusal is not None and says in refusal.reason, question


@pytest.mark.parametrize("question", ANSWERED)
def test_near_questions_inside_the_documents_are_left_alone(question):
    assert kind_refusal(question, "", "") is None


def test_off_by_default_and_on_with_the_field():
    question = "did cornwall and isles of scilly STP get its five year plan in on time?"
    passages = ["Five year plans. Systems will submit their five year plans by autumn 2019."]
    args = (question, passages, 0.7, vocabulary(passages), " ".join(passages).lower())
    assert DEFAULT_CONFIG.kind_refusals is False
    off = replace(DEFAULT_CONFIG, refuse17=False)  # refuse17 (on) reads the same kinds, bar lower-case bodies
    assert unsupported(*args, config=off) is None
    assert unsupported(*args, config=replace(off, kind_refusals=True)) is not None


def test_a_stand_or_change_the_passages_never_report_is_a_false_premise():
    found = "the csp welcomes the expansion of first contact physiotherapy. halving stillbirths by 2025 remains the aim."
    for question in ("why did the csp oppose first contact physiotherapy in the long term plan",
                     "why did the csp come out against the first contact physio model in the ltp?",
                     "why did the plan give up on halving stillbirths by 2025?",
                     "since the framework made FCP rollout optional, how does our system opt in to it?"):
        assert unsupported_premise(question, found, KIND_PATTERNS, KIND_FAMILIES), question
    reported = "the csp has raised concerns about and opposes the cut to physiotherapy posts in the plan."
    assert unsupported_premise("why did the csp oppose the cut to physiotherapy posts?", reported, KIND_PATTERNS,
                               KIND_FAMILIES) is None


def test_the_end_of_a_year_is_no_scrapping():
    found = "the guarantee of at least £4.5bn more for primary and community care by the end of 2023/24."
    question = "why did the ltp scrap the £4.5bn guarantee for primary and community care?"
    assert unsupported_premise(question, found) is None  # the default rule reads "the end of" as ending it
    assert unsupported_premise(question, found, KIND_PATTERNS, KIND_FAMILIES)


def test_own_clinical_questions_leave_crisis_signposting_as_it_was():
    assert own_clinical_question("i'm 30 weeks pregnant with bad pelvic girdle pain, what exercises are safe for me")
    assert not own_clinical_question("what does the plan say about safe exercise in pregnancy for our patients?")
    assert classify("my dad's face has dropped and he's slurring his words").kind == "stroke"
