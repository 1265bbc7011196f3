"""With `lead21` on, a one-fact answer's sentence loses a trailing clause or an opening attribution that holds
nothing asked (no figure, date, name, quoted term or question word); the fact stays and the sentence still reads as
one. On by default since round 21's pool; off, answers keep their whole sentences."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import extractive_over

from assistant.config import DEFAULT_CONFIG
from assistant.shorter_sentences import shortened

CALLERS = ("More than 50% of NHS 111 callers now receive a clinical assessment, which ends either in advice on the "
           "spot or in a referral to be seen in person.")


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("what proportion of 111 callers get a clinical assessment?", CALLERS,
         "More than 50% of NHS 111 callers now receive a clinical assessment."),
        ("is fcp rollout optional for systems?",
         "The rollout of first contact practitioners is one of the foundational commitments every local system must "
         "deliver, according to the CSP's account of the Implementation Framework.",
         "The rollout of first contact practitioners is one of the foundational commitments every local system must "
         "deliver."),
        ("does the plan cover physio support workers?",
         "The CSP notes that the Long Term Plan commits to investing in developing the physiotherapy workforce.",
         "The Long Term Plan commits to investing in developing the physiotherapy workforce."),
    ],
)
def test_a_clause_holding_nothing_asked_goes(question, sentence, expected):
    assert shortened(question, sentence) == expected


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("does the 111 assessment end in advice or a referral?", CALLERS),  # the clause holds what was asked
        ("what does the csp say about physio support workers?",  # the question asks what the CSP says
         "The CSP notes that the Long Term Plan commits to investing in developing the physiotherapy workforce."),
        ("who said the target was ambitious?",  # asks who: the attribution is the answer
         "The target is ambitious, according to Sally Singh of the CSP."),
        ("what is the mental health plan?",  # a quoted term and a date in the clause
         "The detail is in the NHS Mental Health Implementation Plan, which groups commitments into 'fixed', "
         "'flexible' and 'targeted' approaches."),
        ("when are urgent treatment centres due?",  # a name in the clause
         "Urgent treatment centres are to be in place by autumn 2020, building on the NHS 111 offer."),
        ("how many?", "Short, which is fine."),  # too little would be left
    ],
)
def test_the_sentence_stays(question, sentence):
    assert shortened(question, sentence) == sentence


def answer_to(question: str, passages: list[str], embeddings, reranker, config) -> str:
    return extractive_over(question, passages, embeddings, reranker, config, "Urgent care")


def test_a_one_fact_answer_is_shorter_and_keeps_its_fact_with_the_switch_on(real_embeddings, shared_reranker):
    passages = [CALLERS, "Urgent treatment centres are to open across England by autumn 2020."]
    question = "what proportion of nhs 111 callers get a clinical assessment?"
    today = answer_to(question, passages, real_embeddings, shared_reranker, replace(DEFAULT_CONFIG, lead21=False))
    on = answer_to(question, passages, real_embeddings, shared_reranker, DEFAULT_CONFIG)
    assert "which ends either in advice" in today, today  # off, the whole sentence stays
    assert on.startswith("More than 50% of NHS 111 callers now receive a clinical assessment. [1]"), on
    assert "which ends" not in on and len(on) < len(today)


def test_on_by_default():
    assert DEFAULT_CONFIG.lead21 is True
