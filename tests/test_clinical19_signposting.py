"""PipelineConfig.clinical19 (round 19): personal clinical questions the earlier readings let through (a relative by
role, a decision acted on one patient, "is that normal", a test result, a plan named in passing in another sentence)
get NHS 111 / GP signposting; questions about the plans, services or a workplace on the same topics are answered as
before; off changes nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.safety_own_care19 import own_care19, signposting_answer

ROWS = [line.split("\t") for line in (Path(__file__).parent / "data" / "clinical19_cases.tsv").read_text(
    encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
ON = replace(DEFAULT_CONFIG, clinical19=True)
OWN = "The plan talks a lot about diabetes prevention. I've been told I'm borderline diabetic. Should I be cutting out bread?"
POLICY = "What does the plan say about the NHS Diabetes Prevention Programme and low calorie diets?"


@pytest.mark.parametrize("expected,message", ROWS, ids=[m[:40] for _, m in ROWS])
def test_clinical19_reading(expected, message):
    assert own_care19(message) == (expected == "clinical")


@pytest.mark.parametrize("message", [m for expected, m in ROWS if expected == "clinical"], ids=lambda m: m[:40])
def test_signposted_with_the_switch_on_and_not_off(message):
    assert signposting_answer(message, DEFAULT_CONFIG) is None
    answer = signposting_answer(message, ON)
    assert answer is not None and answer.safety == "clinical" and "NHS 111" in answer.answer


def test_off_by_default_and_an_addition_to_refuse17():
    assert DEFAULT_CONFIG.clinical19 is False
    assert signposting_answer(OWN, replace(ON, refuse17=False)) is None


def test_on_a_personal_clinical_question_is_signposted_without_passages(indexed):
    rules_only = indexed.with_config(replace(indexed.config, clinical19m=False))  # clinical19's readings alone
    assert rules_only.ask(OWN).safety is None  # the earlier readings take it for a question
    answer = rules_only.with_config(replace(rules_only.config, clinical19=True)).ask(OWN).to_dict()
    assert answer["abstained"] is True and answer["safety"] == "clinical" and answer["citations"] == []
    assert all(word in answer["answer"] for word in ("NHS 111", "GP"))


def test_on_a_policy_question_on_the_same_topic_keeps_its_answer(indexed):
    on = indexed.with_config(replace(indexed.config, clinical19=True)).ask(POLICY).to_dict()
    off = indexed.ask(POLICY).to_dict()
    assert "safety" not in on and on["citations"] and on == off
