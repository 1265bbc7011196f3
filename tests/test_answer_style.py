"""Answers read like a knowledgeable colleague wrote them: the answer first, each fact once, lists complete,
broad questions as bullets, digest labels gone; and the style is measured beside the facts."""

from __future__ import annotations

import re

import numpy as np
import pytest

from assistant.answer_style import first_sentence, repeated_figures
from assistant.subquestions import split_question
from assistant.wording import clean_sentence


@pytest.mark.parametrize(
    ("digest", "shown"),
    [
        ("Timeline for five-year system plans: drafts are due by mid-September 2019.",
         "Drafts are due by mid-September 2019."),
        ("According to published summaries, final plans follow in November 2019.",
         "Final plans follow in November 2019."),
        ("Smoking commitments by March 2024: every smoker is offered help.",  # the label holds the date: kept
         "Smoking commitments by March 2024: every smoker is offered help."),
        ("The plan lists five changes:", "The plan lists five changes."),  # never ends mid-sentence
        ("The first is a strategy delivery plan: a narrative of what the system will do.",  # a statement, no label
         "The first is a strategy delivery plan: a narrative of what the system will do."),
        ("Because they are foundational, these are not optional: each plan must say how.",
         "Because they are foundational, these are not optional: each plan must say how."),
    ],
)
def test_digest_labels_are_rendered_as_plain_sentences(digest, shown):
    assert clean_sentence(digest) == shown


def test_label_led_digest_sentence_is_shown_clean_in_an_answer(indexed):
    answer = indexed.ask("By when must the NHS cut air pollutant emissions from its fleet?")
    assert not answer.abstained
    assert not re.match(r"^[A-Z][\w ]{0,40}:", answer.answer)


def test_a_fact_several_passages_state_is_given_once_with_every_citation():
    from assistant.answer import _supporting

    candidates = [
        (0, "Primary care networks typically cover 30,000 to 50,000 people."),
        (1, "Each network serves 30,000 to 50,000 patients."),
        (2, "Draft plans are due by mid-September 2019."),
    ]
    vectors = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])
    assert _supporting([0], candidates, vectors) == {0: [1]}


def test_repeated_figure_is_stated_once_with_two_citations(indexed):
    answer = indexed.ask("How many people does a primary care network cover?")
    assert answer.answer.count("30,000") == 1
    assert repeated_figures(answer.answer) == []


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("How many link workers are PCNs getting, and by when?", 2),
        ("What is a PCN and what is an ICS?", 2),
        ("When are drafts due? When are final plans due?", 2),
        ("How big is a primary care network?", 1),
        ("Which systems and networks take part?", 1),
    ],
)
def test_two_part_questions_are_split_into_parts(question, parts):
    assert len(split_question(question)) == parts


def test_a_two_part_question_cites_an_answer_to_each_part(indexed):
    answer = indexed.ask("When are draft system plans due, and when do the final versions follow?")
    assert "mid-September 2019" in answer.answer and "November 2019" in answer.answer
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers == {c.n for c in answer.citations}


def test_one_fact_question_puts_the_fact_in_the_first_sentence(indexed):
    answer = indexed.ask("How many people does a primary care network cover?")
    assert "30,000" in first_sentence(answer.answer)


def test_chapter_list_is_answered_from_the_outline(indexed):
    answer = indexed.ask("What are the annexes of the implementation framework?")
    assert not answer.abstained
    bullets = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert bullets == ["- Annex C: LTP headline metrics [1]"]
    assert answer.citations[0].section.startswith("Annex C")


def test_broad_question_gets_bullets_from_different_passages(indexed):
    answer = indexed.ask("What's in chapter 1 of the plan?")
    bullets = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert 3 <= len(bullets) <= 6
    cited = [re.findall(r"\[(\d+)\]", b) for b in bullets]
    assert all(cited) and len({c[0] for c in cited}) == len(bullets)
    assert not answer.answer.splitlines()[0].startswith("- ")


def test_style_measures_count_a_figure_stated_twice():
    assert repeated_figures("Networks cover 30,000 people [1]. Each covers 30,000 people [2].") == ["30,000"]
    assert repeated_figures("Networks cover 30,000 people [1][2]. Drafts are due in 2019 [3].") == []
    assert repeated_figures("Spend rises £4.5 billion by 2023/24 [1]. Link workers by 2023/24 [2].") == []
    assert first_sentence("Due by 2019 [1]. More [2].") == "Due by 2019 "
