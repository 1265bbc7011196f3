"""The sentence the cross-encoder reads almost as well as the best joins a one-statement answer, or takes the weakest
statement's place (round 20, `contains20`, on by default since round 20's third pool).

The bundled corpus is indexed with the real models (conftest.bundled_assistant, shared with other files): the
question is one of the tuning batches' wordings whose default answer cites the passage with the date asked for.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.config import DEFAULT_CONFIG
from assistant.runner_up import with_runner_up

ON = DEFAULT_CONFIG
OFF = replace(DEFAULT_CONFIG, contains20=False)
DRAFT_PLANS = "When did the implementation framework want draft five year system plans in by?"


def test_a_one_statement_answer_gains_the_date_asked_for_only_with_the_switch_on(bundled_assistant):
    assert ON.contains20
    off = bundled_assistant.with_config(OFF).ask(DRAFT_PLANS)
    on = bundled_assistant.with_config(ON).ask(DRAFT_PLANS)
    assert "mid-September 2019" not in off.answer  # switched off: "the draft stage (September 2019)"
    assert "mid-September 2019" in on.answer
    assert on.answer.startswith(off.answer.rstrip())  # nothing the default said leaves or moves
    assert len(on.answer) <= ON.contains20_max_chars


LEAD = ("The plan sets out new pelvic health clinics.", [1])  # the lead cites the second passage read
CANDIDATES = [(1, LEAD[0]), (1, "Clinics open in 2020."), (0, "Surgery comes only after pelvic floor re-education."),
              (2, "An uncited passage's sentence.")]
SURGERY = ("Surgery comes only after pelvic floor re-education.", [0])


def test_a_lone_statement_gains_the_runner_up_of_a_cited_or_top_passage_within_the_length():
    ranked = [2.0, 0.5, 1.9, 1.95]  # the uncited passage's sentence reads better, but is not cited nor the top
    assert with_runner_up([LEAD], CANDIDATES, ranked, 0.3, 0.5, 400) == [LEAD, SURGERY]
    assert with_runner_up([LEAD], CANDIDATES, ranked, 0.3, 0.5, 60) == [LEAD]  # too long together
    assert with_runner_up([LEAD], CANDIDATES, ranked, 0.05, 0.5, 400) == [LEAD]  # not read closely enough
    assert with_runner_up([LEAD], CANDIDATES, None, 0.3, 0.5, 400) == [LEAD]  # no cross-encoder reading


def test_the_weakest_statement_after_the_lead_is_replaced_only_by_a_clearly_better_read_sentence():
    shown = [LEAD, ("Clinics open in 2020.", [1]), SURGERY]
    assert with_runner_up(shown[:2], CANDIDATES, [2.0, 0.5, 1.9, 1.0], 0.3, 0.5, 400) == [LEAD, SURGERY]
    assert with_runner_up(shown[:2], CANDIDATES, [2.0, 1.6, 1.9, 1.0], 0.3, 0.5, 400) == shown[:2]  # margin
    assert with_runner_up(shown[:2], CANDIDATES, [2.0, 0.5, 1.9, 1.0], 0.3, float("inf"), 400) == shown[:2]
    assert with_runner_up(shown, CANDIDATES, [2.0, 0.5, 1.9, 1.0], 0.3, 0.5, 400) == shown  # all shown already


def test_a_runner_up_restating_an_amount_the_answer_states_is_passed_over():
    lead = ("The plan puts £4.5 billion more into primary and community care by 2023/24.", [0])
    restates = (0, "Primary and community care will get £4.5 billion more a year in real terms.")
    new_fact = (0, "Every primary care network will have a clinical director.")
    assert with_runner_up([lead], [restates, new_fact], [1.9, 1.8], 0.3, 0.5, 400) == [lead, (new_fact[1], [0])]
    assert with_runner_up([lead], [restates], [1.9], 0.3, 0.5, 400) == [lead]
