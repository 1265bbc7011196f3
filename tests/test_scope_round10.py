"""Refusal rules fire on the kind of thing they are for, not on words that merely look like it: answerable questions
the documents do answer are not told "the documents don't say", and out-of-scope ones still are."""

from __future__ import annotations

from assistant.asked_figure import missing_figure


def test_a_count_given_as_how_much_their_numbers_grew_answers_how_many():
    passage = ("The workforce plan will keep making room for other roles in primary care, such as pharmacists and "
               "physiotherapists, whose numbers had grown by nearly 5,000 in the previous three years.")
    assert missing_figure("how many other primary care staff had been added in the last 3 yrs?", [passage]) is None


def test_numbers_that_grew_for_something_else_do_not_answer_how_many():
    passage = "Pharmacists, whose numbers had grown by nearly 5,000 in the previous three years, work in practices."
    assert missing_figure("how many midwives had been added in the last 3 years?", [passage]) is not None


CORPUS = "pulmonary rehabilitation is an opt in programme with targeted funding for early adopters in portsmouth"


def test_a_named_trust_the_documents_never_name_is_outside_before_any_catalogue_answer():
    from assistant.scope import named_outside
    refusal = named_outside("which physio services at Sheffield Teaching Hospitals signed up as early adopters for "
                            "pulmonary rehab", CORPUS)
    assert refusal is not None and "Sheffield Teaching Hospitals" in refusal.names


def test_an_ordinary_programme_question_is_left_to_the_catalogue():
    from assistant.scope import named_outside
    assert named_outside("which programmes can my system opt into for pulmonary rehab?", CORPUS) is None
    assert named_outside("I'm a physio in Portsmouth - which early adopter programmes cover rehab?", CORPUS) is None
