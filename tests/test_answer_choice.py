"""Which sentences follow an answer's lead: one leaning on a chosen sentence comes with it, right after it; one the
cross-encoder judged to answer the question is close enough, however few of its words the question shares."""

from __future__ import annotations

import numpy as np

from assistant.answer import _choose
from assistant.config import DEFAULT_CONFIG

QUESTION = "what's the plan on mental health support teams in schools"
SCHOOLS = [
    (0, "The NHS will fund Mental Health Support Teams in schools, covering a fifth to a quarter of England."),
    (0, "Each team will work with the designated mental health lead of its school or college."),
    (1, "An extra 345,000 children and young people are to be supported by 2023/24 through NHS-funded services."),
    (2, "Local areas will get support to reshape their community mental health teams."),
]
APART = np.eye(len(SCHOOLS))
"""Sentence vectors that restate nothing of each other."""


def test_a_sentence_leaning_on_the_lead_joins_the_answer_right_after_it():
    scores = np.array([1.0, 0.85, 0.87, 0.7])
    assert _choose(QUESTION, SCHOOLS, scores, APART, one_fact=False) == [0, 1, 2]


def test_a_sentence_leaning_on_one_left_out_points_at_nothing_and_stays_out():
    candidates = [SCHOOLS[2], SCHOOLS[3], *SCHOOLS[:2]]  # the team sentence now leans on an unchosen one
    scores = np.array([0.87, 0.8, 0.5, 0.85])
    chosen = _choose(QUESTION, candidates, scores, APART, one_fact=False)
    assert 3 not in chosen


QUOTED = [
    (0, "The CSP backed urgent community response teams across England."),
    (1, "The CSP links urgent community response to its priority of investing in community rehabilitation."),
    (1, "CSP chief executive Karen Middleton likened the teams to advanced practice physiotherapists in GP surgeries."),
    (2, "GPs and ambulance services will be able to ask for an urgent response from community health services."),
]


def test_a_sentence_the_cross_encoder_judged_to_answer_is_kept_though_it_shares_few_of_the_questions_words():
    question = "what did karen middleton say about the urgent community response teams"
    scores = np.array([0.7, 0.56, 0.44, 0.6])  # the quote is far below the best on similarity alone
    read = np.array([0.9, 0.85, 0.92, 0.5])
    ranked = scores + DEFAULT_CONFIG.sentence_rerank_weight * read
    assert 2 in _choose(question, QUOTED, scores, np.eye(4), ranked=ranked, one_fact=False)


def test_without_the_cross_encoders_reading_the_similarity_margin_decides():
    question = "what did karen middleton say about the urgent community response teams"
    scores = np.array([0.7, 0.56, 0.44, 0.6])
    assert 2 not in _choose(question, QUOTED, scores, np.eye(4), one_fact=False)


def test_a_sentence_the_cross_encoder_judged_answering_no_better_than_the_lead_still_needs_close_similarity():
    question = "what did karen middleton say about the urgent community response teams"
    scores = np.array([0.7, 0.56, 0.44, 0.6])
    read = np.array([0.95, 0.85, 0.92, 0.5])  # the lead answers better: the quote adds length, not the answer
    ranked = scores + DEFAULT_CONFIG.sentence_rerank_weight * read
    assert 2 not in _choose(question, QUOTED, scores, np.eye(4), ranked=ranked, one_fact=False)


def test_another_passages_sentence_the_cross_encoder_never_read_does_not_follow_a_lead_it_judged_answering():
    question = "what did karen middleton say about the urgent community response teams"
    candidates = [*QUOTED, (3, "Community health services will receive more money and be reformed.")]
    scores = np.array([0.7, 0.56, 0.3, 0.6, 0.65])  # close to the best on similarity, yet never read
    read = np.array([0.9, 0.05, 0.2, 0.5, 0.0])  # the second is read and judged off the question
    ranked = scores + DEFAULT_CONFIG.sentence_rerank_weight * read
    chosen = _choose(question, candidates, scores, np.eye(5), ranked=ranked, one_fact=False)
    assert 4 not in chosen and 3 in chosen
