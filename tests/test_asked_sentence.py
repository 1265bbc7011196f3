"""A one-fact question asking for a kind of fact (money, a date, a count, who) gets the sentence of its cited
passages stating it, when its answer states none (round 23, `asked23`, off by default).

The bundled corpus is indexed with the real models (conftest.bundled_assistant, shared with other files): "is there
money for pelvic health physio after birth?" is answered by default with the opt-in and the plan's promise of better
access, while the cited passage's sentence saying early adopters get targeted funding is left out.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.asked_sentence import wanted_kinds, with_asked
from assistant.config import DEFAULT_CONFIG

OFF = DEFAULT_CONFIG
ON = replace(DEFAULT_CONFIG, asked23=True)
PELVIC_MONEY = "is there money for pelvic health physio after birth?"
UNTOUCHED = "Does the long term plan say anything about postnatal physio?"


def test_the_pelvic_health_money_question_states_the_funding_only_with_the_switch_on(bundled_assistant):
    assert not OFF.asked23  # off by default
    off = bundled_assistant.with_config(OFF).ask(PELVIC_MONEY)
    on = bundled_assistant.with_config(ON).ask(PELVIC_MONEY)
    assert "funding" not in off.answer.lower()
    assert "funding" in on.answer.lower()
    assert on.answer.split(". ")[0] == off.answer.split(". ")[0]  # the lead stays first


def test_a_question_asking_for_no_kind_of_fact_is_unchanged(bundled_assistant):
    assert wanted_kinds(UNTOUCHED) == set()
    assert bundled_assistant.with_config(ON).ask(UNTOUCHED).answer == \
        bundled_assistant.with_config(OFF).ask(UNTOUCHED).answer


LEAD = ("Postnatal physiotherapy is one of the opt-in initiatives.", [0])
SECOND = ("The plan promises better access to postnatal physiotherapy.", [0])
FUNDED = "Early adopter systems get targeted funding, with rollout money later."
DATED = "Systems had to decide in summer 2019."
CANDIDATES = [(0, LEAD[0]), (0, SECOND[0]), (0, FUNDED), (1, DATED), (3, "An uncited passage gives £5 million.")]
RANKED = [3.0, 2.8, 2.5, 2.9, 3.1]
ASK = "is there money for it?"


def test_the_sentence_stating_the_asked_kind_takes_the_last_statement_s_place_or_joins_a_lone_one():
    shown = [LEAD, SECOND]
    assert with_asked(ASK, shown, CANDIDATES, RANKED, 1.0, 300, 450) == [LEAD, (FUNDED, [0])]
    assert with_asked(ASK, [LEAD], CANDIDATES, RANKED, 1.0, 300, 450) == [LEAD, (FUNDED, [0])]
    assert with_asked(ASK, [LEAD], CANDIDATES, RANKED, 1.0, 300, 100) == [LEAD]  # too long with it
    assert with_asked(ASK, shown, CANDIDATES, RANKED, 0.3, 300, 450) == shown  # read too far from the best
    assert with_asked("when did systems decide?", shown, CANDIDATES, RANKED, 1.0, 300, 450) == shown  # uncited
    assert with_asked("what does it say about it?", shown, CANDIDATES, RANKED, 1.0, 300, 450) == shown  # no kind
    assert with_asked("list the money for it", shown, CANDIDATES, RANKED, 1.0, 300, 450) == shown  # a list


def test_an_answer_stating_the_kind_changes_only_when_the_stating_sentence_reads_better_by_the_margin():
    funded_lead = ("Postnatal physiotherapy gets funding later.", [0])
    shown = [funded_lead, SECOND]
    candidates = [(0, funded_lead[0]), *CANDIDATES[1:]]
    assert with_asked(ASK, shown, candidates, RANKED, 1.0, 300, 450) == shown  # already states money
    assert with_asked(ASK, shown, candidates, RANKED, 1.0, 300, 450, margin=-1.0) == [funded_lead, (FUNDED, [0])]
    stating_second = [LEAD, ("The plan's funding comes later.", [0])]
    assert with_asked(ASK, stating_second, CANDIDATES, RANKED, 1.0, 300, 450, margin=-1.0) == stating_second


def test_who_is_asked_by_a_question_not_by_a_relative_clause():
    assert "who" in wanted_kinds("who at the CSP called the target ambitious?")
    assert "who" in wanted_kinds("and who gets the money first?")
    assert "who" not in wanted_kinds("what does it say about smokers who get admitted to hospital?")


def test_a_share_answers_how_far_so_the_statement_holding_it_stays():
    lead = ("Patients will be able to go directly to first contact practitioners.", [0])
    pilots = ("FCP pilot sites are confirmed in 98% of STPs and 55% of pilots have started.", [0])
    burden = "MSK conditions cost over 30 million working days a year."
    candidates = [(0, lead[0]), (0, pilots[0]), (0, burden)]
    question = "how far along were the FCP pilots?"
    assert with_asked(question, [lead, pilots], candidates, [3.0, 2.9, 2.8], 1.0, 300, 450) == [lead, pilots]
