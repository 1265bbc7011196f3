"""PipelineConfig.clinical18 (round 18): personal clinical questions refuse17 still let through (a care verb in -ing,
one patient written "pt", a terse symptom with what to do about it) get NHS 111 / GP signposting; questions about the
plans, services, a workplace or people in general on the same topics are answered as before; off changes nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.safety_own_care import own_care18, signposting_answer

ROWS = [line.split("\t") for line in (Path(__file__).parent / "data" / "clinical18_cases.tsv").read_text(
    encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
ON = replace(DEFAULT_CONFIG, clinical18=True)
OWN = "my dad's asthma is flaring up and he's wheezy, should he be upping his inhaler or going to a&e?"
POLICY = "What does the plan say about inhaler use for people with asthma?"


@pytest.mark.parametrize("expected,message", ROWS, ids=[m[:40] for _, m in ROWS])
def test_clinical18_reading(expected, message):
    assert own_care18(message) == (expected == "clinical")


def test_off_by_default_and_off_nothing_more_is_signposted():
    assert DEFAULT_CONFIG.clinical18 is False
    assert signposting_answer(OWN, DEFAULT_CONFIG) is None
    assert signposting_answer(OWN, ON) is not None
    assert signposting_answer(OWN, replace(ON, refuse17=False)) is None  # an addition to refuse17's signposting


def test_on_a_personal_clinical_question_is_signposted_without_passages(indexed):
    rules_only = indexed.with_config(replace(indexed.config, clinical19m=False))  # clinical18's readings alone
    assert rules_only.ask(OWN).safety is None  # the earlier readings take it for a question
    answer = rules_only.with_config(replace(rules_only.config, clinical18=True)).ask(OWN).to_dict()
    assert answer["abstained"] is True and answer["safety"] == "clinical" and answer["citations"] == []
    assert all(word in answer["answer"] for word in ("NHS 111", "GP"))


def test_on_a_policy_question_on_the_same_topic_keeps_its_answer(indexed):
    on = indexed.with_config(replace(indexed.config, clinical18=True)).ask(POLICY).to_dict()
    off = indexed.ask(POLICY).to_dict()
    assert "safety" not in on and on == off
