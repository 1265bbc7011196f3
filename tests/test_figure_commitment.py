"""An answer of two or more statements gains, last, the best-read sentence of the passages it cites that states a
number it lacks (round 22, `clinical22`, on by default since round 23's pooled pools).

The bundled corpus is indexed with the real models (conftest.bundled_assistant, shared with other files): the
question is the tune split's eating disorder question, whose default answer says the NHS expects to meet "the new
standards" without saying what they are (95% of young people seen within a week or four weeks).
"""

from __future__ import annotations

from dataclasses import replace

from assistant.config import DEFAULT_CONFIG
from assistant.figure_commitment import with_figure

OFF = replace(DEFAULT_CONFIG, clinical22=False)
ON = replace(DEFAULT_CONFIG, clinical22=True)
EATING_DISORDERS = "what's the waiting time policy for young people with eating disorders?"


def test_a_clinical_policy_answer_gains_the_standard_s_figure_only_with_the_switch_on(bundled_assistant):
    off = bundled_assistant.with_config(OFF).ask(EATING_DISORDERS)
    on = bundled_assistant.with_config(ON).ask(EATING_DISORDERS)
    assert "95%" not in off.answer
    assert "95%" in on.answer
    assert on.answer.startswith(off.answer)  # nothing leaves the answer; the lead stays first
    assert len(on.answer) <= ON.clinical22_max_chars


LEAD = ("The plan expects the new eating disorder standards to be met by 2020/21.", [0])
SECOND = ("Four in five young people already start treatment within four weeks.", [0])
FIGURE = "The standard is that 95% of young people are seen within one week if urgent."
RESTATES = "Eighty per cent start within four weeks, against the standard for 2020/21."
CANDIDATES = [(0, LEAD[0]), (0, SECOND[0]), (0, FIGURE), (0, RESTATES), (2, "An uncited passage says 99% in 2030.")]


def test_the_sentence_stating_a_number_the_answer_lacks_joins_a_longer_answer_within_the_gap_and_length():
    ranked = [3.0, 2.5, 2.2, 2.9, 3.0]
    shown = [LEAD, SECOND]
    assert with_figure("what's the policy?", shown, CANDIDATES, ranked, 1.0, 300, 0, 600) == [*shown, (FIGURE, [0])]
    assert with_figure("what's the policy?", shown, CANDIDATES, ranked, 0.5, 300, 0, 600) == shown  # read too far
    assert with_figure("what's the policy?", shown, CANDIDATES, ranked, 1.0, 300, 0, 200) == shown  # too long
    assert with_figure("what's the policy?", shown, CANDIDATES, ranked, 1.0, 300, 200, 600) == shown  # too short
    assert with_figure("what's the policy?", [LEAD], CANDIDATES, ranked, 1.0, 300, 0, 600) == [LEAD]  # clinical21's
    assert with_figure("list the standards", shown, CANDIDATES, ranked, 1.0, 300, 0, 600) == shown  # a list
