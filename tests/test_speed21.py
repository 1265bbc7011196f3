"""speed21: one switch for less CPU per ask (the cross-encoder reads fewer tokens), off by default, so the default
answers are the answers of before."""

from __future__ import annotations

from dataclasses import replace

from test_search_windows import answer_and_tokens

from assistant.config import DEFAULT_CONFIG, SPEED21

SPEED = replace(DEFAULT_CONFIG, speed21=True)
ASKED = (("How many people does a primary care network cover?", "50,000"),
         ("How many people does a primary care network cover, and when will networks be in place?", "50,000"))


def test_the_default_runs_as_it_is_and_the_switch_spells_out_its_settings():
    assert DEFAULT_CONFIG.resolved() is DEFAULT_CONFIG and not DEFAULT_CONFIG.speed21
    resolved = SPEED.resolved()
    assert not resolved.speed21 and all(getattr(resolved, name) == value for name, value in SPEED21.items())
    assert any(getattr(DEFAULT_CONFIG, name) != value for name, value in SPEED21.items())


def test_with_the_switch_questions_cost_fewer_tokens_and_keep_their_facts(bundled_assistant):
    fast = bundled_assistant.with_config(SPEED)
    assert fast.config == SPEED.resolved() and bundled_assistant.config == DEFAULT_CONFIG
    for question, fact in ASKED:
        whole, read = answer_and_tokens(bundled_assistant, question)
        cut, read_cut = answer_and_tokens(fast, question)
        assert fact in whole["answer"] and fact in cut["answer"], question
        assert read_cut < 0.9 * read, question
