"""A part of a two-part question asking for a figure, date or share that the answer leaves unanswered gets the cited
passage's sentence that answers it (round 19, `contains19`). Off by default: the default answers stay as they are."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import index_plan_and_framework

from assistant.config import DEFAULT_CONFIG
from assistant.part_figures import answers_part, part_answers, unanswered_parts, wanted_kinds

PLAN = """---
doc_id: ltp
title: The NHS Long Term Plan
kind: digest
---

# Chapter 2: Prevention
{page=38}

{para=2.22}
Hospitals with the highest rates of alcohol dependence-related admissions will establish specialist Alcohol Care
Teams, so that people admitted because of their drinking are cared for by experts in alcohol dependence. Hospitals in
six places, including Bolton, Salford and Nottingham, have already shown what such teams can do. If the worst
affected 25% of hospitals have them, ACTs could avoid 50,000 admissions in five years.

{para=2.30}
Air pollution is linked to heart disease and stroke, and the NHS will cut its own business mileage and fleet
emissions.
"""

FRAMEWORK = """---
doc_id: framework
title: NHS Long Term Plan Implementation Framework
kind: digest
---

# Section 2: Prevention
{page=12}

{para=2.4}
Systems should plan for Alcohol Care Teams in the hospitals with the highest rates of alcohol-related admissions.
"""

QUESTION = "alcohol care teams - which hospitals get them and how many admissions does the plan think they'd save?"


@pytest.fixture(scope="module")
def alcohol(tmp_path_factory, real_embeddings, shared_reranker):
    return index_plan_and_framework(tmp_path_factory.mktemp("part_figures"), PLAN, FRAMEWORK, real_embeddings,
                                    shared_reranker)


def test_the_unanswered_count_joins_the_answer_only_with_the_switch_on(alcohol):
    off = alcohol.ask(QUESTION)
    on = alcohol.with_config(replace(DEFAULT_CONFIG, contains19=True)).ask(QUESTION)
    assert "50,000" not in off.answer  # the default: sentences about which hospitals, none counting admissions
    assert on.answer.startswith(off.answer.rstrip())  # nothing the default said leaves or moves
    assert "ACTs could avoid 50,000 admissions in five years." in on.answer
    assert {c.doc_id for c in on.citations} >= {"ltp"}


def test_a_statement_answers_a_part_only_with_the_kind_asked_about_what_it_asks():
    part = "how many admissions could alcohol care teams avoid"
    assert answers_part("ACTs could avoid 50,000 admissions in five years.", part)
    assert not answers_part("Hospitals in six places have already set up alcohol care teams.", part)  # no count
    assert not answers_part("The fund is worth 50,000 pounds.", part)  # counts no admissions
    assert not answers_part("Air pollution causes 36,000 admissions.", "when will the teams start")  # no date


def test_only_unanswered_parts_get_a_sentence_and_only_one_each():
    parts = ["which hospitals get alcohol care teams", "how many admissions could they avoid"]
    shown = ["Hospitals with the most alcohol-related admissions will set up Alcohol Care Teams."]
    assert unanswered_parts(parts, shown) == [parts[1]]
    candidates = [(0, shown[0]), (0, "ACTs could avoid 50,000 admissions in five years."),
                  (0, "Teams could avoid 40,000 admissions over ten years."), (1, "Teams avoid 9,000 admissions.")]
    assert part_answers(parts, shown, candidates, [3.0, 1.0, 2.0, 5.0], {0}) == [2]  # best read, cited passages only
    assert part_answers(parts, [*shown, candidates[1][1]], candidates, [3.0, 1.0, 2.0, 5.0], {0}) == []


def test_when_asks_for_a_date_only_where_it_opens_a_clause():
    assert "date" in wanted_kinds("where did it start and when should the whole country be covered")
    assert "date" not in wanted_kinds("do dads get any support when mum is under the perinatal team")


def test_a_shown_count_after_its_noun_answers_the_part_but_such_a_sentence_is_not_added():
    part = "how many medical school places a year after the expansion"
    shown = ["Medical school places are being increased from 6,000 to 7,500 a year."]
    assert unanswered_parts([part], shown) == []
    assert not answers_part(shown[0], part)  # a sentence to add must count places as "7,500 places" does
