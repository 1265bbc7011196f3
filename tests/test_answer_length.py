"""A one-fact answer is its lead, plus a sentence only when that sentence adds a fact the question asks for; a
two-part question's answer holds a cited sentence for each part, each chosen on that part's own words."""

from __future__ import annotations

import re

import numpy as np
import pytest

from assistant.answer import _by_parts, extractive_answer, read_sentences
from assistant.asked_for import asked_kinds
from assistant.continuation import with_continuation
from assistant.one_fact import completing, is_one_fact
from assistant.retrieve import Hit
from assistant.subquestions import split_question
from indexer.passage import Passage


def answer_to(question: str, passages: list[str], embeddings, reranker):
    hits = [Hit(Passage(f"p{n}", "ltp", f"s{n}", ("Workforce",), text, order=n), 1.0 - n / 10, 0.8 - n / 10)
            for n, text in enumerate(passages)]
    parts = split_question(question)
    return extractive_answer(question, question, hits, {}, embeddings, parts=parts, reranker=reranker)


def statements(answer: str) -> list[str]:
    """The answer's sentences, each with the citation markers after it."""
    return re.findall(r"[^\[]+?(?:\[\d+\])+", answer)


def test_each_part_of_a_two_part_question_gets_its_own_cited_sentence(real_embeddings, shared_reranker):
    question = "What nursing vacancy rate is the plan aiming for, and how many medical school places a year will there be?"
    answer = answer_to(question, [
        "The stated aim is to bring the nursing vacancy rate down to 5% by 2028.",
        "Medical school places are being increased from 6,000 to 7,500 a year.",
    ], real_embeddings, shared_reranker)
    shown = statements(answer.answer)
    assert "5% by 2028" in shown[0], answer.answer
    assert any("7,500" in s for s in shown[1:]), answer.answer
    assert len(answer.citations) == 2


class TableEmbeddings:
    """Vectors set by hand, so the test decides which sentences each part is about."""

    def __init__(self, vectors: dict[str, list[float]]):
        self.vectors = vectors

    def embed_query(self, text: str) -> list[float]:
        return self.vectors[text]

    def embed_sentences(self, texts: list[str]) -> np.ndarray:
        return np.array([self.vectors[t] for t in texts])


def test_a_sentence_the_whole_question_liked_but_no_part_does_is_left_out():
    parts = ["what nursing vacancy rate is the plan aiming for", "how many medical school places a year will there be"]
    sentences = {
        "The stated aim is to bring the nursing vacancy rate down to 5% by 2028.": [1, 0, 0, 0],
        "Medical school places are being increased from 6,000 to 7,500 a year.": [0, 1, 0, 0],
        "Nursing vacancies are high in some regions.": [0.9, 0, 0.436, 0],
        "Medical schools will compete for places.": [0, 0.9, 0.436, 0],
        "Nurses said the vacancy rate matters.": [0.85, 0, 0.527, 0],
        "Medical school places could rise further.": [0, 0.85, 0.527, 0],
        "Doctors and nurses train in many settings.": [0.3, 0.3, 0, 0.906],  # between both topics
    }
    candidates = list(enumerate(sentences))
    embeddings = TableEmbeddings({parts[0]: [1, 0, 0, 0], parts[1]: [0, 1, 0, 0], **sentences})
    chosen = _by_parts(parts, [0, 6], candidates, read_sentences(candidates, embeddings), embeddings)
    assert [candidates[c][1][:20] for c in chosen] == ["The stated aim is to", "Medical school place"]


def test_a_sentence_answering_both_parts_is_shown_once(real_embeddings, shared_reranker):
    question = "How many link workers are we getting, and how many people should have a personal health budget?"
    both = ("System plans should aim for up to 200,000 people to have a personal health budget by 2023/24, and for "
            "more than 1,000 social prescribing link workers by 2020/21.")
    answer = answer_to(question, [both, "Personal health budgets give people more say over their care."],
                       real_embeddings, shared_reranker)
    assert answer.answer.count("200,000") == 1 and "1,000" in answer.answer
    assert len(statements(answer.answer)) == 1, answer.answer


def test_a_sentence_that_completed_the_old_lead_goes_once_the_asked_for_date_leads():
    question = "When should ICSs cover the whole of England?"
    candidates = [(0, "Another headline metric is integrated care systems covering the whole of England."),
                  (1, "Integrated care systems will cover all of England by April 2021.")]
    assert completing(question, [1, 0], candidates) == [1]


def test_the_other_end_of_an_asked_for_range_stays():
    question = "When is the provider sector expected back in financial balance?"
    candidates = [(0, "The provider sector is to return to financial balance in 2020/21."),
                  (0, "Every organisation is to follow by 2023/24.")]
    assert completing(question, [0, 1], candidates) == [0, 1]


MSK = [(0, "For people with MSK problems, the plan commits to widening access to self-management."),
       (0, "Its example is ESCAPE-pain, an online version of an established group exercise programme.")]


def test_a_one_fact_answer_takes_the_leads_next_sentence_only_when_it_holds_the_asked_for_kind():
    assert with_continuation([0], MSK, one_fact=True) == ([0, 1], 1)  # no kind asked: the named example
    assert with_continuation([0], MSK, one_fact=True, asked_for=lambda text: "2020" in text) == ([0], None)


@pytest.mark.parametrize("question", [
    "What's the guaranteed extra spend on primary medical and community health services by 2023/24?",
    "Is there any extra cash so that homeless people can see a psychiatric team?",
    "Where in the implementation framework are the financial assumptions for strategic plans?",
    "At what point does the plan count someone as a long-stay patient?",
])
def test_a_question_asking_for_a_kind_of_fact_in_other_words_is_a_one_fact_question(question):
    assert is_one_fact(question)


@pytest.mark.parametrize("question", [
    "What does the LTP commit to for people in their last year of life?",
    "How many physical health checks a year will people with SMI get?",
    "What goes into a five-year plan?",
])
def test_year_as_a_noun_asks_for_no_date(question):
    assert "date" not in asked_kinds(question)


def test_what_years_asks_for_a_date():
    assert "date" in asked_kinds("what years does our system plan have to cover?")


@pytest.mark.parametrize(("question", "parts"), [
    ("For LD and autism: what's the cap on inpatients per million, and when do the kids get a keyworker?",
     ["For LD and autism: what's the cap on inpatients per million", "when do the kids get a keyworker"]),
    ("Stroke: what proportion of patients should get mechanical thrombectomy, and by when?",
     ["Stroke: what proportion of patients should get mechanical thrombectomy",
      "Stroke: by when proportion of patients should get mechanical thrombectomy"]),
    ("In the CSP stroke briefing, when should self-management start, and what does it say about palliative care?",
     ["In the CSP stroke briefing, when should self-management start",
      "In the CSP stroke briefing, what does it say about palliative care"]),
    ("With SDEC, what share goes home the same day? And how many hours a week should frailty services run?",
     ["With SDEC, what share goes home the same day", "how many hours a week should frailty services run"]),
    ("what share of its budget goes on mental health, and whose target does that meet?",
     ["what share of its budget goes on mental health", "whose target does that meet share of its budget goes on "
      "mental health"]),
])
def test_a_later_part_takes_the_setting_the_question_opened_with(question, parts):
    assert split_question(question) == parts
