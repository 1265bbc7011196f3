"""A sentence contains20, clinical21 or clinical22 adds is cut to the clauses holding what it was added for (round 22,
`compact22`, on by default since round 23's pooled pools).

The pipeline spec asks the bundled corpus (conftest.bundled_assistant, shared with other files) the tune split's
"one CCG per ICS" question, whose default answer gains contains20's runner-up sentence with a trailing clause
(", with CCGs becoming leaner and more strategic") that the lead already states.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answer_style import first_sentence
from assistant.compact_added import compacted
from assistant.config import DEFAULT_CONFIG

OFF = replace(DEFAULT_CONFIG, compact22=False)
ON = replace(DEFAULT_CONFIG, compact22=True)
ONE_CCG = "Are we going to end up with one CCG per ICS?"


def test_the_added_sentence_loses_the_clause_the_answer_already_says_only_with_the_switch_on(bundled_assistant):
    off = bundled_assistant.with_config(OFF).ask(ONE_CCG)
    on = bundled_assistant.with_config(ON).ask(ONE_CCG)
    assert "with CCGs becoming leaner" in off.answer
    assert "with CCGs becoming leaner" not in on.answer
    assert "single clinical commissioning group (CCG). [" in on.answer  # the fact kept, as a sentence, cited
    assert first_sentence(on.answer) == first_sentence(off.answer)  # the lead is never cut
    assert len(on.answer) < len(off.answer)


ANSWER = ["The plan cites a single national clinic for gambling problems."]
QUESTION = "how many NHS gambling clinics were there?"


def test_a_trailing_clause_holding_nothing_new_goes_and_the_rest_reads_as_a_sentence():
    added = ("The NHS will make its treatment for serious gambling problems available in more parts of the country, "
             "and will work with partners to tackle the problem where it starts.")
    assert compacted(QUESTION, added, ANSWER) == \
        "The NHS will make its treatment for serious gambling problems available in more parts of the country."


def test_a_clause_holding_a_new_figure_date_name_or_asked_word_stays():
    figure = "The NHS will open more clinics across the country, which will number 15 by 2023/24."
    assert compacted(QUESTION, figure, ANSWER) == figure
    date = ("Draft plans were due across the country by September 2019; final plans are to be agreed by "
            "mid-November 2019.")
    assert compacted(QUESTION, date, ["Final plans were due by September 2019."]) == date  # another month's date
    name = "The NHS will work with partners across the whole country, including the Gambling Commission."
    assert compacted(QUESTION, name, ANSWER) == name
    assert compacted(QUESTION, name, ANSWER, names=False) == "The NHS will work with partners across the whole country."


def test_a_series_item_or_a_clause_the_grammar_needs_stays():
    series = ("Chapter 1 also covers a new urgent community response offer, support for care home residents, "
              "and help for people to age well.")
    assert compacted(QUESTION, series, ANSWER) == series
    grammar = ("These one-stop services across the country let people with symptoms, especially vague ones, "
               "be assessed quickly.")
    assert compacted(QUESTION, grammar, ANSWER) == grammar
    short_head = "By 2023/24, more areas will run services, working with partners."
    assert compacted(QUESTION, short_head, ANSWER) == short_head  # "By 2023/24," alone is not a sentence
