"""A user who names a document ("what does the framework say ...", "is that in the ltp?") wants that document's
passage, not another document's restatement of the same point; and a question typed in the users' short forms
("msk fcps in pcns") finds the passage that spells them out."""

from __future__ import annotations

import pytest
from conftest import index_plan_and_framework

from assistant.search_query import named_documents
from indexer.passage import Document

DOCUMENTS = {
    "ltp": Document("ltp", "The NHS Long Term Plan", "Long Term Plan"),
    "framework": Document("framework", "NHS Long Term Plan Implementation Framework", "Implementation Framework"),
    "csp": Document("csp", "CSP guidance on the NHS Long Term Plan", "CSP guidance"),
}


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("eating disorder waiting times in the framework?", {"framework"}),
        ("what's the ltp target for cardiac rehab uptake?", {"ltp"}),
        ("what does the NHS long-term plan say about stroke?", {"ltp"}),
        # the framework's title holds the plan's name: it names the framework alone
        ("what does the Long Term Plan Implementation Framework ask of systems?", {"framework"}),
        ("what worries did the CSP raise about the LTP?", {"csp", "ltp"}),
        ("what does the plan say about volunteers?", set()),
    ],
)
def test_the_documents_a_question_names(question, named):
    assert named_documents(question, DOCUMENTS) == named


PLAN = """---
doc_id: ltp
title: The NHS Long Term Plan
kind: digest
---

# Chapter 3: Children and young people's mental health
{page=50}

{para=3.1}
Children and young people with an eating disorder will get help quickly: services expand so that waits shrink for
both urgent and routine cases.

# Chapter 4: Primary care networks
{page=60}

{para=4.1}
Every primary care network can recruit first contact practitioners for musculoskeletal problems, so patients see a
physiotherapist without waiting for a GP.
"""

FRAMEWORK = """---
doc_id: framework
title: NHS Long Term Plan Implementation Framework
kind: digest
---

# Section 2: Mental health access targets
{page=12}

{para=2.1}
Children and young people's eating disorder services are to see 95% of urgent cases within one week and routine
cases within four weeks.
"""

@pytest.fixture(scope="module")
def two_documents(tmp_path_factory, real_embeddings, shared_reranker):
    return index_plan_and_framework(tmp_path_factory.mktemp("named"), PLAN, FRAMEWORK, real_embeddings, shared_reranker)


def test_a_question_naming_the_framework_finds_the_frameworks_passage_first(two_documents):
    question = "what does the framework say about waits for children with eating disorders?"
    assert two_documents.retrieve(question, k=1)[0].passage.doc_id == "framework"


def test_a_question_naming_the_plan_finds_the_plans_passage_first(two_documents):
    question = "what does the ltp say about waits for children with eating disorders?"
    assert two_documents.retrieve(question, k=1)[0].passage.doc_id == "ltp"


def test_a_question_in_the_users_short_forms_finds_the_passage_that_spells_them_out(two_documents):
    hit = two_documents.retrieve("can pcns hire msk fcps?", k=1)[0]
    assert "first contact practitioners for musculoskeletal" in hit.passage.text
