"""A one-fact answer shows no statement after its lead that the others restate (round 25, `lead25`, off).

The pipeline spec asks the bundled corpus (conftest.bundled_assistant, shared with other files) a tuning probe's
count question whose default answer states "the 30 trusts with the weakest finances" twice, from two passages.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.answer_style import first_sentence
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.restated_statements import kept_positions, restates

OFF = DEFAULT_CONFIG
ON = replace(DEFAULT_CONFIG, lead25=True)
TURNAROUND = "how many trusts are in the accelerated turnaround for the worst finances"


def test_a_restating_statement_goes_only_with_the_switch_on(bundled_assistant):
    assert not OFF.lead25  # off by default
    off = bundled_assistant.with_config(OFF).ask(TURNAROUND)
    on = bundled_assistant.with_config(ON).ask(TURNAROUND)
    assert off.answer.count("30 trusts") == 2  # the default states it twice
    assert on.answer.count("30 trusts") == 1  # the fact kept, once, first
    assert "30 trusts" in first_sentence(on.answer)
    assert first_sentence(on.answer) == first_sentence(off.answer)
    assert len(on.answer) < len(off.answer)
    assert re.fullmatch(r"[A-Z][^\[]*\. (\[\d\])+", on.answer.strip())  # one sentence: a capital, a full stop, cited
    assert all(f"[{c.n}]" in on.answer for c in on.citations)


LEAD = "The 30 trusts with the weakest finances will go through a faster turnaround process run by NHS Improvement."
SAME = "NHS Improvement is running a faster turnaround process for the 30 trusts with the weakest finances."
RATIOS = "Access is uneven: staff-to-volunteer ratios in acute trusts range from 2:1 to 26:1."
PER_VOLUNTEER = "Acute trusts range from 2 staff per volunteer to 26 staff per volunteer."


def test_a_statement_the_lead_restates_goes_and_the_lead_stays():
    assert kept_positions([LEAD, SAME], OFF.lead25_new_share, OFF.lead25_new_pairs) == [0]
    assert kept_positions([SAME, LEAD], 1.0, 1.0) == [0]  # never the lead, whichever it is


def test_of_two_statements_restating_each_other_after_the_lead_one_stays():
    other = "Every trust is also expected to find 1.1% efficiency a year."
    assert kept_positions([other, LEAD, SAME], 0.4, 0.5) == [0, 1]  # the last judged first, against both others


@pytest.mark.parametrize("statement", [
    "The 30 trusts with the weakest finances will go through a faster turnaround process by 2020/21.",  # a date
    "NHS Improvement is running a faster turnaround process for the 40 trusts with the weakest finances.",  # a figure
])
def test_a_statement_holding_a_figure_or_date_the_others_lack_is_never_cut(statement):
    assert not restates(statement, [LEAD], 1.0, 1.0)  # whatever the shares
    assert kept_positions([LEAD, statement], 1.0, 1.0) == [0, 1]


def test_the_same_words_in_another_phrase_stay():
    """The probes' facts are the digest's phrases ("2 staff per volunteer"): the words are the lead's, the pairs not."""
    assert restates(PER_VOLUNTEER, [RATIOS], 0.4, 1.0)  # by its words alone it would go
    assert not restates(PER_VOLUNTEER, [RATIOS], 0.4, 0.5)
    assert kept_positions([RATIOS, PER_VOLUNTEER], OFF.lead25_new_share, OFF.lead25_new_pairs) == [0, 1]


def test_a_statement_the_next_leans_on_stays():
    leaning = "It will also report on their progress each quarter."
    shares = (OFF.lead25_new_share, OFF.lead25_new_pairs)
    assert kept_positions([LEAD, SAME], *shares) == [0]
    assert kept_positions([LEAD, SAME, leaning], *shares) == [0, 1, 2]


def test_shares_outside_zero_to_one_are_refused():
    with pytest.raises(ValueError, match="lead25"):
        PipelineConfig(lead25_new_pairs=1.5)
