"""PipelineConfig.inscope21 (off by default; docs/history/round-21.md "Answerable questions wrongly refused, round 21
(inscope21)"): inscope20, plus any refusal rule's refusal dropped when the learned signal is sure the documents cover
the question, for the rules that read the question's time (now, a later year, an outcome, a later document). A rule
that misreads a word ("the new contract" read as a later document) no longer refuses an answerable question; the
same rules still refuse an out-of-scope question of the same shape, which the learned signal does not think covered,
and the rules that read the subject (pay, names the documents never use) stand whatever the signal says.

The bundled corpus is indexed with the real models (conftest.bundled_assistant): the refusal rules and the learned
signal were fitted to the bundled documents' scores."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.conversation import Turn
from assistant.evaluate import contains_facts
from assistant.refusal import Refusal
from assistant.refusal_overrule import overrules_rules
from assistant.refusal_second_look import overrules_figure_gate, with_question_before

ON = replace(DEFAULT_CONFIG, inscope21=True)
CONTRACT = "When did the new contract for primary care networks actually start?"
"""Probe 54 (b54-034): "the new contract" read as a document published after 2020; the network contract of the
plan's own GP contract framework took effect on 1 July 2019."""
IN_POST_NOW = "how many FCPs are actually in post nationally now?"
"""Dev set (t3-pf-fcps-in-post): the documents cannot say what applies now, and the learned signal agrees."""
NOW = Refusal("The documents ... They set out plans from 2019 and can't tell you what applies now.", dated=True)
PAY = Refusal("The documents ... They say nothing about pay: they don't set anyone's pay.")


def test_off_by_default_and_its_threshold_checked():
    assert DEFAULT_CONFIG.inscope21 is False
    with pytest.raises(ValueError):
        replace(DEFAULT_CONFIG, inscope21_covered=1.5)


def test_a_rule_that_read_the_time_is_overruled_only_below_the_threshold_and_only_with_the_switch():
    assert overrules_rules(NOW, 0.01, ON)
    assert not overrules_rules(NOW, 0.5, ON)
    assert not overrules_rules(NOW, 0.01, DEFAULT_CONFIG)
    assert not overrules_rules(NOW, None, ON)
    assert not overrules_rules(PAY, 0.0, ON)  # the rules that read the subject stand
    assert not overrules_rules(Refusal("no figure", figure=True), 0.04, ON)  # inscope19's threshold reads that


def test_inscope21_implies_inscope20():
    history = [Turn("user", "what was the CSP's take on cardiac rehab in the long term plan?"), Turn("assistant", "85%.")]
    follow_up, off_topic = "what uptake figure is that and by what year?", "who won the premier league in 2019?"
    assert with_question_before(follow_up, history, follow_up, ON) is not None
    assert with_question_before(off_topic, history, off_topic, ON) is None  # the topic-change guard holds
    assert overrules_figure_gate(Refusal("no figure", figure=True), 0.01, ON)


@pytest.mark.slow
def test_a_misread_rule_no_longer_refuses_with_the_switch_on(bundled_assistant):
    assert bundled_assistant.ask(CONTRACT).abstained
    answer = bundled_assistant.with_config(ON).ask(CONTRACT)
    assert not answer.abstained and contains_facts(answer.answer, ("1 July 2019",))


@pytest.mark.slow
def test_an_out_of_scope_question_of_the_same_shape_is_still_refused(bundled_assistant):
    assert bundled_assistant.ask(IN_POST_NOW).abstained
    assert bundled_assistant.with_config(ON).ask(IN_POST_NOW).abstained


LINK_WORKERS = [{"role": "user", "content": "how many social prescribing link workers does the plan want in post by end "
                                            "of 20/21, and how many people referred by 2023/24?"}]
BEDS = "how many beds does royal cornwall hospitals trust have and are they in deficit?"
"""Probe 12 (b12-096), out of scope; "they" folds it in with the question before, whose subject the learned signal
reads: before the switch stopped overruling folded questions, it was answered from the link-worker passages."""


@pytest.mark.slow
def test_an_out_of_scope_follow_up_after_an_unrelated_turn_is_still_refused(bundled_assistant):
    assert bundled_assistant.ask(BEDS, LINK_WORKERS).abstained
    assert bundled_assistant.with_config(ON).ask(BEDS, LINK_WORKERS).abstained
