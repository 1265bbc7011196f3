"""Answerable questions the refusal rules misread, answered with PipelineConfig.inscope17 (off by default; docs/history/
round-17.md "Answerable questions wrongly refused, round 17 (inscope17)"): chat spellings, a "how many" that counts
what was named before it, a count ending where a clause with its own subject begins, a named target said the way
the plans say one, a follow-up's sum, a planned year asked as "scheduled", a summary asked for as "the gist", and a
follow-up pointing back with "so", "that" or "she". Each has an out-of-scope look-alike of the same shape that is still
refused, on and off."""

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.conversation import Turn, standalone_query
from assistant.scope import corpus_text, unsupported, vocabulary

PASSAGES = [
    "Social prescribing will be built into primary care. More than 1,000 trained social prescribing link workers will "
    "be in place by the end of 2020/21.",
    "Alcohol care teams in the hospitals with the highest rates of alcohol dependence could prevent 50,000 admissions "
    "over five years.",
    "A new faster diagnosis standard from 2020 will ensure most patients receive a diagnosis or all-clear within 28 "
    "days of referral.",
    "Administrative costs across commissioners and providers are to fall by more than £700 million by 2023/24.",
    "Take-up of the annual health check for people over 14 with a learning disability will rise, so that 75% of those "
    "eligible are seen every year.",
    "For every million adults, no more than 30 people with a learning disability should be cared for in an inpatient "
    "unit.",
    "People with type 2 diabetes or hypertension who have a BMI of 30+ will get targeted support from weight "
    "management services.",
    "Mental health spending will grow faster than the NHS budget; by 2023/24 mental health funding is at least £2.3 "
    "billion a year higher in real terms.",
    "Mental health support teams in schools will cover a fifth to a quarter of the country by the end of 2023.",
    "Thrombectomy for 10% of stroke patients should mean about 1,600 more people a year living independently.",
    "The new network service specifications start in 2020 and 2021.",
    "Carers will get more support, including carer passports.",
]

ANSWERABLE = [
    "link workers - how many by end of 20/21?",  # the count names what it counts before "how many"
    "social prescribing link workers: how many and by when?",
    "alcohol care teams, how many admissions they'd prevent?",  # a clause with its own subject ends the count
    "stroke: how many more people independent as a result of thrombectomy?",
    "faster diagnosis standard how many days n when does it start",  # chat spelling of "and"
    "what's the admin cost reduction target and how much falls on commissioners?",  # "costs" names "cost"
    "learning disability health checks: what's the take-up target and from what age?",  # a second question
    "learning disability inpatients: what is the per million target for adults?",  # "no more than" states it
    "weight management support: is there a bmi threshold?",  # "a BMI of 30+" states one
    "mh support teams in schools, wot share of the country shud they cover by end of 2023, ours hasnt got one yet",
    "which network service specifications were scheduled to start in 2021?",
    "gist of what the ltp offers unpaid carers?",
]

LOOK_ALIKES = [
    ("dentists: how many and by when?", "don't give that figure"),
    ("how many dentists by the end of 20/21?", "don't give that figure"),
    ("how many dental chairs they'd buy?", "don't give that figure"),
    ("what's the dental waiting time target and from what age?", "don't give that figure"),
    ("what's the bursary the ltp offers student nurses?", "bursary"),
    ("how big was the waiting list in 2023, wot did it reach?", "2023"),
]

ON = replace(DEFAULT_CONFIG, inscope17=True)
TEXT = corpus_text(PASSAGES)
KNOWN = vocabulary(PASSAGES)


def _refusal(question: str, config=ON, context: str = ""):
    return unsupported(question, PASSAGES, 0.6, KNOWN, TEXT, best_rerank=0.9, config=config, context=context)


@pytest.mark.parametrize("question", ANSWERABLE)
def test_an_answerable_question_the_rules_misread_is_answered_with_the_switch_on(question):
    assert _refusal(question) is None


@pytest.mark.parametrize("question", ANSWERABLE)
def test_off_by_default_and_with_it_off_these_are_refused_as_before(question):
    assert DEFAULT_CONFIG.inscope17 is False
    assert _refusal(question, DEFAULT_CONFIG) is not None


@pytest.mark.parametrize(("question", "says"), LOOK_ALIKES)
def test_an_out_of_scope_look_alike_is_still_refused(question, says):
    for config in (ON, DEFAULT_CONFIG):
        refusal = _refusal(question, config)
        assert refusal is not None and says in refusal.reason


def test_a_follow_up_sum_shares_its_words_with_the_question_before():
    earlier = "does the plan promise that mental health spending grows faster than the NHS budget?"
    follow_up = "And did it say how much money that would bring in by 2023/24?"
    assert _refusal(follow_up, context=f"{earlier} {follow_up}") is None
    assert _refusal(follow_up, DEFAULT_CONFIG, context=f"{earlier} {follow_up}") is not None
    later = "And how much money would dental chairs bring in?"
    assert _refusal(later, context=f"{earlier} {later}") is not None


@pytest.mark.parametrize("question", ["so who gets the money first?", "what uptake figure is that and by what year?",
                                      "what does she tell members to actually do?"])
def test_a_follow_up_pointing_back_is_searched_for_with_the_question_before(question):
    history = [Turn("user", "what did the CSP say about cardiac rehab?"), Turn("assistant", "It welcomed it.")]
    assert standalone_query(question, history, typed=True) == f"what did the CSP say about cardiac rehab? {question}"
    assert standalone_query(question, history) == question
    assert standalone_query(question, [], typed=True) == question
