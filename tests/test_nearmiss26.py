"""PipelineConfig.nearmiss26 (assistant/near_miss.py): a question asking the figure of a thing the documents never
name ("the door-to-needle time", "the Category 2 response time") is refused naming it, pointing to the nearest
passages as `related` and citing none; a question in the user's own words for what the documents cover ("kids") is
still answered; off (the default), answers are as before."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.near_miss import unnamed_term
from assistant.scope import corpus_text, unsupported, vocabulary

PASSAGES = [
    "Stroke: a ten-fold rise in mechanical thrombectomy, to 10% of stroke patients, by 2022, and 20% of patients "
    "receiving thrombolysis by 2025.",
    "Urgent community response teams will respond within two hours of referral in a crisis.",
    "Acute trusts will reduce the administrative costs of the back office.",
]
ON = replace(DEFAULT_CONFIG, nearmiss26=True)
NEAR_MISSES = [
    ("What's the target door-to-needle time for thrombolysis in the framework?", "door-to-needle"),
    ("What Category 2 ambulance response time does the LTP commit ambulance trusts to?", "Category 2"),
    ("What HbA1c target does the Long Term Plan set for people with type 2 diabetes?", "HbA1c"),
]
USERS_WORDS = [
    "eating disorder waits for kids target?",  # the documents say "children"
    "how much do admin costs fall?",  # "administrative"
    "What's the thrombolysis target after a stroke?",
]


KNOWN, TEXT = vocabulary(PASSAGES), corpus_text(PASSAGES)


def refusal(question, config):
    return unsupported(question, PASSAGES, 0.9, KNOWN, TEXT, best_rerank=0.9, config=config)


def test_off_by_default_and_on_the_rules_refuse_naming_the_thing():
    question, term = NEAR_MISSES[1]
    assert DEFAULT_CONFIG.nearmiss26 is False
    assert refusal(question, DEFAULT_CONFIG) is None
    found = refusal(question, ON)
    assert found is not None and found.names == (term,) and f"\u201c{term}\u201d" in found.reason


@pytest.mark.parametrize(("question", "term"), NEAR_MISSES)
def test_the_thing_a_near_miss_asks_a_figure_of_is_found(question, term):
    assert unnamed_term(question, KNOWN, TEXT) == term


@pytest.mark.parametrize("question", USERS_WORDS)
def test_the_users_words_for_what_the_documents_cover_are_not_taken_for_unnamed_things(question):
    assert unnamed_term(question, KNOWN, TEXT) is None


def test_a_term_a_passage_found_says_is_not_refused():
    question = NEAR_MISSES[1][0]
    passages = [*PASSAGES, "Category 2 calls are not set out here."]
    assert unsupported(question, passages, 0.9, KNOWN, TEXT, best_rerank=0.9, config=ON) is None


def test_the_bundled_assistant_refuses_with_related_passages_only_when_on(bundled_assistant):
    question = NEAR_MISSES[0][0]
    off = bundled_assistant.ask(question)
    on = bundled_assistant.with_config(ON).ask(question)
    assert not off.abstained and off.citations
    assert on.abstained and "door-to-needle" in on.answer and on.related and not on.citations
    kids = bundled_assistant.with_config(ON).ask("How many more kids with severe obesity complications is the NHS "
                                                 "meant to be treating each year?")
    assert not kids.abstained and "1,000" in kids.answer
