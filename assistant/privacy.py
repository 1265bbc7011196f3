"""Personal data in questions: spotted, redacted before anything is stored or logged, and the user told.

People paste their NHS number, email, phone number or postcode and date of birth into a chat box. The
assistant does not need them: the question is still answered, but feedback, exports and logs only ever
hold `redact(text)`, and the answer carries a notice asking the user not to share such details.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

NOTICE = (
    "Please don't share personal details such as NHS numbers, phone numbers, email addresses, postcodes or "
    "dates of birth: this assistant doesn't need them, and they are removed before anything is saved."
)
NHS_NUMBER = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
LABELLED_NHS_NUMBER = re.compile(
    r"(\bNHS\s*(?:number|no\b\.?|num\b|#)\s*(?:is\s+|[:=,-]\s*)?)\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])", re.I)
"""Ten digits the asker calls an NHS number ("patient NHS number 485 777 3456"): redacted whatever their check digit
says, since a mistyped number is still someone's, or nearly; unlabelled ten-digit figures must pass the check."""
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])(\+44\s?\(?0?\)?\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I)
MONTH = r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?"
DATE = re.compile(
    rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-](\d{{4}}|\d{{2}})\b|\b\d{{1,2}}(st|nd|rd|th)? ({MONTH}),? \d{{4}}\b|"
    rf"\b({MONTH}) \d{{1,2}}(st|nd|rd|th)?,? \d{{4}}\b", re.I)


def is_nhs_number(digits: str) -> bool:
    """The NHS number's modulus 11 check digit (NHS Data Dictionary): catches most mistyped numbers and
    keeps ordinary 10-digit figures from being taken for one."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _nhs(match: re.Match) -> str:
    return "[NHS number]" if is_nhs_number("".join(match.groups())) else match.group(0)


def redact(text: str) -> str:
    """`text` with NHS numbers, emails, phone numbers, and postcodes given with a date of birth replaced by
    placeholders such as "[NHS number]". Text without them comes back unchanged."""
    redacted = LABELLED_NHS_NUMBER.sub(lambda m: m.group(1) + "[NHS number]", text)
    redacted = NHS_NUMBER.sub(_nhs, redacted)
    redacted = EMAIL.sub("[email]", redacted)
    redacted = PHONE.sub("[phone number]", redacted)
    if POSTCODE.search(redacted) and DATE.search(redacted):
        redacted = DATE.sub("[date of birth]", POSTCODE.sub("[postcode]", redacted))
    return redacted


def has_personal_data(text: str) -> bool:
    return redact(text) != text


def with_notice(events: Iterator[tuple[str, object]], question: str) -> Iterator[tuple[str, object]]:
    """Pass an answer stream through, adding NOTICE to the answer when the question held personal data."""
    if not has_personal_data(question):
        return events
    return _add_notice(events)


def _add_notice(events: Iterator[tuple[str, object]]) -> Iterator[tuple[str, object]]:
    for name, payload in events:
        if name == "done":
            payload.notice = f"{payload.notice} {NOTICE}" if payload.notice else NOTICE
        yield name, payload


class RedactingFilter(logging.Filter):
    """Redact every log record's message, so no personal detail reaches a log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True
