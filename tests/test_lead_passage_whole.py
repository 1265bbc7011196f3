"""With `lead_passage_whole` on, an open question (after no one fact, no list, not two parts) is answered with its
lead sentence, then the rest of the lead's passage in the document's order under the same citation, then at most one
sentence from elsewhere; a question after one figure or date is answered as before."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import cited_statements, index_test_corpus_with

from assistant.lead_passage import is_open, with_lead_passage
from assistant.one_fact import is_one_fact

NEVER_REPEATS = lambda index, kept: False  # noqa: E731

TEAMS = [
    (0, "Mental health support teams will work in schools and colleges."),
    (0, "The NHS will fund them, covering a fifth to a quarter of England by 2023/24."),
    (0, "Each team will work with the designated mental health lead of its school."),
    (1, "An extra 345,000 children and young people are to be supported through NHS-funded services."),
    (2, "Local areas will get support to reshape their community mental health teams."),
    (2, "These teams will also work with primary care networks."),
]


def test_the_lead_comes_first_then_the_rest_of_its_passage_in_order_then_one_sentence_from_elsewhere():
    chosen = [1, 3, 4]  # the lead is the passage's second sentence
    assert with_lead_passage(chosen, TEAMS, NEVER_REPEATS) == [1, 0, 2, 3]


def test_a_sentence_from_elsewhere_that_leans_on_one_not_shown_is_left_out():
    assert with_lead_passage([0, 5, 4], TEAMS, NEVER_REPEATS) == [0, 1, 2, 4]


def test_a_passage_sentence_restating_one_kept_is_left_out():
    restates_the_lead = lambda index, kept: index == 2  # noqa: E731
    assert with_lead_passage([0, 3], TEAMS, restates_the_lead) == [0, 1, 3]


def test_only_a_question_after_no_one_fact_no_list_and_one_part_is_open():
    open_question = "what is the plan for mental health in schools"
    assert is_open(open_question, is_one_fact(open_question), 1)
    assert not is_open("how many children will the teams support", is_one_fact("how many children will the teams support"), 1)
    assert not is_open("which programmes does the plan list for schools", False, 1)
    assert not is_open("what is the plan for schools and what for colleges", False, 2)


OPEN_PASSAGE = """
# 4. Personalised care
{page=12}

{para=4.1}
Social prescribing link workers join every primary care network from July 2019. They connect people with local
groups, activities and services that support their wellbeing. By 2023/24 at least 900,000 people a year are to be
referred to social prescribing. The link workers are funded in full through the network contract.
"""


@pytest.fixture(scope="module")
def bundled(tmp_path_factory, real_embeddings, shared_reranker):
    """An assistant over the test corpus plus one four-sentence passage (the test corpus's own are one sentence
    each, and showing a passage whole needs more than one), indexed with the real model."""
    return index_test_corpus_with(tmp_path_factory.mktemp("lead-passage"), OPEN_PASSAGE, real_embeddings, shared_reranker)


def test_an_open_answer_carries_its_lead_passages_other_sentences_in_order_each_cited(bundled):
    question = "What does the framework say about social prescribing link workers?"
    whole = bundled.with_config(dataclasses.replace(bundled.config, lead_passage_whole=True)).ask(question)
    assert not whole.abstained
    lead = " ".join(whole.citations[0].text.split())
    marked = cited_statements(whole.answer)
    on_lead = [" ".join(text.split()) for text, marks in marked if marks.startswith("[1]")]
    assert len(on_lead) >= 2, whole.answer
    assert len(on_lead) > len([m for m in cited_statements(bundled.ask(question).answer) if m[1].startswith("[1]")])
    positions = [lead.find(text[:40]) for text in on_lead[1:]]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), whole.answer
    assert all(marks for _, marks in marked)
    assert sum(1 for _, marks in marked if not marks.startswith("[1]")) <= 1


def test_a_one_fact_answer_is_the_same_with_the_flag_on(bundled):
    question = "How many people are to be referred to social prescribing by 2023/24?"
    whole = bundled.with_config(dataclasses.replace(bundled.config, lead_passage_whole=True)).ask(question)
    assert whole.answer == bundled.ask(question).answer
