"""Questions that name things the documents never mention get an honest "not covered", naming them, instead
of a confident answer about something nearby."""

from __future__ import annotations

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.scope import out_of_scope_names, unknown_names, vocabulary

KNOWN = vocabulary([
    "Primary care networks of GP practices cover 30,000 to 50,000 people.",
    "Every system sends NHS England a draft plan by mid-September 2019.",
])


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("What are the waiting time targets for NHS Scotland?", ["Scotland"]),
        ("Does the HCPC register first contact practitioners?", ["HCPC"]),
        ("How big is a primary care network?", []),
        ("When does NHS England want the draft plan?", []),
        ("Which CCGs must send plans?", []),  # a known acronym, plural
        ("Scotland's plans?", []),  # the first word of a sentence is not taken as a name
        ("What will the workforce plan do by 2031?", ["2031"]),  # a year the documents never reach
        ("What happens by 2019?", []),
        ("How is Leeds General Infirmary involved?", ["Leeds", "Infirmary"]),  # "general", as in GP, is known
    ],
)
def test_names_the_documents_never_mention_are_found(question, unknown):
    assert unknown_names(question, KNOWN) == unknown


def test_a_close_match_is_in_scope_whatever_else_the_question_names():
    question = "What are the waiting time targets for NHS Scotland?"
    assert out_of_scope_names(question, DEFAULT_CONFIG.name_gate_similarity + 0.01, KNOWN) == []
    assert out_of_scope_names(question, DEFAULT_CONFIG.name_gate_similarity - 0.01, KNOWN) == ["Scotland"]


def test_a_year_the_documents_never_mention_is_out_of_scope_however_close_the_match():
    question = "Will the plan double the draft plans by 2031?"
    assert out_of_scope_names(question, 0.95, KNOWN) == ["2031"]
    assert out_of_scope_names("Is the draft plan due in 2019?", 0.95, KNOWN) == []


def test_question_about_a_place_the_plan_does_not_cover_abstains_naming_it(indexed):
    answer = indexed.ask("What will primary care networks in Wales look like?")
    assert answer.abstained and answer.citations == []
    assert "\u201cWales\u201d" in answer.answer


def test_in_scope_question_with_known_names_is_answered(indexed):
    answer = indexed.ask("How many people will a primary care network in NHS England cover?")
    assert not answer.abstained and "30,000 to 50,000" in answer.answer
