"""PipelineConfig.followup22 (on by default since round 23's pooled pools; docs/history/round-22.md "Follow-up questions, round
22 (followup22)"): a question in a conversation that reads as carrying it on (topic_change.reads_as_continuation) is
searched for with the question before it, as a short or "it" / "and ..." follow-up is. Searched for on its own words,
"which hospitals does that apply to?" finds alcohol care teams, not same day emergency care; an out-of-scope question
that changes the subject stands alone and is judged as before. The bundled corpus is indexed with the real models
(conftest.bundled_assistant): the refusal rules and the learned signal were fitted to the bundled documents' scores."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.conversation import Turn, standalone_query
from assistant.evaluate import contains_facts

ON = replace(DEFAULT_CONFIG, followup22=True)
OFF = replace(DEFAULT_CONFIG, followup22=False)
SDEC = [{"role": "user", "content": "quick one, what does the plan say about SDEC"}]
WHICH_HOSPITALS = "which hospitals does that apply to?"
"""Probe 30 (b30-027): the defaults answer it from alcohol care teams' hospitals, without "type 1"."""
TEAMS = [{"role": "user", "content": "who from csp commented on the urgent community response teams"},
         {"role": "assistant", "content": "CSP chief executive Karen Middleton commented when the CSP welcomed the "
                                          "urgent community response teams in January 2020."}]
COMPARED = "what did she compare the teams to"
"""Probe 70 (b70-004, round 21's pool): refused by the defaults, searched for on its own words."""
CHANGED = "so what changed in the ten year health plan from twenty twenty five compared to this one"
"""Probe 48 (b48-033): out of scope (a later document), and the one out-of-scope tuning question the continuation
reading passes ("so ...")."""
CARDIAC = [{"role": "user", "content": "What's the plan's target for cardiac rehab?"}]


def test_on_by_default():
    assert DEFAULT_CONFIG.followup22 is True


def test_a_continuation_is_searched_with_the_question_before_only_with_the_switch():
    history = [Turn("user", SDEC[0]["content"]), Turn("assistant", "Same day emergency care ...")]
    assert standalone_query(WHICH_HOSPITALS, history) == WHICH_HOSPITALS
    assert standalone_query(WHICH_HOSPITALS, history, carried=True) == f"{SDEC[0]['content']} {WHICH_HOSPITALS}"
    standalone = "how many PCNs were there from July 2019?"  # a new subject: its own words, on and off
    assert standalone_query(standalone, history, carried=True) == standalone


@pytest.mark.slow
def test_a_follow_up_pointing_back_holds_its_fact_with_the_switch_on(bundled_assistant):
    before = bundled_assistant.with_config(OFF).ask(WHICH_HOSPITALS, SDEC)
    assert not contains_facts(before.answer, ("type 1",))
    after = bundled_assistant.with_config(ON).ask(WHICH_HOSPITALS, SDEC)
    assert not after.abstained and contains_facts(after.answer, ("type 1",))


@pytest.mark.slow
def test_a_follow_up_refused_on_its_own_words_is_answered_with_the_switch_on(bundled_assistant):
    assert bundled_assistant.with_config(OFF).ask(COMPARED, TEAMS).abstained
    answer = bundled_assistant.with_config(ON).ask(COMPARED, TEAMS)
    assert not answer.abstained and contains_facts(answer.answer, ("advanced practice physiotherapists",))


@pytest.mark.slow
def test_an_out_of_scope_question_after_an_answerable_turn_is_still_refused(bundled_assistant):
    assert bundled_assistant.with_config(OFF).ask(CHANGED, CARDIAC).abstained
    assert bundled_assistant.with_config(ON).ask(CHANGED, CARDIAC).abstained
