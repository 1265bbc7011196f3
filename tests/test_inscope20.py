"""PipelineConfig.inscope20 (off by default; docs/history/round-20.md "Answerable questions wrongly refused, round 20
(inscope20)"): inscope19's second look with a topic-change guard. A follow-up refused on its own words is searched
for again with the question before it only when it reads as a continuation; an out-of-scope question that changes
the subject is judged alone, as without the switch (inscope19 answered it from the earlier question's passages).

The bundled corpus is indexed with the real models (conftest.bundled_assistant): the refusal rules and the learned
signal were fitted to the bundled documents' scores."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.conversation import Turn
from assistant.evaluate import contains_facts
from assistant.refusal import Refusal
from assistant.refusal_second_look import overrules_figure_gate, with_question_before
from assistant.topic_change import reads_as_continuation

ON = replace(DEFAULT_CONFIG, inscope20=True)
CARDIAC = [{"role": "user", "content": "what was the CSP's take on cardiac rehab in the long term plan?"}]
FOLLOW_UP = "what uptake figure is that and by what year?"
"""Probe 22 (b22-029): searched for on its own words, no passage is close enough; "is that" points back."""
OFF_TOPIC = "who won the premier league in 2019?"
"""inscope19's stress test: asked after the cardiac rehab question, its second search answered it from the CSP's
cardiac rehab passages."""
SOURDOUGH = "any tips for a sourdough starter that won't rise?"
"""Dev set (oos-sourdough): "that" here starts a clause about the starter; it does not point back."""
WELCOMED = [{"role": "user", "content": "List what the CSP's head of policy welcomed in the plan."}]


def test_off_by_default():
    assert DEFAULT_CONFIG.inscope20 is False


@pytest.mark.parametrize("question", [
    "so who gets the money first?", "how many deaths would that actually prevent", "how many stps had pilot sites by then",
    "what does she tell members to actually do?", "when's the care homes bit supposed to cover everywhere?",
    "which one would cover our breathlessness clinic?", "anything on heart failure in there?",
    "Thank you. And by when is the fund expected to bring the control total regime to an end?", FOLLOW_UP])
def test_a_question_leaning_on_the_conversation_reads_as_a_continuation(question):
    assert reads_as_continuation(question)


@pytest.mark.parametrize("question", [
    OFF_TOPIC, SOURDOUGH, "how do i set up a reception rota in excel that handles part timers?",
    "what penalty does the framework set for stps that miss the september draft deadline",
    "my dad had a stroke this morning, should he be getting thrombolysis?",
    "14yo with anorexia, BMI 15, HR 42 - does she need admission?",
    "How many PCNs were there from July 2019?"])
def test_a_question_on_a_new_subject_stands_alone(question):
    assert not reads_as_continuation(question)


def test_only_a_continuation_is_searched_again():
    history = [Turn("user", CARDIAC[0]["content"]), Turn("assistant", "85% by 2028.")]
    assert with_question_before(FOLLOW_UP, history, FOLLOW_UP, ON) == f"{history[0].content} {FOLLOW_UP}"
    assert with_question_before(OFF_TOPIC, history, OFF_TOPIC, ON) is None
    assert with_question_before(FOLLOW_UP, history, FOLLOW_UP, DEFAULT_CONFIG) is None
    assert with_question_before(OFF_TOPIC, history, OFF_TOPIC, replace(DEFAULT_CONFIG, inscope19=True)) is not None
    assert with_question_before(OFF_TOPIC, history, OFF_TOPIC, replace(ON, inscope19=True)) is None  # the guard holds
    assert with_question_before(FOLLOW_UP, history, FOLLOW_UP, replace(ON, inscope19_follow_ups=False)) is None


def test_the_figure_gate_is_overruled_as_with_inscope19():
    figure = Refusal("The documents don't give that figure: ...", figure=True)
    assert overrules_figure_gate(figure, 0.01, ON)
    assert not overrules_figure_gate(figure, 0.2, ON)


@pytest.mark.slow
def test_a_follow_up_that_points_back_is_answered_with_the_switch_on(bundled_assistant):
    # followup22 (on since round 23) folds this follow-up from the first search: off here, to see inscope20's retry.
    assert bundled_assistant.with_config(replace(DEFAULT_CONFIG, followup22=False)).ask(FOLLOW_UP, CARDIAC).abstained
    answer = bundled_assistant.with_config(replace(ON, followup22=False)).ask(FOLLOW_UP, CARDIAC)
    assert not answer.abstained and contains_facts(answer.answer, ("85%", "2028"))


@pytest.mark.slow
@pytest.mark.parametrize(("question", "history"), [(OFF_TOPIC, CARDIAC), (SOURDOUGH, WELCOMED)])
def test_an_out_of_scope_question_after_an_unrelated_turn_is_still_refused(bundled_assistant, question, history):
    assert bundled_assistant.ask(question, history).abstained
    assert not bundled_assistant.with_config(replace(DEFAULT_CONFIG, inscope19=True)).ask(question, history).abstained
    assert bundled_assistant.with_config(ON).ask(question, history).abstained
