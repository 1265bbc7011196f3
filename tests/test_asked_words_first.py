"""With `first19` on, the answer opens with the statement that holds the question's distinctive words when its lead is
a passage's context sentence; the same statements, reordered. Off (the default), answers stay as they are."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.answer import extractive_answer
from assistant.answer_style import first_sentence
from assistant.asked_words_first import leading, term_weights
from assistant.config import DEFAULT_CONFIG
from assistant.retrieve import Hit
from indexer.passage import Passage

CONTEXT = ("In a 2019 briefing on the Long Term Plan's commitments for older people, the CSP and AGILE say that "
           "physiotherapists should be members of multi-professional community teams.")
NAMED = ("The older people's briefing asks for services that make the most of what physiotherapists contribute to "
         "advance care planning and to comprehensive geriatric assessment.")
LEANING = "It asks for services that make the most of what physiotherapists contribute to advance care planning."
OTHER = "Community teams will be aligned to the new primary care networks."
QUESTION = "what did the csp's older people briefing say about what physios contribute"
READ = [CONTEXT, NAMED, OTHER, "Physiotherapists who specialise in older people's care should be involved early."]


def test_the_statement_naming_what_was_asked_leads():
    assert leading(QUESTION, [CONTEXT, NAMED], READ, 0.15) == 1


def test_words_that_ask_name_nothing():
    assert not {"what", "did", "say", "csp"} & set(term_weights(QUESTION, READ))


@pytest.mark.parametrize(
    ("statements", "margin", "question", "two_part"),
    [
        ([NAMED, CONTEXT], 0.15, QUESTION, False),  # the lead names it already
        ([CONTEXT, NAMED], 0.9, QUESTION, False),  # it names more, but within the margin
        ([CONTEXT, LEANING], 0.15, QUESTION, False),  # leans back: cannot open
        ([CONTEXT, NAMED], 0.15, "which contributions does the older people briefing list?", False),  # a list
        ([CONTEXT, NAMED], 0.15, QUESTION, True),  # a part per statement
        ([CONTEXT, OTHER], 0.15, QUESTION, False),  # the later statement names less
        ([NAMED], 0.15, QUESTION, False),  # one statement
    ],
)
def test_the_lead_stays(statements, margin, question, two_part):
    assert leading(question, statements, READ, margin, two_part) == 0


OLDER_PEOPLE = [  # the CSP digest's passages on its older people briefing, as retrieval ranks them for the question
    "In a 2019 briefing on the Long Term Plan's commitments for older people, the CSP and AGILE (the CSP's "
    "professional network for physiotherapists working with older people) say that physiotherapists and therapy "
    "support workers should be members of multi-professional community teams, whose work should centre on reablement "
    "and rehabilitation so that older people keep as much independence as possible. The roles of physiotherapists and "
    "therapy support workers should reach further into both community and primary care.",
    "The older people's briefing asks for services that make the most of what physiotherapists contribute to advance "
    "care planning, to personalised care and support planning, and to comprehensive geriatric assessment. People with "
    "complex or multiple long-term conditions and changing rehabilitation needs should be able to reach services "
    "quickly to prevent crises.",
]


def answer_to(question: str, passages: list[str], embeddings, reranker, config) -> str:
    hits = [Hit(Passage(f"p{n}", "csp", f"s{n}", ("Older people",), text, order=n), 1.0 - n / 10, 0.8 - n / 10)
            for n, text in enumerate(passages)]
    return extractive_answer(question, question, hits, {}, embeddings, reranker=reranker, config=config).answer


def test_an_answer_leads_with_what_was_asked_only_with_the_switch_on(real_embeddings, shared_reranker):
    today = answer_to(QUESTION, OLDER_PEOPLE, real_embeddings, shared_reranker, DEFAULT_CONFIG)
    on = answer_to(QUESTION, OLDER_PEOPLE, real_embeddings, shared_reranker, replace(DEFAULT_CONFIG, first19=True))
    fact = "advance care planning"
    assert fact in today and fact not in first_sentence(today), today  # the default: the briefing's context leads
    assert fact in first_sentence(on), on
    assert statements(on) == statements(today)  # the same statements, reordered (citations renumbered)


def statements(answer: str) -> list[str]:
    return sorted(s.strip() for s in re.split(r"(?:\[\d+\])+", answer) if s.strip())


def test_a_margin_beyond_the_whole_question_is_refused():
    with pytest.raises(ValueError, match="first19_margin"):
        replace(DEFAULT_CONFIG, first19_margin=1.5)
