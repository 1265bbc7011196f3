"""PipelineConfig.refuse17's second part: refusals14's rules by kind (assistant/scope_kinds.py) without the
lower-case-body rule. With it on, a question resting on a change the documents never made, or asking what applies this
financial year, is refused; a question naming a body in lower case is left to the other rules (that rule refused
answerable questions); with it off all are answered as before (on by default since round 17's fresh pool)."""

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.scope import corpus_text, unsupported, vocabulary

PASSAGES = [
    "Every system will set out how it will expand first contact physiotherapy in primary care networks, with funding "
    "for first contact practitioners through the Additional Roles Reimbursement Scheme from 2020/21.",
    "Integrated care systems will have a partnership board drawn from the organisations in the system, with a "
    "non-executive chair.",
    "NHS England's revenue budget rises by £20.5 billion in real terms by 2023/24.",
]
ON = replace(DEFAULT_CONFIG, refuse17=True)
OFF = replace(DEFAULT_CONFIG, refuse17=False)
REFUSED = [
    ("since the framework made fcp rollout optional, how do we opt in to it?", "never say the plan did that"),
    ("what's nhs england's total budget for this financial year", "what applies now"),
]
BODY_NAMED = "who chairs ics board"


def refusal(question, config):
    return unsupported(question, PASSAGES, 0.6, vocabulary(PASSAGES), corpus_text(PASSAGES), best_rerank=0.9,
                       config=config)


@pytest.mark.parametrize(("question", "says"), REFUSED)
def test_on_the_question_is_refused_saying_why(question, says):
    assert refusal(question, OFF) is None  # answered with the switch off
    found = refusal(question, ON)
    assert found is not None and says in found.reason


def test_on_a_body_named_in_lower_case_is_not_refused_as_kind_refusals_would():
    assert refusal(BODY_NAMED, replace(OFF, kind_refusals=True)) is not None
    assert refusal(BODY_NAMED, ON) is None
