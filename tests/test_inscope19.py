"""PipelineConfig.inscope19 (off by default; docs/history/round-19.md "Answerable questions wrongly refused, round 19
(inscope19)"): a refusal one weak signal decided is looked at again. The figure gate's refusal of a question the
learned signal is sure the documents cover is overruled; a question in a conversation refused on its own words is
searched for again with the question before it. Out-of-scope questions of the same shapes stay refused.

The bundled corpus is indexed with the real models (conftest.bundled_assistant, shared with other files): the
learned signal was fitted to the bundled documents' retrieval scores, so the small test corpus would not show what
it does."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.conversation import Turn
from assistant.evaluate import contains_facts
from assistant.refusal import Refusal
from assistant.refusal_second_look import overrules_figure_gate, with_question_before

ON = replace(DEFAULT_CONFIG, inscope19=True)

FIGURE_GATE = "stroke: what thrombectomy rate is the plan aiming for and how many more people independent as a result?"
"""Probe 21 (b21-031): the gate looked for a count of "more people independent" and found none; the passage says
"1,600 more people each year being independent"."""
NEAR_MISS = "how many extra midwives does the ltp promise to recruit?"
"""Probe 9 (b9-123), out of scope: the plan gives no number of midwives; the learned signal is not sure it is covered."""
CARDIAC = [{"role": "user", "content": "what was the CSP's take on cardiac rehab in the long term plan?"},
           {"role": "assistant", "content": "The CSP welcomed the plan's push on cardiac rehab, including its aim for "
                                            "uptake to rank among the best in Europe."}]
FOLLOW_UP = "what uptake figure is that and by what year?"
"""Probe 22 (b22-029): searched for on its own words, no passage is close enough."""
SPECS = [{"role": "user", "content": "which pcn service specs were due to start in april 2020?"},
         {"role": "assistant", "content": "Structured medication reviews, enhanced health in care homes, anticipatory "
                                          "care, personalised care and supporting early cancer diagnosis."}]
ANOTHER_NATION = "does the fcp rollout in the plan apply to scotland as well?"
"""Probe 14 (b14-029's second question), out of scope: asked after an in-scope question, still about Scotland."""


def test_off_by_default():
    assert DEFAULT_CONFIG.inscope19 is False


def test_only_the_figure_gate_is_overruled_and_only_when_the_signal_is_sure():
    figure = Refusal("The documents don't give that figure: ...", figure=True)
    assert overrules_figure_gate(figure, 0.01, ON)
    assert not overrules_figure_gate(figure, 0.2, ON)
    assert not overrules_figure_gate(figure, None, ON)  # the signal cannot be read for this index
    assert not overrules_figure_gate(Refusal("They never mention Wales."), 0.0, ON)
    assert not overrules_figure_gate(figure, 0.01, DEFAULT_CONFIG)


def test_a_second_search_folds_in_the_question_before_once():
    history = [Turn("user", "cardiac rehab ambition per the CSP briefing?"), Turn("assistant", "85% by 2028.")]
    question = "whats the payback in admissions avoided?"
    assert with_question_before(question, history, question, ON) == f"{history[0].content} {question}"
    assert with_question_before(question, history, f"{history[0].content} {question}", ON) is None  # folded already
    assert with_question_before(question, [], question, ON) is None
    assert with_question_before(question, history, question, DEFAULT_CONFIG) is None
    assert with_question_before(question, history, question, replace(ON, inscope19_follow_ups=False)) is None


@pytest.mark.slow
def test_a_figure_the_gate_missed_is_answered_with_the_switch_on(bundled_assistant):
    assert bundled_assistant.ask(FIGURE_GATE).abstained
    answer = bundled_assistant.with_config(ON).ask(FIGURE_GATE)
    assert not answer.abstained and contains_facts(answer.answer, ("1,600",))


@pytest.mark.slow
def test_a_figure_the_documents_lack_is_still_refused(bundled_assistant):
    assert bundled_assistant.ask(NEAR_MISS).abstained
    assert bundled_assistant.with_config(ON).ask(NEAR_MISS).abstained


@pytest.mark.slow
def test_a_follow_up_refused_on_its_own_words_is_answered_from_the_conversation(bundled_assistant):
    # followup22 (on since round 23) searches this follow-up with the question before it too: off here.
    assert bundled_assistant.with_config(replace(DEFAULT_CONFIG, followup22=False)).ask(FOLLOW_UP, CARDIAC).abstained
    without = replace(ON, inscope19_follow_ups=False, followup22=False)
    assert bundled_assistant.with_config(without).ask(FOLLOW_UP, CARDIAC).abstained
    answer = bundled_assistant.with_config(ON).ask(FOLLOW_UP, CARDIAC)
    assert not answer.abstained and contains_facts(answer.answer, ("85%", "2028"))


@pytest.mark.slow
def test_another_nation_asked_in_a_conversation_is_still_refused(bundled_assistant):
    assert bundled_assistant.ask(ANOTHER_NATION, SPECS).abstained
    answer = bundled_assistant.with_config(ON).ask(ANOTHER_NATION, SPECS)
    assert answer.abstained and "Scotland" in answer.answer
