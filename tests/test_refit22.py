"""PipelineConfig.refit22 over the bundled documents with the real models: the learned refusal reads the weights
refitted on every tuning batch (assistant/refusal_model_22.json), which were fitted over these very passages, so they
load here; an out-of-scope tuning question that the rules and the shipped weights let through is refused, and an
answerable one the shipped weights refuse gets its answer back. Off, the shipped weights decide as before.

The bundled corpus is indexed with the real model (conftest.bundled_assistant, about a minute of CPU): the classifier
was fitted to the bundled documents' retrieval scores, so the test corpus would not show what it does."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.refusal import COVERS

pytestmark = pytest.mark.slow

OUT_OF_SCOPE = "Any tips on structuring a 10-minute presentation for a band 7 MSK team lead interview?"
"""Probe 52 (b52-063, out of scope): no rule refuses it and the shipped weights score it just under their threshold."""
ANSWERABLE = ("slt in community paeds - is speech and language therapy even mentioned in the ltp for childrens services "
              "or are we invisible lol")
"""Probe 31 (b31-008, answerable: "speech and language therapy"): the shipped weights refuse it."""


@pytest.fixture
def refitted(bundled_assistant):
    return bundled_assistant.with_config(replace(bundled_assistant.config, refit22=True))


def test_the_refitted_weights_load_over_the_bundled_passages(refitted):
    learned = refitted.learned_refusals
    assert learned.refusing.path.name == "refusal_model_22.json"
    assert learned.fits(refitted.snapshot(), learned.refusing)  # fitted over the bundled digest: not standing aside


def test_on_an_out_of_scope_question_the_shipped_weights_miss_is_refused(bundled_assistant, refitted):
    assert bundled_assistant.config.refit22 is False
    assert not bundled_assistant.ask(OUT_OF_SCOPE).abstained  # the defaults answer it
    answer = refitted.ask(OUT_OF_SCOPE)
    assert answer.abstained and answer.answer.startswith(COVERS)
    assert answer.citations == [] and answer.related


def test_on_an_answerable_question_the_shipped_weights_refuse_keeps_its_answer(bundled_assistant, refitted):
    assert bundled_assistant.ask(ANSWERABLE).abstained  # the defaults refuse it
    answer = refitted.ask(ANSWERABLE)
    assert not answer.abstained and answer.citations
    assert "speech and language therap" in answer.answer.lower()
