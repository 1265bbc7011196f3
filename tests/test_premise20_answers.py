"""PipelineConfig.premise20 through `Assistant.ask` over the bundled documents with the real models: a question resting
on something the plan never did is refused, saying what the documents do say and pointing to their passages as
`related`, citing none; an answerable question of the same shape keeps its answer JSON; off (the default), the false
premise is answered as before. The questions are written for this test, not taken from a probe."""

from __future__ import annotations

from dataclasses import replace

import pytest

pytestmark = pytest.mark.slow

FALSE_PREMISE = "Why did the LTP bring back the nursing bursary?"
"""The plan never mentions a bursary; its nursing levers are more degrees, fewer drop-outs and better retention."""
SAME_SHAPE = "Why did the plan set up primary care networks?"


@pytest.fixture
def premise20(bundled_assistant):
    assert bundled_assistant.config.premise20 is True  # on by default since round 20
    return bundled_assistant


@pytest.fixture
def premise20_off(bundled_assistant):
    return bundled_assistant.with_config(replace(bundled_assistant.config, premise20=False))


def test_off_the_false_premise_is_answered(premise20_off):
    answer = premise20_off.ask(FALSE_PREMISE)
    assert not answer.abstained and answer.citations


def test_on_the_false_premise_is_refused_saying_what_the_documents_say(premise20):
    answer = premise20.ask(FALSE_PREMISE)
    assert answer.abstained
    assert "don't say that" in answer.answer and "What they do say: \u201c" in answer.answer
    assert "nursing" in answer.answer.split("What they do say:")[1]
    data = answer.to_dict()
    assert data["citations"] == [] and data["related"]


def test_on_an_answerable_question_of_the_same_shape_is_unchanged(premise20_off, premise20):
    assert premise20.ask(SAME_SHAPE).to_dict() == premise20_off.ask(SAME_SHAPE).to_dict()
    assert not premise20.ask(SAME_SHAPE).abstained
