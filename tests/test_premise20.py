"""PipelineConfig.premise20 (assistant/premise_check.py): a "why did the plan <do> X" question whose passages never
say that action of X is refused, saying what the passages do say and pointing to them as `related`, never citing
them; a question of the same shape whose action the passages do say is answered; off (the default), both are
answered as before."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.scope import corpus_text, unsupported, vocabulary

PASSAGES = [
    "For nursing, the plan concentrates on more undergraduate nursing degrees and fewer students dropping out, with "
    "clinical placements funded for up to 25% more students.",
    "Primary care networks are set up across England from July 2019, each serving 30,000 to 50,000 people.",
    "Integrated care systems will have a partnership board drawn from the organisations in the system, with a "
    "non-executive chair.",
]
ON = DEFAULT_CONFIG
OFF = replace(DEFAULT_CONFIG, premise20=False)
FALSE_PREMISE = "Why did the plan bring back the nursing bursary for every student?"
SAME_SHAPE_ANSWERABLE = "Why did the plan set up PCNs?"


def refusal(question, config):
    return unsupported(question, PASSAGES, 0.6, vocabulary(PASSAGES), corpus_text(PASSAGES), best_rerank=0.9,
                       config=config)


def test_on_by_default_and_off_answers_the_false_premise():
    assert DEFAULT_CONFIG.premise20 is True
    assert refusal(FALSE_PREMISE, OFF) is None


def test_on_a_false_premise_is_refused_quoting_what_the_passages_say():
    found = refusal(FALSE_PREMISE, ON)
    assert found is not None
    assert "bring back the nursing bursary" in found.reason
    assert "What they do say: \u201cFor nursing, the plan concentrates" in found.reason


@pytest.mark.parametrize("question", [SAME_SHAPE_ANSWERABLE, "Why does the plan give ICS partnership boards a "
                                      "non-executive chair?", "Why didn't the plan bring back the nursing bursary?"])
def test_on_a_question_of_the_same_shape_the_passages_support_is_answered(question):
    assert refusal(question, ON) is None


EXACT_COUNT = [
    "Each team will work with the designated mental health lead of its school or college.",
    "An extra 345,000 children and young people aged 0-25 will be supported through mental health support teams.",
    "Around 2,500 more first contact physiotherapists will work in primary care networks by 2023/24.",
]


def test_on_an_exact_count_the_passages_never_give_is_refused_saying_what_they_give():
    question = "Exactly how many mental health support teams will there be in schools by 2023?"
    assert unsupported(question, EXACT_COUNT, 0.6, vocabulary(EXACT_COUNT), corpus_text(EXACT_COUNT), best_rerank=0.9,
                       config=OFF) is None
    found = unsupported(question, EXACT_COUNT, 0.6, vocabulary(EXACT_COUNT), corpus_text(EXACT_COUNT), best_rerank=0.9,
                        config=ON)
    assert found is not None and "number of mental health support teams" in found.reason
    assert "345,000 children" in found.reason


def test_on_an_exact_count_a_passage_gives_is_answered():
    question = "Exactly how many extra first contact physiotherapists will there be in total?"
    assert unsupported(question, EXACT_COUNT, 0.6, vocabulary(EXACT_COUNT), corpus_text(EXACT_COUNT), best_rerank=0.9,
                       config=ON) is None
