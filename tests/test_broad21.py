"""broad21: lists20's carrying on reaches broad and list questions worded without the summary route's or the list
rules' words ("what does the NHS long term plan mean for physiotherapists?"), and a next sentence naming a few items
in a row counts as stating them. Off by default: the default answer is unchanged."""

from __future__ import annotations

from dataclasses import replace

from assistant.carried_on import asks_broadly, carries_on, names_items, with_label
from assistant.config import DEFAULT_CONFIG

PHYSIOS = "What does the NHS long term plan mean for physiotherapists?"


def test_the_physio_answer_gains_first_contact_physiotherapists_only_with_the_switch_on(bundled_assistant):
    assert not DEFAULT_CONFIG.broad21
    off = bundled_assistant.with_config(DEFAULT_CONFIG).ask(PHYSIOS)
    on = bundled_assistant.with_config(replace(DEFAULT_CONFIG, broad21=True)).ask(PHYSIOS)
    assert "first contact physiotherapists" not in off.answer
    assert "first contact physiotherapists" in on.answer and "primary care" in on.answer
    # The answer only grows: its first statement opens it as before, with the same citations.
    assert on.answer.startswith(off.answer.split(". ")[0])
    assert [c.passage_id for c in on.citations] == [c.passage_id for c in off.citations]


def test_broad_wording_beyond_the_summary_route_counts_one_fact_wording_does_not():
    assert asks_broadly(PHYSIOS)
    assert asks_broadly("ltp digital chapter overview")
    assert asks_broadly("what's the CSP's take on the plan for community rehab?")
    assert not asks_broadly("how many extra staff will networks hire by 2023/24?")
    assert not asks_broadly("when does the network contract start?")


def test_a_sentence_naming_a_few_items_carries_a_statement_on_only_with_named():
    shown = "The CSP finds that the plan marks community rehabilitation out for significant development."
    following = ("It proposes integrated community hubs in which physiotherapists work within multidisciplinary teams, "
                 "and makes a specific commitment to expand pulmonary, cardiac and stroke rehabilitation.")
    assert names_items(following)
    assert carries_on(shown, following, 450, named=True)
    assert not carries_on(shown, following, 450)
    assert not carries_on(shown, "It proposes integrated community hubs.", 450, named=True)  # names nothing


def test_a_carried_list_keeps_the_label_that_introduces_it():
    sentence = "Its dated milestones include: the NHS App in 2020/21; digital-first primary care by 2023/24."
    assert with_label(sentence) == sentence
    assert with_label("Plain sentence about 2020/21 with no label.") == "Plain sentence about 2020/21 with no label."
