"""A broad question about one subject ("what does the plan mean for unpaid carers?") is answered with bullets that
carry that subject's facts: the passage about it leads, with its sentence that answers rather than its first
sentence, and passages the question does not bear on give no bullet (issues 16 and 21, broad12)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import index_test_corpus_with

OUT_OF_HOSPITAL = """
# 7. Out-of-hospital care
{page=20}

{para=7.1}
The extra £4.5 billion a year by 2023/24 pays for larger community multidisciplinary teams aligned with primary
care networks, which typically cover 30,000 to 50,000 people.

{para=7.2}
Within five years every area should have crisis response services that reach a patient within two hours of
referral and start reablement within two days.

{para=7.3}
By 2023/24 every care home resident who would benefit is to receive stronger NHS support through the Enhanced
Health in Care Homes model.

{para=7.4}
The NHS will do more to help the people who look after a relative or friend without pay. Unpaid carers are to be
identified earlier through carer passports, with backup support in an emergency and particular attention to young
carers.

# 8. Maternity and women's services
{page=24}

{para=8.1}
The pelvic health briefing asks that new pelvic health clinics be properly resourced, with physiotherapists
involved in designing them from the start.

{para=8.2}
The briefing sees physiotherapists as key to passing their skills on to other health professionals so that every
woman gets good advice. It points out that pelvic floor problems arise not only from childbirth but also after
gynaecological surgery and around the menopause.

{para=8.3}
Surgical options should only be considered after a woman has been referred for pelvic floor muscle training.

# 9. Staff who care
{page=28}

{para=9.1}
NHS staff who are unpaid carers for a relative will have a right to flexible working and carers' leave.

# 10. Digital records
{page=30}

{para=10.1}
Unpaid carers will be recorded in the summary care record, so that every service knows who looks after a patient.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, real_embeddings, shared_reranker):
    """The test corpus plus a section of several passages, one of them about unpaid carers (two other sections
    mention carers once each), and a women's services section, indexed with the real model and cross-encoder."""
    return index_test_corpus_with(tmp_path_factory.mktemp("summary-lead"), OUT_OF_HOSPITAL, real_embeddings, shared_reranker)


def _bullets(text: str) -> list[str]:
    return [line[2:] for line in text.splitlines() if line.startswith("- ")]


def _cited_paragraphs(answer) -> list[str]:
    """The paragraph each bullet cites, bullet by bullet."""
    by_n = {c.n: c for c in answer.citations}
    return [by_n[int(re.search(r"\[(\d+)\]", b)[1])].para for b in _bullets(answer.answer)]


QUESTION = "What does the framework mean for unpaid carers, broadly?"


def test_a_broad_question_about_one_subject_leads_with_the_passage_about_it(assistant):
    answer = assistant.ask(QUESTION)
    bullets = _bullets(answer.answer)
    assert bullets, answer.answer
    assert _cited_paragraphs(answer)[0] == "7.4", answer.answer
    assert "carer passports" in answer.answer and "young carers" in answer.answer


def test_passages_the_question_does_not_bear_on_give_no_bullet(assistant):
    answer = assistant.ask(QUESTION)
    assert "care home" not in answer.answer.lower(), answer.answer
    assert "two hours" not in answer.answer, answer.answer


def test_a_bullet_is_the_sentence_that_answers_not_its_passages_first(assistant):
    answer = assistant.ask("What does the briefing say about who gets pelvic floor problems beyond childbirth, "
                           "in a nutshell?")
    first = _bullets(answer.answer)[0] if _bullets(answer.answer) else answer.answer
    assert "gynaecological surgery" in first and "menopause" in first, answer.answer


def test_with_the_lead_off_the_summary_is_chosen_as_before(assistant):
    """`summary_lead_rerank = 0` turns the lead passage and the dropping of off-topic passages off."""
    off = assistant.with_config(dataclasses.replace(assistant.config, summary_lead_rerank=0.0))
    answer = off.ask(QUESTION)
    assert answer.answer != assistant.ask(QUESTION).answer


@pytest.mark.parametrize("question, expected", [
    ("gist of the csp's view on community rehab in the ltp?", "community rehab"),
    ("What does the CSP think about first contact physios, broadly?", "first contact physios"),
])
def test_a_possessive_frame_leaves_no_fragment_in_the_topic(question, expected):
    """The topic is what the bullets are compared with: "'s view" left in it pulled in passages about views."""
    from assistant.summary import topic

    assert topic(question) == expected
