"""A list, broad or two-part answer's statement carries on with the next sentence of its passage when that sentence
leans on it and states a figure, a date or a list (round 20, `lists20`): "at least 50% ... by 2020/21" is followed by
"That share rises to 70% by 2023/24". On by default since round 20's third pool."""

from __future__ import annotations

from dataclasses import replace

from assistant.carried_on import asks_for_several, carried_on, carries_on
from assistant.cited_answer import Answer, Citation
from assistant.config import DEFAULT_CONFIG

QUESTION = "mental health liaison in acute trusts - what share should meet core 24 by 2020/21 and what share by 2023/24?"
PASSAGE = ("Mental health liaison services help people in crisis. By 2020/21 at least 50% of these services should "
           "reach the core 24 standard. That share rises to 70% by 2023/24, with full coverage as the aim after that. "
           "Crisis lines will open.")


BROAD = "what does the plan mean for frail older people living at home?"
AGEING_WELL = "Its Ageing Well approach combines three service changes set out in this chapter:"


def test_the_ageing_well_items_join_the_broad_answer_only_with_the_switch_on(bundled_assistant):
    assert DEFAULT_CONFIG.lists20
    off = bundled_assistant.with_config(replace(DEFAULT_CONFIG, lists20=False)).ask(BROAD)
    on = bundled_assistant.with_config(DEFAULT_CONFIG).ask(BROAD)
    # The default's first bullet only says frailty is a priority; the three service changes follow it in its passage.
    assert "The plan treats older people living with frailty" in off.answer and AGEING_WELL not in off.answer
    assert AGEING_WELL in on.answer and "anticipatory care" in on.answer
    first_off, first_on = off.answer.split("\n")[0], on.answer.split("\n")[0]
    assert first_on.startswith(first_off.rsplit(" [", 1)[0]) and first_on.endswith(" [1]")  # carried on, same mark
    assert on.answer.split("\n")[1:] == off.answer.split("\n")[1:]  # the other bullets stay as they were
    assert [c.passage_id for c in on.citations] == [c.passage_id for c in off.citations]


def _answer(text: str) -> Answer:
    citation = Citation(1, "ltp/p1", "ltp", "The NHS Long Term Plan", "3", "3.105", 70, None, None, "digest",
                        PASSAGE, 0.9)
    return Answer(QUESTION, text, abstained=False, citations=[citation])


def test_a_statement_takes_its_next_sentence_before_its_marks_once():
    answer = carried_on(_answer("By 2020/21 at least 50% of these services should reach the core 24 standard. [1]"),
                        DEFAULT_CONFIG.lists20_longest)
    assert answer.answer == ("By 2020/21 at least 50% of these services should reach the core 24 standard. That share "
                             "rises to 70% by 2023/24, with full coverage as the aim after that. [1]")
    assert carried_on(answer, DEFAULT_CONFIG.lists20_longest).answer == answer.answer  # already said: not again


def test_only_a_next_sentence_that_leans_back_and_states_something_is_carried():
    assert carries_on("The plan sets two headline cancer ambitions.",
                      "By 2028, three-quarters (75%) of cancers are to be diagnosed early.", 450)  # announced
    assert not carries_on("Mental health liaison services help people in crisis.",
                          "By 2020/21 at least 50% of these services should reach the core 24 standard.", 450)
    assert not carries_on("By 2020/21 at least 50% should reach core 24.", "That is what the plan wants.", 450)
    assert not carries_on("By 2020/21 at least 50% should reach core 24.", "That share rises to 70% by 2023/24.", 20)


def test_one_fact_questions_are_left_alone():
    assert asks_for_several("which roles will the network contract fund?", 1, False)
    assert asks_for_several("what share by 2020/21 and what share by 2023/24?", 2, False)
    assert not asks_for_several("how many extra nurses will there be?", 1, False)
    assert not asks_for_several("by when will which hospitals have liaison services?", 1, False)  # after one date
