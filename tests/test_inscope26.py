"""PipelineConfig.inscope26 (off by default; docs/history/round-26-inscope26.md): answerable questions the refusal
rules refuse today. A short follow-up in a chain of them ("when?" after "and who pays for them?") refused is searched
for again with the chain's questions; a run of capitalised names the documents use ("the King's Fund and NHS
Providers survey", "Rachel Newton's Frontline editorial") is no unknown name. Out-of-scope questions of the same
shapes stay refused.

The bundled corpus is indexed with the real models (conftest.bundled_assistant): the refusal rules and the learned
signal were fitted to the bundled documents' scores."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.conversation import Turn
from assistant.inscope26 import chained_query
from assistant.known_names import known_in_pieces

ON = replace(DEFAULT_CONFIG, inscope26=True)
PCN_CHAIN = ["how many people does a PCN cover?", "and who pays for them?"]
"""Round 25's QA (docs/history/round-25-qa25.md, "Left as found"): "when?" next was refused, though the answer
before it holds the network contract's date."""
CORPUS = "the king s fund and nhs providers survey; rachel newton; frontline; long term plan; parliament; january"


def _history(assistant, questions):
    history = []
    for question in questions:
        answer = assistant.ask(question, history)
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
    return history


def test_off_by_default():
    assert DEFAULT_CONFIG.inscope26 is False


def test_a_follow_up_is_chained_back_to_the_question_that_stood_alone():
    history = [Turn("user", PCN_CHAIN[0]), Turn("assistant", "30,000 to 50,000."), Turn("user", PCN_CHAIN[1]),
               Turn("assistant", "The network contract.")]
    assert chained_query("when?", history, "and who pays for them? when?") == " ".join(PCN_CHAIN + ["when?"])
    assert chained_query("when?", history[:2], f"{PCN_CHAIN[0]} when?") is None  # the first search read it
    assert chained_query("What does the plan say about maternity services in general?", history, "x") is None


@pytest.mark.parametrize("name, question", [
    ("King Fund and NHS Providers", "What did the King's Fund and NHS Providers survey find?"),
    ("Rachel Newton Frontline", "What did Rachel Newton's Frontline editorial welcome?"),
    ("January 2019 Frontline", "Who wrote the January 2019 Frontline comment?"),
    ("Long Term Plan for Parliament", "Which changes did the Long Term Plan for Parliament propose?")])
def test_a_run_of_names_the_documents_use_is_known(name, question):
    assert known_in_pieces(name, question, CORPUS)


@pytest.mark.parametrize("name, question", [
    ("Cheshire and Merseyside", "What has Cheshire and Merseyside done?"),
    ("Frimley Health and Care ICS", "What did Frimley Health and Care ICS publish?"),
    ("Northern Lincolnshire and Goole", "What is Northern Lincolnshire and Goole doing?"),
    ("Data Saves Lives", "What does Data Saves Lives say?")])
def test_a_run_with_a_name_the_documents_lack_is_not(name, question):
    assert not known_in_pieces(name, question, CORPUS + " lincolnshire")


def test_a_short_follow_up_in_a_chain_is_answered_with_the_switch_on(bundled_assistant):
    history = _history(bundled_assistant, PCN_CHAIN)
    assert bundled_assistant.ask("when?", history).abstained
    answer = bundled_assistant.with_config(ON).ask("when?", history)
    assert not answer.abstained and answer.question == "when?"


@pytest.mark.parametrize("question", ["in Scotland?", "what about 2026?"])
def test_an_out_of_scope_follow_up_in_a_chain_is_still_refused(bundled_assistant, question):
    history = _history(bundled_assistant, PCN_CHAIN)
    assert bundled_assistant.with_config(ON).ask(question, history).abstained


def test_a_question_naming_the_kings_fund_survey_is_answered_with_the_switch_on(bundled_assistant):
    question = "What did the King's Fund and NHS Providers survey find about executive director vacancies?"
    assert bundled_assistant.ask(question).abstained
    answer = bundled_assistant.with_config(ON).ask(question)
    assert not answer.abstained and "37%" in answer.answer


@pytest.mark.parametrize("question", ["What's in NHS England's UEC plan for winter 2025/26?",
                                      "What did the Cheshire and Merseyside ICS say about the King's Fund survey?"])
def test_an_out_of_scope_question_naming_things_is_still_refused(bundled_assistant, question):
    assert bundled_assistant.with_config(ON).ask(question).abstained


def test_a_question_naming_arrs_is_answered_with_the_switch_on(bundled_assistant):
    """Round 25's QA: a practice manager's name for the additional roles paid through the network contract."""
    question = "list the ARRS type roles the network contract funds"
    assert bundled_assistant.ask(question).abstained
    answer = bundled_assistant.with_config(ON).ask(question)
    assert not answer.abstained and "pharmacists" in answer.answer and answer.question == question


@pytest.mark.parametrize("question", ["What's the ARRS reimbursement cap for a clinical pharmacist in 2024/25?",
                                      "How many ARRS staff have actually been recruited so far nationally?"])
def test_an_out_of_scope_question_naming_arrs_is_still_refused(bundled_assistant, question):
    assert bundled_assistant.with_config(ON).ask(question).abstained
