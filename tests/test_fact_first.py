"""With `fact_first` on, the answer opens with the statement the cross-encoder reads as answering the question, when
a later one answers it better than the lead; the same statements, reordered. Off (the default), answers stay as
they are."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.answer import extractive_answer
from assistant.answer_style import first_sentence
from assistant.config import DEFAULT_CONFIG
from assistant.fact_first import leading
from assistant.retrieve import Hit
from indexer.passage import Passage


class ScoredReranker:
    """A cross-encoder whose (question, text) scores are given: each text's score, 0.5 when not listed."""

    def __init__(self, scores: dict[str, float]):
        self.scores = scores
        self.read: list[str] = []

    def room(self, wanted: int) -> int:
        return wanted

    def score(self, query: str, texts: list[str]) -> list[float]:
        self.read += texts
        return [self.scores.get(t, 0.5) for t in texts]


CONTEXT = "In January 2020 the CSP backed the move to urgent community response teams across England."
ANSWER = "Recruiting teams starts in seven parts of England in April 2020."
LEANING = "It starts in seven parts of England in April 2020."
QUESTION = "where did urgent community response teams start recruiting?"


def test_the_statement_read_as_answering_best_leads():
    reranker = ScoredReranker({CONTEXT: 0.2, ANSWER: 0.9})
    assert leading(QUESTION, [CONTEXT, ANSWER], reranker, 0.0) == 1


@pytest.mark.parametrize(
    ("statements", "scores", "margin", "question", "two_part"),
    [
        ([CONTEXT, ANSWER], {CONTEXT: 0.9, ANSWER: 0.2}, 0.0, QUESTION, False),  # the lead reads best already
        ([CONTEXT, ANSWER], {CONTEXT: 0.5, ANSWER: 0.6}, 1.0, QUESTION, False),  # better, but within the margin
        ([CONTEXT, LEANING], {CONTEXT: 0.2, LEANING: 0.9}, 0.0, QUESTION, False),  # leans back: cannot open
        ([CONTEXT, ANSWER], {CONTEXT: 0.2, ANSWER: 0.9}, 0.0, "which teams start first?", False),  # a list
        ([CONTEXT, ANSWER], {CONTEXT: 0.2, ANSWER: 0.9}, 0.0, QUESTION, True),  # a part per statement
        ([ANSWER], {ANSWER: 0.9}, 0.0, QUESTION, False),  # one statement
    ],
)
def test_the_lead_stays(statements, scores, margin, question, two_part):
    assert leading(question, statements, ScoredReranker(scores), margin, two_part) == 0


def test_without_a_cross_encoder_the_lead_stays():
    assert leading(QUESTION, [CONTEXT, ANSWER], None, 0.0) == 0



CANCER_METRICS = [  # the digest's Annex C passages (framework), as retrieval ranks them for the question below
    "The cancer metrics are improved one-year and five-year survival, and keeping to the trajectory agreed for diagnosing "
    "75% of cancer patients at stage 1 or stage 2 by 2028. The web page's measures include the proportion of cancers "
    "found at stage 1 or 2, alongside a measure of cancer survival.",
    "One more headline metric tracks whether the agreed waiting-time and clinical standards are being put in place, "
    "beginning with urgent and emergency care, elective care and cancer. For the full list of services this metric "
    "covers, and any other rows of the table, see the official Annex C from page 40.",
]
STAGE_TARGET = "what's the stage target exactly?"


def answer_to(question: str, passages: list[str], embeddings, reranker, config) -> str:
    hits = [Hit(Passage(f"p{n}", "framework", f"s{n}", ("Annex C",), text, order=n), 1.0 - n / 10, 0.8 - n / 10)
            for n, text in enumerate(passages)]
    return extractive_answer(question, question, hits, {}, embeddings, reranker=reranker, config=config).answer


def test_a_one_fact_answer_leads_with_the_asked_figure_only_with_the_switch_on(real_embeddings, shared_reranker):
    today = answer_to(STAGE_TARGET, CANCER_METRICS, real_embeddings, shared_reranker, DEFAULT_CONFIG)
    on = answer_to(STAGE_TARGET, CANCER_METRICS, real_embeddings, shared_reranker,
                   replace(DEFAULT_CONFIG, fact_first=True))
    assert "75%" in today and "75%" not in first_sentence(today), today  # the default: the target comes second
    assert "75%" in first_sentence(on), on
    assert sorted(re.split(r"(?<=\]) ", on)) == sorted(re.split(r"(?<=\]) ", today))  # the same statements, reordered
