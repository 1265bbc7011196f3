"""Personal data: answered, never stored or logged unredacted, and the user is asked not to share it."""

from __future__ import annotations

import logging

import pytest

from assistant.feedback import all_feedback, record_feedback
from assistant.privacy import NOTICE, RedactingFilter, is_nhs_number, redact


@pytest.mark.parametrize("text,redacted", [
    ("my nhs number is 943 476 5919", "my nhs number is [NHS number]"),
    ("NHS no 9434765919 please", "NHS no [NHS number] please"),
    # called an NHS number by the asker: redacted even with a check digit that fails (mistyped, or a made-up example)
    ("patient NHS number 485 777 3456 complained", "patient NHS number [NHS number] complained"),
    ("my nhs no: 485-777-3456", "my nhs no: [NHS number]"),
    ("her NHS number, 485 777 3456 - can you", "her NHS number, [NHS number] - can you"),
    ("email jo.bloggs+nhs@example.co.uk", "email [email]"),
    ("ring 07700 900123 or +44 20 7946 0958", "ring [phone number] or [phone number]"),
    ("I'm at LS1 4AP, born 12/03/1985", "I'm at [postcode], born [date of birth]"),
    ("born 3rd March 1985, postcode sw1a 1aa", "born [date of birth], postcode [postcode]"),
])
def test_personal_details_are_redacted(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize("text", [
    "when are draft system plans due by 30/09/2019?",  # a date without a postcode is not a birth date
    "what is happening in LS1 4AP?",  # a postcode alone identifies nobody
    "is 1234567890 an NHS number?",  # fails the modulus 11 check
    "£4,500,000,000 for primary and community services",
    "networks of 30,000 to 50,000 people",
])
def test_ordinary_questions_are_left_alone(text):
    assert redact(text) == text


def test_nhs_number_check_digit():
    assert is_nhs_number("9434765919") and not is_nhs_number("9434765918")


def test_answer_to_a_question_with_personal_data_carries_the_notice(indexed):
    answer = indexed.ask("my email is jo@example.com, when are final system plans due?")
    assert "November 2019" in answer.answer and answer.notice == NOTICE
    assert indexed.ask("when are final system plans due?").notice is None


def test_feedback_is_stored_redacted(tmp_path):
    record_feedback(tmp_path / "f.db", {"rating": "down", "question": "my number is 943 476 5919",
                                        "answer": "a", "comment": "email me at jo@example.com",
                                        "citations": [{"n": 1, "text": "call 07700 900123"}]})
    (row,) = all_feedback(tmp_path / "f.db")
    assert "[NHS number]" in row["question"] and "[email]" in row["comment"] and "[phone number]" in row["citations"]


def test_log_records_are_redacted(caplog):
    logger = logging.getLogger("ltp.test.privacy")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.INFO):
        logger.info("question from %s", "jo@example.com")
    assert "jo@example.com" not in caplog.text and "[email]" in caplog.text
