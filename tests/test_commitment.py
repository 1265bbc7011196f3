"""A one-statement answer gains, right after its lead, the sentence of a cited or the top passage naming the part of
the question the answer leaves unnamed (round 21, `clinical21`, on by default since round 21's pool).

The bundled corpus is indexed with the real models (conftest.bundled_assistant, shared with other files): the
question is one of the tuning batches' wordings of the pelvic floor question, whose default answer gives the
briefing's clinics sentence and not when surgery should be considered.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.commitment import with_commitment
from assistant.config import DEFAULT_CONFIG

OFF = replace(DEFAULT_CONFIG, clinical21=False)
ON = DEFAULT_CONFIG
SURGERY_QUESTION = "What does the CSP pelvic floor briefing say about when surgery should be considered?"


def test_a_clinical_policy_answer_gains_the_sentence_on_what_was_asked_only_with_the_switch_on(bundled_assistant):
    assert ON.clinical21  # on by default
    off = bundled_assistant.with_config(OFF).ask(SURGERY_QUESTION)
    on = bundled_assistant.with_config(ON).ask(SURGERY_QUESTION)
    assert "pelvic floor re-education" not in off.answer
    assert "pelvic floor re-education" in on.answer
    first_off = off.answer.split(" [")[0]
    assert on.answer.startswith(first_off)  # the lead stays first
    assert len(on.answer) <= ON.clinical21_max_chars


LEAD = ("The CSP briefing says new pelvic health clinics must be properly resourced.", [0])
SURGERY = "Surgical options should only be considered after referral for pelvic floor re-education."
CANDIDATES = [(0, LEAD[0]), (0, "Physiotherapists should help design them."), (0, SURGERY),
              (2, "Surgery waiting lists are covered in an uncited passage.")]
QUESTION = "what does the csp say about when surgical options should be considered?"


def test_the_sentence_naming_what_the_answer_leaves_unnamed_joins_within_the_gap_and_length():
    ranked = [2.0, 1.9, 1.6, 1.95]
    assert with_commitment(QUESTION, [LEAD], CANDIDATES, ranked, 0.5, 300, 450, 0.1) == \
        [LEAD, (SURGERY, [0])]
    assert with_commitment(QUESTION, [LEAD], CANDIDATES, ranked, 0.2, 300, 450, 0.1) == [LEAD]  # read too far
    assert with_commitment(QUESTION, [LEAD], CANDIDATES, ranked, 0.5, 300, 120, 0.1) == [LEAD]  # too long
    assert with_commitment(QUESTION, [LEAD], CANDIDATES, None, 0.5, 300, 450, 0.1) == [LEAD]


def test_a_sentence_restating_an_amount_or_naming_nothing_unnamed_is_passed_over():
    lead = ("Pulmonary rehabilitation reaches only 13% of eligible patients.", [0])
    question = "what does the plan say about pulmonary rehabilitation for people with milder symptoms?"
    restates = (0, "Only 13% of those with milder symptoms are offered pulmonary rehabilitation.")
    names_nothing_new = (0, "Pulmonary rehabilitation is valued by patients.")
    milder = (0, "The plan opens pulmonary rehabilitation to people with milder symptoms.")
    shares = [1.9, 1.8, 1.7]
    assert with_commitment(question, [lead], [restates, names_nothing_new], shares[:2], 1.5, 300, 450, 0.1) \
        == [lead]
    assert with_commitment(question, [lead], [restates, names_nothing_new, milder], shares, 1.5, 300, 450,
                           0.1) == [lead, (milder[1], [0])]
