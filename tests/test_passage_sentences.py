"""With `lead_next_gain` on, the cross-encoder reads the lead sentence together with its passage's next sentence: when
the two answer the question better than the lead alone, the next sentence is shown right after the lead. The lead is
often the passage's topic sentence (it shares the question's words) while the fact sits in the sentence after it,
which leans on the lead and, read alone, scores as answering nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import cited_statements, index_test_corpus_with

from assistant.config import DEFAULT_CONFIG
from assistant.one_fact import lead_lacks
from assistant.passage_sentences import with_read_continuation

ON = replace(DEFAULT_CONFIG, lead_next_gain=0.5)
OFF = replace(DEFAULT_CONFIG, lead_next_gain=0.0, clinical21=False)  # clinical21 may add that sentence by its own reading

RESPONSE_TEAMS = [
    (0, "Urgent community response teams will give older people timely support at home and keep them out of "
        "hospital, working with GPs and ambulance services."),
    (0, "The first seven areas of England began running them in April 2020."),
    (1, "Community services will get an extra £4.5 billion a year by 2023/24."),
]
WHEN = "when did the urgent community response teams start?"


def test_the_sentence_after_the_topic_sentence_that_answers_follows_the_lead(shared_reranker):
    chosen, follow = with_read_continuation(WHEN, [0, 2], RESPONSE_TEAMS, shared_reranker, ON)
    assert (chosen, follow) == ([0, 1, 2], 1)


def test_a_lead_alone_gains_the_answering_sentence_after_it(shared_reranker):
    assert with_read_continuation(WHEN, [0], RESPONSE_TEAMS, shared_reranker, ON) == ([0, 1], 1)


def test_a_next_sentence_stating_no_figure_date_or_name_the_answer_lacks_stays_out_unread(shared_reranker):
    aims = [RESPONSE_TEAMS[0], (0, "They are meant to keep people well and independent at home for longer.")]
    pairs = shared_reranker.pairs_scored
    assert with_read_continuation("what are urgent community response teams for?", [0], aims, shared_reranker,
                                  ON) == ([0], None)
    assert shared_reranker.pairs_scored == pairs


def test_a_next_sentence_the_cross_encoder_reads_as_adding_nothing_asked_for_stays_out(shared_reranker):
    networks = [(0, "Each network typically covers 30,000 to 50,000 people."),
                (0, "They will be funded through a new contract from April 2019.")]
    assert with_read_continuation("How big is a primary care network?", [0], networks, shared_reranker, ON) == ([0], None)


def test_the_rule_off_or_without_a_cross_encoder_changes_nothing(shared_reranker):
    assert with_read_continuation(WHEN, [0, 2], RESPONSE_TEAMS, shared_reranker, OFF) == ([0, 2], None)
    assert with_read_continuation(WHEN, [0, 2], RESPONSE_TEAMS, None, ON) == ([0, 2], None)


ICP_PASSAGE = """
# 9. New contracts
{page=20}

{para=9.1}
The plan describes the integrated care provider (ICP) contract, on which NHS England consulted in 2019 and which
areas may choose to use locally where they want one organisation to run a wide range of services. It lets one
provider hold a single budget for GP services and community health services together, for the whole population it
serves.
"""
ICP = "what does the integrated care provider contract let a provider do?"


@pytest.fixture(scope="module")
def icp_corpus(tmp_path_factory, real_embeddings, shared_reranker):
    return index_test_corpus_with(tmp_path_factory.mktemp("read_next"), ICP_PASSAGE, real_embeddings, shared_reranker)


def test_the_answer_gives_the_fact_in_the_sentence_after_its_topic_sentence_under_the_same_citation(icp_corpus):
    answer = icp_corpus.with_config(ON).ask(ICP).answer
    first, marks = cited_statements(answer)[0]
    assert first.startswith("The plan describes the integrated care provider (ICP) contract")
    assert "single budget" in first
    assert marks == "[1]"


def test_with_the_rule_off_the_answer_stops_at_the_topic_sentence(icp_corpus):
    assert "single budget" not in icp_corpus.with_config(OFF).ask(ICP).answer


def test_a_one_fact_answer_holding_its_figure_gains_no_next_sentence_and_reads_no_pair(shared_reranker):
    question = "How many people does each primary care network cover?"
    networks = [(0, "Each network typically covers 30,000 to 50,000 people."),
                (0, "NHS England set that range in the GP contract agreed in January 2019.")]
    pairs = shared_reranker.pairs_scored
    asked_for = lead_lacks(question, [networks[0][1]])
    assert with_read_continuation(question, [0], networks, shared_reranker, ON, asked_for=asked_for) == ([0], None)
    assert shared_reranker.pairs_scored == pairs


def test_a_one_fact_answer_lacking_its_date_gains_the_next_sentence_stating_it(shared_reranker):
    asked_for = lead_lacks(WHEN, [RESPONSE_TEAMS[0][1]])
    assert with_read_continuation(WHEN, [0], RESPONSE_TEAMS, shared_reranker, ON, asked_for=asked_for) == ([0, 1], 1)
