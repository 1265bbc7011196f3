"""Answerable questions typed the way people type them are not refused with PipelineConfig.answerable_reading (on by
default since round 16's pooled confirmation set; docs/history/round-15.md "Answerable questions wrongly refused
(inscope15)"): everyday words for people, a count followed by a second question, "how much has X dropped", "did the
csp report that ...", and two names joined by "and". Each has an out-of-scope look-alike that is still refused."""

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.scope import unsupported, vocabulary

PASSAGES = [
    "Social prescribing will be built into primary care. More than 1,000 trained social prescribing link workers will "
    "be in place by the end of 2020/21. The aim is that over 900,000 people are referred to social prescribing schemes "
    "by 2023/24.",
    "The target is that by 2023/24 a further 345,000 or more people aged 0-25 can get help, either from NHS-funded "
    "mental health services or from the new Mental Health Support Teams based in schools and colleges.",
    "Every maternity unit in England adopts the Saving Babies' Lives Care Bundle in 2019; stillbirths have already "
    "fallen by 20% in units using the bundle.",
    "Around 1,000 more children with severe complications related to their obesity will be treated each year.",
    "A new faster diagnosis standard from 2020 will ensure most patients receive a diagnosis or all-clear within 28 "
    "days of referral.",
    "The CSP noted in July 2019 that the Implementation Framework had been published. Systems should join up NHS 111 "
    "and urgent treatment centres (UTCs).",
]

ANSWERABLE = [
    "ltp target for social prescribing link workers and how many ppl get referred?",
    "according to the implementation framework how many more kids with severe obesity complications get treated",
    "how many more 0-25 year olds should get mental health support by 2023/24 under the long term plan?",
    "maternity lead: how much have stillbirths dropped in units using the saving babies lives bundle?",
    "what's the faster diagnosis standard for cancer - how many days and when does it start?",
    "when did the csp report that the implementation framework had come out",
    "what does the framework want ics's to do with NHS 111 and UTCs",
]

LOOK_ALIKES = [
    ("how many dentists do kids see each year?", "don't give that figure"),
    ("how much does the saving babies lives bundle cost per unit?", "don't give that figure"),
    ("how many ambulances and when will they arrive?", "don't give that figure"),
    ("what did the fuller review find about the csp?", "fuller review"),
    ("what does the framework want from NHS 24 and Wales Trusts?", "NHS Wales"),
]


ON = replace(DEFAULT_CONFIG, answerable_reading=True)
OFF = replace(DEFAULT_CONFIG, answerable_reading=False)


def _refusal(question: str, config=ON):
    text = " ".join(PASSAGES)
    return unsupported(question, PASSAGES, 0.55, vocabulary(PASSAGES), text.lower().replace("-", " "),
                       best_rerank=0.9, config=config)


@pytest.mark.parametrize("question", ANSWERABLE)
def test_an_answerable_question_typed_as_people_type_it_is_answered(question):
    assert _refusal(question) is None


@pytest.mark.parametrize("question", ANSWERABLE)
def test_on_by_default_and_with_it_off_these_are_refused_as_before(question):
    assert DEFAULT_CONFIG.answerable_reading is True
    assert _refusal(question, OFF) is not None


@pytest.mark.parametrize(("question", "says"), LOOK_ALIKES)
def test_an_out_of_scope_look_alike_is_still_refused(question, says):
    refusal = _refusal(question)
    assert refusal is not None and says in refusal.reason
    refusal = _refusal(question, OFF)
    assert refusal is not None and says in refusal.reason
