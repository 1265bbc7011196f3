"""Questions that name things the documents never mention get an honest "not covered", naming them, instead
of a confident answer about something nearby."""

from __future__ import annotations

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.scope import out_of_scope_names, unknown_names, vocabulary

KNOWN = vocabulary([
    "Primary care networks of GP practices cover 30,000 to 50,000 people.",
    "Every system sends NHS England a draft plan by mid-September 2019.",
])


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("What are the waiting time targets for NHS Scotland?", ["Scotland"]),
        ("Does the HCPC register first contact practitioners?", ["HCPC"]),
        ("How big is a primary care network?", []),
        ("When does NHS England want the draft plan?", []),
        ("Which CCGs must send plans?", []),  # a known acronym, plural
        ("Scotland's plans?", []),  # the first word of a sentence is not taken as a name
        ("What will the workforce plan do by 2031?", ["2031"]),  # a year the documents never reach
        ("What happens by 2019?", []),
        ("How is Leeds General Infirmary involved?", ["Leeds", "Infirmary"]),  # "general", as in GP, is known
    ],
)
def test_names_the_documents_never_mention_are_found(question, unknown):
    assert unknown_names(question, KNOWN) == unknown


def test_a_close_match_is_in_scope_whatever_else_the_question_names():
    question = "What are the waiting time targets for NHS Scotland?"
    assert out_of_scope_names(question, DEFAULT_CONFIG.name_gate_similarity + 0.01, KNOWN) == []
    assert out_of_scope_names(question, DEFAULT_CONFIG.name_gate_similarity - 0.01, KNOWN) == ["Scotland"]


def test_a_year_the_documents_never_mention_is_out_of_scope_however_close_the_match():
    question = "Will the plan double the draft plans by 2031?"
    assert out_of_scope_names(question, 0.95, KNOWN) == ["2031"]
    assert out_of_scope_names("Is the draft plan due in 2019?", 0.95, KNOWN) == []


def test_question_about_another_nation_abstains_saying_what_is_covered_with_related_passages(indexed):
    answer = indexed.ask("What will primary care networks in Wales look like?")
    assert answer.abstained and answer.citations == []
    assert "covers the NHS in England; it says nothing about NHS Wales" in answer.answer
    assert answer.related and answer.related[0].section.endswith("Primary care networks of local GP practices and community teams")
    # The cross-encoder puts 1.3 ("every part of England") a little ahead of 1.2 for a question about Wales.
    assert "1.2" in [r["para"] for r in answer.to_dict()["related"][:2]]


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("What does the 2025 neighbourhood health guidance say about primary care networks?", "don't include the 2025"),
        ("What is the current size of a primary care network this year?", "can't tell you what applies now"),
        ("Why did the plan scrap primary care networks?", "never say the plan did that"),
        ("When does the plan shut down primary care networks?", "never say the plan did that"),
        ("Can you get the community team to call me back about my referral?", "can't see or act on your own care"),
        ("How much annual leave do physiotherapists get after five years?", "don't set anyone's pay or leave"),
        ("How big are primary care networks at Manchester University Foundation Trust?", "never mention"),
        ("What did the Hewitt review say about primary care networks?", "don't include the Hewitt review"),
    ],
)
def test_questions_the_passages_cannot_support_are_refused_with_the_reason(indexed, question, says):
    answer = indexed.ask(question)
    assert answer.abstained and answer.citations == []
    assert says in answer.answer


def test_in_scope_question_with_a_known_premise_is_answered(indexed):
    answer = indexed.ask("Why will the NHS cut the time patients wait for community crisis response?")
    assert not answer.abstained


def test_in_scope_question_with_known_names_is_answered(indexed):
    answer = indexed.ask("How many people will a primary care network in NHS England cover?")
    assert not answer.abstained and "30,000 to 50,000" in answer.answer


def test_a_review_the_documents_do_include_is_not_refused():
    from assistant.scope import corpus_text, unsupported

    text = corpus_text(["The Topol Review set out how technology will change the workforce."])
    question = "What did the Topol Review say about digital skills for the workforce?"
    assert unsupported(question, [], 0.7, vocabulary([question]), text) is None
    assert unsupported("What did the Darzi review say?", [], 0.7, vocabulary(["What did the review say"]), text)
