"""items24: a question asking for several items whose answer reads other passages, while an uncited top passage the
cross-encoder is nearly sure of names the items ("what are the NHS's own prevention programmes in the plan?"), gains
that passage's items sentence; a part asking for a count no statement states gains an uncited passage's sentence
stating it. Off by default (the default answers are unchanged); with it on an answer only grows, and the programme
finder's chat answers are left as they are."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.uncited_parts import with_part_facts
from tests.test_finder23 import FINDER_CHAT_TESTS
from tests.test_list23 import fake_answer, fake_hit

PREVENTION = "what are the NHS's own prevention programmes in the plan?"
PROGRAMMES = ("alcohol care teams", "tobacco treatment", "diabetes prevention programme")


@pytest.fixture(scope="module")
def items_on(bundled_assistant):
    return bundled_assistant.with_config(replace(DEFAULT_CONFIG, items24=True))


def test_a_list_answer_gains_the_programmes_an_uncited_top_passage_names_only_with_the_switch_on(bundled_assistant,
                                                                                                  items_on):
    assert not DEFAULT_CONFIG.items24
    off, on = bundled_assistant.ask(PREVENTION), items_on.ask(PREVENTION)
    assert not all(item in off.answer.lower() for item in PROGRAMMES)
    assert all(item in on.answer.lower() for item in PROGRAMMES)
    # Only added: the default answer is the start of the new one, with one citation more.
    assert on.answer.startswith(off.answer.rstrip())
    assert len(on.citations) == len(off.citations) + 1


def test_a_one_fact_question_is_answered_as_before(bundled_assistant, items_on):
    question = "How many extra staff will primary care networks recruit?"
    assert items_on.ask(question).answer == bundled_assistant.ask(question).answer


@pytest.fixture(scope="module")
def indexed_on(indexed):
    return indexed.with_config(replace(DEFAULT_CONFIG, items24=True))


@pytest.mark.parametrize("test", FINDER_CHAT_TESTS)
def test_the_finders_chat_tests_pass_with_items24(indexed_on, test):
    test(indexed_on)


def test_a_part_asking_for_a_count_no_statement_states_gains_an_uncited_passages_sentence_stating_it():
    parts = ["How much more goes into mental health by 2023/24", "how many more adults get talking therapies?"]
    answer = fake_answer("Mental health funding rises by £2.3 billion a year. [1]", "p1")
    other = fake_hit("p2", "Services will widen. Another 380,000 adults a year are to get talking therapies.", 0.95)
    added = with_part_facts(answer, parts, [other], {}, 5, 0.9, 300, 1)
    assert added.answer.endswith("Another 380,000 adults a year are to get talking therapies. [2]")
    assert [c.passage_id for c in added.citations] == ["p1", "p2"]
    # Below the floor, or when a statement already states a count: unchanged.
    assert with_part_facts(answer, parts, [replace(other, rerank_score=0.5)], {}, 5, 0.9, 300, 1) is answer
    counted = fake_answer("Funding rises by £2.3 billion and 1,000 more staff. [1]", "p1")
    assert with_part_facts(counted, parts, [other], {}, 5, 0.9, 300, 1) is counted
