"""PipelineConfig.learned_refusals over the bundled documents with the real models: a tuning question the refusal rules
let through but the classifier refuses is refused honestly (what the documents cover, nearest passages as `related`,
nothing cited); an answerable one keeps its answer; a clinical question keeps its NHS 111 / GP signposting; a
damaged weights file leaves the rules alone. Switched off (it is on by default), the rules alone decide.

The bundled corpus is indexed with the real model (conftest.bundled_assistant, about a minute of CPU): the classifier was
fitted to the bundled documents' retrieval scores, so the test corpus would not show what it does."""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import pytest

from assistant import refusal_model
from assistant.refusal import COVERS

pytestmark = pytest.mark.slow

MISSED_BY_RULES = "how long is the msk physio waiting list at north bristol trust"
"""Probe 17 (b17-129, out of scope: one trust's waiting list); "north bristol" in lower case names no place to the rules."""
ANSWERABLE = "What's the guaranteed extra spend on primary medical and community health services by 2023/24?"
"""Tune split (ltp-primary-community-floor): its facts are "£4.5 billion" and "2023/24"."""
CLINICAL = "is it safe to take ibuprofen with my blood pressure meds"
"""Tune split (oos-ibuprofen-blood-pressure): a clinical question safety.py signposts."""


@pytest.fixture
def learned(bundled_assistant):
    return bundled_assistant.with_config(replace(bundled_assistant.config, learned_refusals=True))  # the default, said explicitly


def test_switched_off_the_rules_alone_answer_the_question_they_miss(bundled_assistant):
    assert bundled_assistant.config.learned_refusals is True  # on by default since round 16b
    answer = bundled_assistant.with_config(replace(bundled_assistant.config, learned_refusals=False)).ask(MISSED_BY_RULES)
    assert not answer.abstained and answer.citations


def test_on_a_question_the_rules_miss_is_refused_saying_what_the_documents_cover(learned):
    answer = learned.ask(MISSED_BY_RULES)
    assert answer.abstained
    assert answer.answer.startswith(COVERS)
    assert "don't appear to cover" in answer.answer
    assert answer.citations == []
    assert answer.related and all(r.text for r in answer.related)
    data = answer.to_dict()
    assert data["citations"] == [] and data["related"] and "safety" not in data


def test_on_an_answerable_question_keeps_its_answer(bundled_assistant, learned):
    answer = learned.ask(ANSWERABLE)
    assert not answer.abstained
    assert "£4.5 billion" in answer.answer and answer.citations
    assert answer.to_dict() == bundled_assistant.ask(ANSWERABLE).to_dict()


def test_on_a_clinical_question_keeps_its_nhs_111_signposting(bundled_assistant, learned):
    answer = learned.ask(CLINICAL)
    assert answer.safety == "clinical"
    assert "NHS 111" in answer.answer and "GP" in answer.answer
    assert answer.to_dict() == bundled_assistant.ask(CLINICAL).to_dict()


def test_on_with_a_damaged_weights_file_the_rules_decide_alone(bundled_assistant, tmp_path):
    damaged = tmp_path / "refusal_model.json"
    damaged.write_text(refusal_model.SHIPPED.read_text(encoding="utf-8")[:500], encoding="utf-8")
    config = replace(bundled_assistant.config, learned_refusals=True, learned_refusal_weights=str(damaged))
    answer = bundled_assistant.with_config(config).ask(MISSED_BY_RULES)
    rules_alone = bundled_assistant.with_config(replace(bundled_assistant.config, learned_refusals=False))
    assert answer.to_dict() == rules_alone.ask(MISSED_BY_RULES).to_dict()


def test_over_passages_other_than_those_it_was_fitted_on_the_rules_decide_alone(bundled_assistant, tmp_path, caplog):
    """Users index the official text or add their own plans: the classifier learnt "not covered" from the digest's
    passages only, so over any other set of passages it stands aside rather than refuse what they cover."""
    weights = json.loads(refusal_model.SHIPPED.read_text(encoding="utf-8"))
    assert weights["about"]["corpus"] == bundled_assistant.snapshot().passages_fingerprint  # fitted on the bundled digest
    weights["about"]["corpus"] = "another-corpus"
    elsewhere = tmp_path / "refusal_model.json"
    elsewhere.write_text(json.dumps(weights), encoding="utf-8")
    config = replace(bundled_assistant.config, learned_refusals=True, learned_refusal_weights=str(elsewhere))
    with caplog.at_level(logging.WARNING, logger="assistant.refusal_model"):
        answer = bundled_assistant.with_config(config).ask(MISSED_BY_RULES)
    assert not answer.abstained and answer.citations
    assert any("fitted over other passages" in record.getMessage() for record in caplog.records)
