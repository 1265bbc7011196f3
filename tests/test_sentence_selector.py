"""With `sentence_selector` on, today's answer keeps its sentences and gains the sentence of its passages that the
fitted selector judges most likely to hold what was asked, when the answer has room: an announcing lead ("Several
cancer milestones fall within the planning period.") is followed by its passage's sentence with the dates, under the
same citation."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.sentence_selector import FEATURES, compose, features, probabilities

NEVER_REPEATS = lambda index, kept: False  # noqa: E731

MILESTONES = [
    (0, "Several cancer milestones fall within the five-year planning period."),
    (0, "Rapid diagnostic centres open across England from 2019, and a faster diagnosis standard starts in 2020."),
    (0, "Each of these is tracked by the national cancer programme."),
    (1, "Screening programmes will be modernised."),
]
SELECTOR = dataclasses.replace(DEFAULT_CONFIG, sentence_selector=True)


def test_the_most_probable_sentence_joins_right_after_the_sentence_of_its_passage_before_it():
    probability = np.array([0.9, 0.8, 0.1, 0.6])
    assert compose([0, 3], MILESTONES, probability, NEVER_REPEATS, SELECTOR) == [0, 1, 3]


def test_no_sentence_joins_below_the_threshold_past_the_budget_or_restating_one_shown():
    probability = np.array([0.9, 0.8, 0.1, 0.1])
    low = dataclasses.replace(SELECTOR, selector_threshold=0.85)
    tight = dataclasses.replace(SELECTOR, selector_budget=len(MILESTONES[0][1]) + 20)
    assert compose([0], MILESTONES, probability, NEVER_REPEATS, low) == [0]
    assert compose([0], MILESTONES, probability, NEVER_REPEATS, tight) == [0]
    assert compose([0], MILESTONES, probability, lambda index, kept: index == 1, SELECTOR) == [0]


def test_a_sentence_leaning_on_one_not_shown_does_not_join():
    probability = np.array([0.9, 0.1, 0.95, 0.1])
    assert compose([3], MILESTONES, probability, NEVER_REPEATS, SELECTOR) == [3, 0]


def test_the_fitted_weights_rank_the_announcing_leads_next_sentence_with_the_asked_for_dates_first():
    query = "When do the cancer milestones fall in the planning period?"
    scores = np.array([0.62, 0.55, 0.40, 0.35])
    rows = features(query, MILESTONES, scores, None, [0], [0.9, 0.2], one_fact=True)
    assert rows.shape == (4, len(FEATURES))
    probability = probabilities(rows, SELECTOR.selector_coefficients)
    assert probability[1] > 5 * max(probability[2], probability[3])
    undated = [(rank, text.replace("from 2019", "soon").replace("in 2020", "later")) for rank, text in MILESTONES]
    without = probabilities(features(query, undated, scores, None, [0], [0.9, 0.2], one_fact=True),
                            SELECTOR.selector_coefficients)
    assert probability[1] > 2 * without[1]


def test_coefficients_of_the_wrong_length_are_refused():
    rows = features("when?", MILESTONES, np.zeros(4), None, [0], [0.0, 0.0], one_fact=True)
    with pytest.raises(ValueError, match="selector_coefficients"):
        probabilities(rows, (0.0, 1.0))


PASSAGES = """
# 5. Cancer
{page=20}

{para=5.1}
Several cancer milestones fall within the five-year planning period. Rapid diagnostic centres open across England
from 2019, and the new faster diagnosis standard starts in 2020. The national cancer programme tracks each of them.

# 6. Urgent care
{page=24}

{para=6.1}
Acute frailty services are to run in every hospital with a type 1 emergency department. They should be open for at
least 70 hours a week. Patients referred to them should be assessed within 30 minutes of arrival.
"""


@pytest.fixture(scope="module")
def bundled(tmp_path_factory, real_embeddings, shared_reranker):
    """An assistant over the test corpus plus two three-sentence passages, indexed with the real model."""
    from conftest import make_assistant, write_corpus

    root = tmp_path_factory.mktemp("sentence-selector")
    corpus = write_corpus(root / "corpus")
    digest = corpus / "framework.md"
    digest.write_text(digest.read_text(encoding="utf-8") + PASSAGES, encoding="utf-8")
    assistant = make_assistant(corpus, root / "var", real_embeddings, shared_reranker)
    assistant.index(progress=False)
    return assistant


def _statements(answer: str) -> list[tuple[str, str]]:
    """Each statement of the answer with the citation marks that end it."""
    return re.findall(r"(.+?)\s((?:\[\d+\])+)(?:\s|$)", answer)


@pytest.mark.parametrize("question, lead_words, facts", [
    ("What cancer milestones fall within the five-year planning period?", "Several cancer milestones",
     ("2019", "2020")),
    ("How many hours a week should acute frailty services run, and how quickly must patients be assessed?",
     "70 hours", ("70 hours", "30 minutes")),
])
def test_an_answer_shows_the_facts_its_lead_passage_holds_each_cited(bundled, question, lead_words, facts):
    answer = bundled.with_config(dataclasses.replace(bundled.config, sentence_selector=True)).ask(question)
    assert not answer.abstained
    assert all(fact in answer.answer for fact in facts), answer.answer
    statements = _statements(answer.answer)
    assert statements and all(marks for _, marks in statements), answer.answer
    holder = next(c for c in answer.citations if lead_words in c.text)
    assert all(fact in holder.text for fact in facts)
