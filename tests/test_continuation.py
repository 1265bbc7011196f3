"""An answer's lead is shown with its own next sentence when that sentence carries it on and adds the detail."""

from __future__ import annotations

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.continuation import continuation, with_continuation

MSK = [(0, "For people with MSK problems, the plan commits to widening access to self-management support online."),
       (0, "Its example is ESCAPE-pain, an online version of an established group exercise programme."),
       (1, "Physiotherapists will work in primary care networks.")]


def test_the_sentence_that_names_the_example_the_lead_only_promises_is_shown_with_it():
    assert continuation([0, 2], MSK) == 1


@pytest.mark.parametrize(
    ("candidates", "why"),
    [([(0, "The plan widens online self-management."), (1, "Its example is ESCAPE-pain.")], "another passage"),
     ([(0, "The plan widens online self-management."), (0, "ESCAPE-pain is an online exercise programme.")],
      "stands alone: a point of its own"),
     ([(0, "The plan widens online self-management for ESCAPE-pain."), (0, "It is an online programme.")],
      "adds nothing the lead lacks")],
)
def test_no_continuation_from_another_passage_or_one_that_is_a_new_point_or_adds_nothing(candidates, why):
    assert continuation([0], candidates) is None, why


def test_a_lead_that_states_a_figure_or_year_is_the_fact_and_needs_nothing_more():
    candidates = [(0, "A network typically serves 30,000 to 50,000 people."),
                  (0, "Each of them has a named clinical director from 2019.")]
    assert continuation([0], candidates) is None


def test_a_lead_already_in_the_answer_with_its_next_sentence_is_left_as_it_is():
    assert continuation([0, 1], MSK) is None


OTHER = (2, "Every system should plan for more first contact practitioners in primary care networks.")


def test_a_lead_standing_alone_gets_its_continuation():
    assert with_continuation([0], MSK, one_fact=False) == ([0, 1], 1)


def test_a_full_lead_with_other_sentences_behind_it_is_left_as_chosen():
    assert with_continuation([0, 2], MSK, one_fact=False) == ([0, 2], None)


def test_a_lead_that_only_names_its_topic_gets_its_continuation_in_place_of_the_last_sentence():
    candidates = [(0, "Pneumonia adds heavily to winter pressure."),
                  (0, "To ease it, the Long Term Plan wants risk scoring used more consistently."),
                  (1, "Respiratory disease is a clinical priority of the plan."), OTHER]
    full = [0, 2, 3][:DEFAULT_CONFIG.max_sentences]
    assert with_continuation(full, candidates, one_fact=False) == ([0, 1, 2], 1)
    # a two-part question's later sentences answer its other part: they stay
    assert with_continuation(full, candidates, one_fact=False, two_part=True) == (full, None)
