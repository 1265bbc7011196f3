"""With `short22` on, a one-fact answer's sentence also loses a scene-setting opening phrase, a purpose tail, a
semicolon's clause or the second of two ", and" clauses (a later statement: also ", including/whose/and ...") when it
holds nothing asked; the fact stays,
the sentence still reads as one, and with the switch off (the default) the answer is as before."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import extractive_over

from assistant.config import DEFAULT_CONFIG
from assistant.shorter_clauses import shortened

SAVING = "Financially, the outpatient redesign saves the NHS over £1 billion a year."


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("how much does the outpatient redesign save?", SAVING,
         "The outpatient redesign saves the NHS over £1 billion a year."),
        ("how many people will the diabetes prevention programme reach?",
         "The NHS Diabetes Prevention Programme will double to around 200,000 people a year so that patients have "
         "more choice.",
         "The NHS Diabetes Prevention Programme will double to around 200,000 people a year."),
        ("how many problem gamblers are there?",
         "The plan cites some 400,000 problem gamblers, and will work with partners to tackle harm where it starts.",
         "The plan cites some 400,000 problem gamblers."),
    ],
)
def test_a_clause_holding_nothing_asked_goes(question, sentence, expected):
    assert shortened(question, sentence) == expected


def test_a_later_statement_loses_more_than_the_lead():
    question = "how many people will the diabetes prevention programme reach?"
    sentence = "The programme reaches 200,000 people a year, including those at risk of developing it later in life."
    assert shortened(question, sentence) == sentence  # the lead keeps it (such clauses held facts there)
    assert shortened(question, sentence, later=True) == "The programme reaches 200,000 people a year."


def test_a_bracketed_list_stays():  # "aside" lost "(system, place and neighbourhood)" in cross-validation: not cut
    sentence = "Each ICS works at three levels (system, place and neighbourhood) with its partners."
    assert shortened("what levels does an ics work at?", sentence) == sentence


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("what does the redesign mean financially?", SAVING),  # the phrase holds a word of the question
        ("when do systems decide?",  # "In order," carries the meaning: not a scene-setting phrase
         "In order, systems must decide during summer 2019 whether to opt in to targeted funding."),
        ("what will primary care networks do?",  # a bracketed acronym is a name a reader may ask by
         "Primary care networks (PCNs) will have a part to play in improving early diagnosis locally."),
        ("what gaps did the csp see?",  # the last item of a list after a semicolon
         "The CSP saw gaps: no word on support workers; and uncertainty over funding for social care."),
        ("what will pharmacists do?",  # the clause after ", and" closes a series
         "Pharmacists will work in general practice, easing pressure on GPs, and support care homes."),
        ("what about copd?",  # the bracket holds a name
         "Every eligible patient should be offered pulmonary rehabilitation (mostly people with severe COPD)."),
    ],
)
def test_the_sentence_stays(question, sentence):
    assert shortened(question, sentence) == sentence


def answer_to(question: str, passages: list[str], embeddings, reranker, config) -> str:
    return extractive_over(question, passages, embeddings, reranker, config, "Outpatients")


def test_a_one_fact_answer_is_shorter_and_keeps_its_fact_with_the_switch_on(real_embeddings, shared_reranker):
    passages = [SAVING, "Urgent treatment centres are to open across England by autumn 2020."]
    question = "how much will the outpatient redesign save a year?"
    today = answer_to(question, passages, real_embeddings, shared_reranker, replace(DEFAULT_CONFIG, short22=False))
    on = answer_to(question, passages, real_embeddings, shared_reranker, DEFAULT_CONFIG)
    assert today.startswith("Financially, the outpatient redesign saves"), today  # switched off
    assert on.startswith("The outpatient redesign saves the NHS over £1 billion a year"), on
    assert "£1 billion" in on and on.split(" [1]")[0].endswith(".") and len(on) < len(today)


def test_on_by_default():
    assert DEFAULT_CONFIG.short22 is True
