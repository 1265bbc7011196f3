"""With `concise20` on, a one-fact answer leaves out a later statement from another passage that names nothing the
question asked; the fact stays. Off (the default), answers stay as they are."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.answer import extractive_answer
from assistant.concise_answers import kept
from assistant.config import DEFAULT_CONFIG
from assistant.retrieve import Hit
from indexer.passage import Passage

QUESTION = "whats the learning disability headline metric in annex c"
METRIC = ("For learning disability and autism, the headline metrics are being on the agreed trajectory to halve the "
          "inpatient rate by 2023/24, and raising physical health checks for people with a learning disability to 75% "
          "of those aged over 14.")
ANNEX = "Annex C, from printed page 40, lists the headline metrics for tracking whether the Long Term Plan is being delivered."
NEIGHBOUR = "Keyworkers will be provided first for inpatients among children and young people with autism."
READ = [METRIC, ANNEX, NEIGHBOUR, "The plan's headline metrics are listed for each programme.",
        "Mental health metrics cover access to talking therapies."]


def test_a_statement_from_another_passage_naming_nothing_asked_goes():
    assert kept(QUESTION, [(METRIC, [0]), (NEIGHBOUR, [1])], READ, 0.35) == [(METRIC, [0])]


@pytest.mark.parametrize(
    ("statements", "question", "two_part"),
    [
        ([(METRIC, [0]), (NEIGHBOUR, [0])], QUESTION, False),  # the lead's own passage: it may complete the fact
        ([(METRIC, [0]), (NEIGHBOUR, [1])], "which metrics does annex c list for learning disability?", False),
        ([(METRIC, [0]), (NEIGHBOUR, [1])], QUESTION, True),  # a part per statement
        ([(NEIGHBOUR, [1]), (METRIC, [0])], QUESTION, False),  # the later statement names more
        ([(METRIC, [0])], QUESTION, False),  # one statement
    ],
)
def test_the_statements_stay(statements, question, two_part):
    assert kept(question, statements, READ, 0.35, two_part) == statements


ANNEX_C = [  # the digest's passages on Annex C's metrics, as retrieval ranks them for the question
    METRIC,
    ANNEX + " NHS England also put the same metrics on its 'Long Term Plan Headline Metrics' web page, pairing each "
    "with one or more underpinning measures, which the entries below note where we checked them.",
    "One more headline metric tracks whether the agreed waiting-time and clinical standards are being put in place, "
    "beginning with urgent and emergency care, elective care and cancer. For the full list of services this metric "
    "covers, and any other rows of the table, see the official Annex C from page 40.",
    "For maternity and children's health, the headline metric is progress along the agreed trajectory towards halving "
    "(a 50% reduction in) stillbirths, neonatal deaths, maternal deaths and brain injuries by 2025.",
]


def answer_to(question: str, passages: list[str], embeddings, reranker, config) -> str:
    hits = [Hit(Passage(f"p{n}", "ltp", f"s{n}", ("Annex C",), text, order=n), 1.0 - n / 10, 0.8 - n / 10)
            for n, text in enumerate(passages)]
    return extractive_answer(question, question, hits, {}, embeddings, reranker=reranker, config=config).answer


def test_a_one_fact_answer_is_shorter_and_keeps_its_fact_only_with_the_switch_on(real_embeddings, shared_reranker):
    on_config = replace(DEFAULT_CONFIG, concise20=True, concise20_margin=0.35)  # the annex names "annex c": 0.35 below
    today = answer_to(QUESTION, ANNEX_C, real_embeddings, shared_reranker, DEFAULT_CONFIG)
    on = answer_to(QUESTION, ANNEX_C, real_embeddings, shared_reranker, on_config)
    assert "Annex C, from printed page 40" in today, today  # the default: the annex's framing sentence follows
    assert "75% of those aged over 14" in on and "printed page 40" not in on, on
    assert len(on) < len(today)


def test_a_margin_beyond_the_whole_question_is_refused():
    with pytest.raises(ValueError, match="concise20_margin"):
        replace(DEFAULT_CONFIG, concise20_margin=1.5)
