"""finder23: the programme finder filters on a question's real topic words only, so two wordings of "which are the
foundational commitments?" list the same, full set, and a question about national programmes the catalogue does not
hold ("... support local maternity systems") is answered from the passages, not with unrelated catalogue entries. On by
default since round 23's focused pool; "before" answers turn it off by name."""

from __future__ import annotations

from dataclasses import replace

import pytest
import test_programme_scope as scope_tests
import test_programmes as finder_tests

from assistant.config import DEFAULT_CONFIG
from assistant.programmes import TYPES, chosen_programmes

FOUNDATIONAL = ("What are the foundational programmes every system must deliver?",
                "what are the foundational commitments?")
NOT_IN_CATALOGUE = "Which national programmes support Local Maternity Systems under the framework?"
CATALOGUE_LEAD = "These Long Term Plan programmes match your question"


@pytest.fixture(scope="module")
def bundled_on(bundled_assistant):
    assert DEFAULT_CONFIG.finder23
    return bundled_assistant


@pytest.fixture(scope="module")
def bundled_off(bundled_assistant):
    return bundled_assistant.with_config(replace(DEFAULT_CONFIG, finder23=False))


def test_two_foundational_wordings_list_every_foundational_programme(bundled_off, bundled_on):
    every = [p.name for p in bundled_on.programmes() if p.type == "foundational"]
    assert len(every) > 2
    before = [bundled_off.ask(q).answer for q in FOUNDATIONAL]
    assert before[0] != before[1], "without finder23 the scaffolding words pick two different pairs"
    after = [bundled_on.ask(q) for q in FOUNDATIONAL]
    assert after[0].answer == after[1].answer
    assert all(name in after[0].answer for name in every)
    assert [c.passage_id for c in after[0].citations] == [c.passage_id for c in after[1].citations]


def test_a_national_programme_question_the_catalogue_lacks_is_answered_from_passages(bundled_off, bundled_on):
    assert bundled_off.ask(NOT_IN_CATALOGUE).answer.startswith(CATALOGUE_LEAD), "without finder23: the catalogue"
    answer = bundled_on.ask(NOT_IN_CATALOGUE)
    assert not answer.abstained
    assert not answer.answer.startswith(CATALOGUE_LEAD)
    assert "Cardiac rehabilitation (national)" not in answer.answer


def test_a_type_with_a_real_topic_still_narrows(bundled_on):
    programmes = bundled_on.programmes()
    chosen = chosen_programmes("Which opt-in programmes are about stroke?", programmes, "opt-in")
    assert [p.name for p in chosen] == ["Post-hospital stroke rehabilitation"]
    assert set(TYPES) >= {p.type for p in programmes}


@pytest.fixture(scope="module")
def indexed_on(indexed):
    return indexed.with_config(replace(DEFAULT_CONFIG, finder23=True))


FINDER_CHAT_TESTS = (finder_tests.test_chat_answers_opt_in_question_from_the_catalogue,
                     finder_tests.test_chat_answers_foundational_question_from_the_catalogue,
                     scope_tests.test_a_plain_programme_question_is_still_answered_by_the_finder)
"""The tests pinning the programme finder's chat answers, which a switch touching the finder must pass unchanged."""


@pytest.mark.parametrize("test", FINDER_CHAT_TESTS)
def test_the_finders_chat_tests_pass_with_finder23(indexed_on, test):
    test(indexed_on)


@pytest.mark.parametrize("question", ["Which opt-in programmes has Northfield Royal Infirmary NHS Trust joined as an "
                                      "early adopter?", "Which programmes can a health board in Wales opt into?"])
def test_the_scope_refusals_stand_with_finder23(indexed_on, question):
    scope_tests.test_a_programme_question_about_one_trust_or_another_nation_is_refused(indexed_on, question)


def test_the_csp_opt_in_question_lists_all_three_programmes(bundled_off, bundled_on):
    """"did the CSP flag as relevant" once filtered the list by "flag" and "relevant": not all three were named."""
    question = "Which opt-in programmes did the CSP flag as relevant to physio?"
    three = ("pelvic health", "stroke rehabilitation", "pulmonary rehabilitation")
    assert not all(item in bundled_off.ask(question).answer.lower() for item in three)
    answer = bundled_on.ask(question)
    assert all(item in answer.answer.lower() for item in three) and len(answer.citations) == 3
