"""A one-fact answer shows no statement a completing stage added that names nothing asked (round 24, `short24`, off).

The pipeline spec asks the bundled corpus (conftest.bundled_assistant, shared with other files) a tuning probe's date
question whose default answer leads with the date and gains clinical21's sentence about NHSmail for care home staff,
which names nothing the question asked.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer_style import first_sentence
from assistant.config import DEFAULT_CONFIG
from assistant.unasked_added import kept, kept_kinds

OFF = DEFAULT_CONFIG
ON = replace(DEFAULT_CONFIG, short24=True)
CARE_HOMES = "By when should care home residents who'd benefit get stronger NHS support, including rehab from therapists?"


def test_the_added_statement_naming_nothing_asked_goes_only_with_the_switch_on(bundled_assistant):
    assert not OFF.short24  # off by default
    off = bundled_assistant.with_config(OFF).ask(CARE_HOMES)
    on = bundled_assistant.with_config(ON).ask(CARE_HOMES)
    assert "NHSmail" in off.answer
    assert "NHSmail" not in on.answer
    assert "2023/24" in first_sentence(on.answer)  # the fact kept, first
    assert first_sentence(on.answer) == first_sentence(off.answer)
    assert len(on.answer) < len(off.answer)
    assert re.fullmatch(r"[A-Z][^\[]*\. (\[\d\])+", on.answer.strip())  # one sentence: a capital, a full stop, cited
    assert all(f"[{c.n}]" in on.answer for c in on.citations)


DATE = "By when should care home residents get stronger NHS support?"
LEAD = "By 2023/24 every care home resident who would benefit is to receive stronger NHS support."
NHSMAIL = "Care home staff will also get NHSmail, giving them a secure way to contact local NHS teams."


def test_an_added_statement_naming_nothing_asked_goes_and_the_lead_stays():
    assert kept(DATE, [LEAD, NHSMAIL], [False, True]) == [0]
    assert kept(DATE, [LEAD, NHSMAIL], [False, False]) == [0, 1]  # chosen, not added: left alone


def test_an_added_statement_naming_a_question_word_the_rest_lack_stays():
    question = "who at leicester commented on the cardiac rehab target?"
    lead = "For the CSP, the plan (out on 7 January 2019) is a major breakthrough for the profession."
    singh = "Sally Singh, based at University Hospitals of Leicester, welcomed the plan's backing for cardiac rehab."
    assert kept(question, [lead, singh], [False, True]) == [0, 1]


def test_an_added_statement_stating_an_asked_date_the_rest_lack_stays_while_dates_are_kept():
    lead = "Every care home resident who would benefit is to receive stronger NHS support."
    dated = "The Enhanced Health in Care Homes model is to be rolled out everywhere by 2023/24."
    assert kept(DATE, [lead, dated], [False, True], kept_kinds(amounts=False, dates=True, unasked=False)) == [0, 1]
    assert kept(DATE, [lead, dated], [False, True], kept_kinds(amounts=False, dates=False, unasked=False)) == [0]


def test_added_statements_are_judged_last_first_against_what_is_kept():
    question = "By when will care home staff get NHSmail?"
    again = "NHSmail is being offered to care home staff."
    assert kept(question, [LEAD, NHSMAIL, again], [False, True, True]) == [0, 1]  # one of the two naming NHSmail


def test_an_added_statement_the_next_leans_on_stays():
    leaning = "They will also get training to use it."
    assert kept(DATE, [LEAD, NHSMAIL, leaning], [False, True, False]) == [0, 1, 2]


CHILD_PROTECTION = "safeguarding lead here, when does the child protection info system have to reach GP surgeries"
CPIS = "The Child Protection Information system is to reach all healthcare settings, general practices included, by 2022/23."
SAFEGUARDING = ("On security and safeguarding, every NHS organisation is to meet the cyber security standards, and the "
                "Child Protection Information system to reach every healthcare setting, general practices included, by "
                "2022/23.")


def test_a_lead_an_added_statement_restates_goes_only_with_restated_lead():
    assert kept(CHILD_PROTECTION, [CPIS, SAFEGUARDING], [False, True], restated_lead=True) == [1]
    assert kept(CHILD_PROTECTION, [CPIS, SAFEGUARDING], [False, True]) == [0, 1]
    assert kept(CHILD_PROTECTION, [CPIS, SAFEGUARDING], [False, False], restated_lead=True) == [0, 1]  # none added


def test_a_lead_holding_what_the_rest_lack_or_leaned_on_stays():
    dated = CPIS.replace("2022/23", "2021/22")  # a date the rest do not state
    assert kept(CHILD_PROTECTION, [dated, SAFEGUARDING], [False, True], restated_lead=True) == [0, 1]
    leaning = "These safeguarding rules reach the Child Protection Information system, general practices included, by 2022/23."
    assert kept(CHILD_PROTECTION, [CPIS, leaning], [False, True], restated_lead=True) == [0, 1]  # points back
