"""When the cross-encoder clearly ranks one passage first, the answer opens with that passage's sentence
(`lead_from_clear_winner`): a sentence of another passage that only shares the question's words must not lead."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import index_plan_and_framework

from assistant.config import DEFAULT_CONFIG
from assistant.lead_sentence import clear_winner

PLAN = """---
doc_id: ltp
title: The NHS Long Term Plan
kind: digest
---

# Chapter 2: Prevention
{page=30}

{para=2.9}
Smoking in hospitals, alcohol in hospitals and air pollution near hospitals are among the topics of the prevention
chapter. Smoking and hospitals both appear in its index.
"""

FRAMEWORK = """---
doc_id: framework
title: NHS Long Term Plan Implementation Framework
kind: digest
---

# Section 2: Prevention
{page=8}

{para=2.4}
Outpatients in mental health services who smoke are to be offered help to stop. On smoking in hospitals, systems are
asked to offer tobacco treatment to every inpatient who smokes by the end of March 2024, following the Ottawa Model.
"""

QUESTION = "what is the framework's ask on smoking in hospitals"


@pytest.fixture(scope="module")
def two_documents(tmp_path_factory, real_embeddings, shared_reranker):
    return index_plan_and_framework(tmp_path_factory.mktemp("clear_winner"), PLAN, FRAMEWORK, real_embeddings, shared_reranker)


def test_the_answer_opens_with_the_sentence_of_the_passage_the_cross_encoder_clearly_ranks_first(two_documents):
    # Today's sentence choice (rule off) opens from the framework here too: no small corpus was found where it does
    # not (docs, leadpass13). The unit specs below are what tell the rule's firing apart.
    hits = two_documents.retrieve(QUESTION)
    on = two_documents.with_config(replace(DEFAULT_CONFIG, lead_from_clear_winner=0.2))
    answer = on.ask(QUESTION)
    first = answer.answer.split(" [")[0]
    assert clear_winner([h.rerank_score for h in hits], 0.2) is not None
    assert hits[0].passage.doc_id == "framework"
    assert first in hits[0].passage.text
    assert "March 2024" in first


@pytest.mark.parametrize(
    ("scores", "margin", "winner"),
    [
        ([0.99, 0.72, 0.45], 0.2, 0),  # leads by 0.27: clear
        ([0.55, 0.44, 0.53], 0.2, None),  # a near tie: every passage's sentences may lead
        ([0.30, 0.90, 0.10], 0.2, 1),  # the cross-encoder's first, wherever retrieval put it
        ([0.45, 0.01], 0.2, None),  # first by far, but not judged to answer
        ([0.99, 0.72], 0.0, None),  # off
        ([0.99, None], 0.2, None),  # the other passage was not read
    ],
)
def test_a_passage_is_the_clear_winner_only_when_it_answers_and_leads_by_the_margin(scores, margin, winner):
    assert clear_winner(scores, margin) == winner
