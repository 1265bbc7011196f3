"""Digest sentences made to read as an answer: label lead-ins ("Funding commitment: across the five years ...",
"According to published summaries, ...") dropped, a capital to start, a full stop to end.

The digest writes many sentences as notes under a heading-like label; quoted on their own in an answer they read
like a slide. A label that holds a figure or a date is kept: it may be the very fact asked for.
"""

from __future__ import annotations

import re

LABEL = re.compile(r"^(?P<label>[A-Z][^:;.!?,]{0,80}):\s+(?P<rest>[a-z].*)$", re.S)
"""A short heading-like lead-in ending in a colon, followed by a sentence in lower case."""
LEAD_IN = re.compile(
    r"^(according to (published |the )?(summaries|summary|reports?|accounts?)( of [^,]{0,60})?|"
    r"as (noted|described|set out) (above|below|earlier)|in (short|summary|brief)),\s+(?P<rest>.+)$",
    re.I | re.S,
)
"""Attribution lead-ins that add nothing for a reader who has the citation."""
HAS_FIGURE_OR_DATE = re.compile(r"\d|£|%|\b(January|February|March|April|May|June|July|August|September|October|"
                                r"November|December|spring|summer|autumn|winter)\b", re.I)
MAX_LABEL_WORDS = 8
CLAUSE = re.compile(r"\b(is|are|was|were|has|have|will)\b", re.I)
"""A verb makes the text before a colon a statement ("The first is a strategy delivery plan: ..."), not a label."""


def normalise(text: str) -> str:
    """Text compared as a reader sees it: case, en and em dashes, curly apostrophes and spacing aside (how an answer is
    checked for a fact, and how a sentence is found again in an answer)."""
    text = text.lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ").replace("\u2019", "'")
    return " ".join(text.split())


def clean_sentence(text: str) -> str:
    """The sentence as an answer should show it: no label, no attribution lead-in, ending in a full stop."""
    text = " ".join(text.split())
    label = LABEL.match(text)
    if label and len(label["label"].split()) <= MAX_LABEL_WORDS and not HAS_FIGURE_OR_DATE.search(label["label"]) \
            and not CLAUSE.search(label["label"]):
        text = label["rest"]
    lead_in = LEAD_IN.match(text)
    if lead_in:
        text = lead_in["rest"]
    text = text[:1].upper() + text[1:]
    return as_sentence(text)


def has_label(text: str) -> bool:
    """Does the text still open with a heading-like label ("Personalised care targets by 2023/24: Every ...")?"""
    head, colon, _ = text.partition(": ")
    return bool(colon) and len(head.split()) <= MAX_LABEL_WORDS and head[:1].isupper() and not CLAUSE.search(head) \
        and not re.search(r"[.;!?]", head)


def as_sentence(text: str) -> str:
    """End with a full stop; a colon that introduced a list nobody will see becomes one too."""
    text = text.strip().rstrip(";,")
    if text.endswith(":"):
        return f"{text[:-1].rstrip()}."
    return text if text.endswith((".", "!", "?")) else f"{text}."


LEANS_ON_CONTEXT = re.compile(
    r"^(?:(?:for|in|of|from|under|within|with|to|at|by|on|across|among|between|beyond|like|unlike|as with) )?"
    r"(?:first(?:ly)?(?=,)|second(?:ly)?|third(?:ly)?|fourth|fifth|finally|lastly|also|however|but|and|or|then|"
    r"furthermore|moreover|additionally|likewise|similarly|thus|therefore|hence|"
    r"this|these|that|those|it|its|they|them|their|each|both|either|neither|such|"
    r"the (?:first|second|third|former|latter|above|two|three|four|five|six|seven|eight|nine|ten)|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|some|many|most|all|none|several|any) of "
    r"(?:these|those|them|the (?:above|two|three|four|five|six|seven|eight|nine|ten))|in (?:addition|doing so)|"
    r"as a result|to (?:do so|this end))(?![\w-])",
    re.I)
"""The openings of a sentence that cannot stand alone: a list's next item ("Second, ..."), a connective ("However,
..."), or a word pointing back ("This means ...", "For each of the four, ...", "The first is ..."). Tune split:
openings that only set a scene ("On top of the foundational commitments, ...", "The same comment lists ...") are
not here: as answers' leads they still hold the fact."""


POINTING_WORDS = r"it|its|this|these|they|them|their|both|such(?!\s+as\b)"
"""Words that point to something said before ("It proposes ...", "Both also sit on ...", "To ease it, ..."); "such
as" introduces examples and points nowhere."""
OPENS_POINTING_BACK = re.compile(
    rf"[\"'‘“(]?(?:{POINTING_WORDS}|that|those|also|however|but|and|or|then|therefore|thus|hence|finally|"
    r"second(?:ly)?|third(?:ly)?|the (?:former|latter|above|same))\b", re.I)
"""A first word pointing back: at the start "That money ..." and "Those teams ..." point back too (later in a
sentence "that" and "those" mostly begin a clause)."""
POINTS_BACK_WITHIN = 6
"""How far into a sentence a pointing word still makes it lean on the one before ("To ease it, ...")."""


def points_back(text: str, at_start: bool = False) -> bool:
    """Does the sentence lean on the one before it: its first word points back ("That money funds ..."), or, unless
    `at_start`, a pointing word sits in its first few words ("For MSK, it ...")? The one test of pointing back for
    answers, their continuations and the members of lists."""
    if OPENS_POINTING_BACK.match(text.strip()):
        return True
    return not at_start and bool(re.search(rf"\b(?:{POINTING_WORDS})\b", " ".join(text.split()[:POINTS_BACK_WITHIN]),
                                           re.I))


def is_fragment(text: str) -> bool:
    """A sentence that cannot stand alone: it continues a list or leans on one just before it."""
    return bool(LEANS_ON_CONTEXT.match(text.strip().lstrip("'\"‘“(")))


def ends_whole(text: str) -> bool:
    """Does the text end where its sentence ends: a full stop (or ? !), brackets and quotes closed? A digest
    sentence cut at a colon or semicolon, or inside brackets, ends mid-sentence."""
    text = text.strip().rstrip("'\"’”")
    return text.endswith((".", "!", "?", ")")) and text.count("(") == text.count(")")


def joined_sentence(lead: str, items: list[str], context: str = "") -> str:
    """A lead and the sentences that complete it as one sentence: "A plan comes in two parts: the first is ...;
    the second is ...". A colon introduces the items unless they hold colons of their own; a semicolon parts
    them. `context` (the passage) tells a common word, lower-cased inside the sentence, from a name."""
    head = clean_sentence(lead)[:-1]
    rest = [_continued(clean_sentence(item)[:-1], context) for item in items]
    separator = "; " if any(":" in r for r in rest) or head.endswith(":") else ": "
    return as_sentence(f"{head}{separator}{'; '.join(rest)}")


def _continued(text: str, context: str) -> str:
    """A sentence's opening word lower-cased to continue another, unless it is a name or an acronym: the passage
    writes it capitalised inside a sentence too, or a capitalised word follows ("Integrated Care Systems")."""
    first, _, after = text.partition(" ")
    word = first.strip("'\"‘“(").rstrip(",;:")
    if not word[:1].isupper() or not (word[1:].islower() or len(word) == 1) or after[:1].isupper() or \
            re.search(rf"[a-z,] {re.escape(word)}\b", context):
        return text
    return text[:1].lower() + text[1:] if text[0] == word[0] else text
