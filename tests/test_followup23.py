"""PipelineConfig.followup23 (off by default; docs/history/round-23.md "Follow-up sentence choice, round 23
(followup23)"): a folded follow-up whose best sentence says again what the assistant's earlier answer said is answered
with its own words weighing more. "who gets the money first for those?" after an answer naming the CSP's three opt-in
initiatives is answered, by the defaults, with the three initiatives again; with the switch, with early adopters'
targeted funding.

The bundled corpus is indexed with the real models (conftest.bundled_assistant)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.conversation import Turn
from assistant.evaluate import contains_facts
from assistant.follow_up_choice import earlier_answer, follow_up_choice

ON = replace(DEFAULT_CONFIG, followup23=True)
INITIATIVES = [{"role": "user", "content": "What opt-in programmes does the CSP mention?"},
               {"role": "assistant", "content": "The CSP names three: postnatal physiotherapy and multidisciplinary "
                                                "pelvic health services, post-hospital stroke rehabilitation, and "
                                                "pulmonary rehabilitation and breathlessness services."}]
MONEY = "Who gets the money first for those?"
"""Probe 81 (b81-024)."""
FUNDING = ("early adopters", "targeted funding")
SPECIFICATIONS = [{"role": "user", "content": "What service specifications do PCNs have to deliver?"},
                  {"role": "assistant", "content": "Under the GP contract framework PCNs take on seven national service "
                                                   "specifications. Five were due to start in April 2020, including "
                                                   "structured medication reviews, enhanced health in care homes and "
                                                   "anticipatory care."}]
OTHER_TWO = "and the other two?"
"""Probe 75 (b75-044)."""


def test_off_by_default():
    assert DEFAULT_CONFIG.followup23 is False


def test_the_earlier_answer_is_the_assistants_last_turn_without_its_marks():
    turns = [Turn("user", "q1"), Turn("assistant", "First [1]."), Turn("user", "q2"), Turn("assistant", "Second [2].")]
    assert earlier_answer(turns) == "Second."
    assert earlier_answer([Turn("user", "q1")]) is None


class _Embeddings:
    """Unit vectors given by hand: the earlier answer reads as the first candidate sentence."""

    def embed_documents(self, texts):
        return [[1.0, 0.0] for _ in texts]


def test_the_own_words_weigh_more_only_when_the_best_sentence_repeats_the_earlier_answer():
    folded, own = np.array([1.0, 0.2]), np.array([0.4, 0.9])
    repeating = np.array([[1.0, 0.0], [0.0, 1.0]])
    chosen = follow_up_choice(folded, own, repeating, "Said before.", _Embeddings(), 0.8, 0.7)
    assert int(np.argmax(chosen)) == 1
    new = np.array([[0.0, 1.0], [1.0, 0.0]])  # the best sentence is not the earlier answer's: scored as before
    assert np.allclose(follow_up_choice(folded, own, new, "Said before.", _Embeddings(), 0.8, 0.7), (folded + own) / 2)
    assert np.allclose(follow_up_choice(folded, own, repeating, None, _Embeddings(), 0.8, 0.7), (folded + own) / 2)


@pytest.mark.slow
def test_a_follow_up_gains_its_fact_with_the_switch_on(bundled_assistant):
    facts = ("cardiovascular disease case-finding", "2021")
    before = bundled_assistant.ask(OTHER_TWO, SPECIFICATIONS)
    assert not before.abstained and not contains_facts(before.answer, facts)
    after = bundled_assistant.with_config(ON).ask(OTHER_TWO, SPECIFICATIONS)
    assert not after.abstained and contains_facts(after.answer, facts)


@pytest.mark.slow
def test_a_follow_up_no_longer_repeats_the_earlier_answer(bundled_assistant):
    before = bundled_assistant.ask(MONEY, INITIATIVES)
    assert "names three opt-in initiatives" in before.answer and not contains_facts(before.answer, FUNDING)
    after = bundled_assistant.with_config(ON).ask(MONEY, INITIATIVES)
    assert "names three opt-in initiatives" not in after.answer and contains_facts(after.answer, FUNDING)
