"""Questions as people type them, read the way the refusal rules need (PipelineConfig.inscope17). Answerable
questions were refused because a rule misread the wording, not because the documents lack the answer:

- chat spellings ("wot", "shud", "n" for "and", "yr") hide the words the rules look for: "how many days n when does
  it start" counted "days n when"; "wot chunk ... shud they cover by end of 2023" read as asking what happened;
- a "how many" that names nothing after it ("link workers: how many by end of 20/21", "how many and by when", "how
  many get IPS") counts what was named before it, so no passage can be checked for a count of "by end";
- what is counted ends where a clause with its own subject begins ("how many admissions they'd avoid");
- a follow-up that points back with "that", "so ...", "she" or "the actual ..." was searched for on its own words.
"""

from __future__ import annotations

import re

_TYPED = (
    (re.compile(r"(?<=\w )n(?= \w)"), "and"),
    (re.compile(r"\bwot'?s\b|\bwats\b", re.I), "what's"),
    (re.compile(r"\bwot\b|\bwat\b", re.I), "what"),
    (re.compile(r"\bwen\b", re.I), "when"),
    (re.compile(r"\bcud\b", re.I), "could"),
    (re.compile(r"\bshud\b", re.I), "should"),
    (re.compile(r"\bwud\b", re.I), "would"),
    (re.compile(r"\byrs\b", re.I), "years"),
    (re.compile(r"\byr\b", re.I), "year"),
    (re.compile(r"\btho\b", re.I), "though"),
    (re.compile(r"(?<=\w )r(?= \w)"), "are"),
    (re.compile(r"(?<=\w )u(?= \w)"), "you"),
)
"""Chat spellings and what they stand for; a lone "n", "r" or "u" only between two words ("days n when")."""


def typed_words(question: str) -> str:
    """`question` with chat spellings written out, so rules that look for "and when", "should" or "what" see them."""
    for pattern, words in _TYPED:
        question = pattern.sub(words, question)
    return question


_NAMED_BEFORE = re.compile(r"(?:by|and|or|a|an|per|in|at|on|over|under|within|from|to|for|get|gets|got|receive|"
                           r"receives|need|needs|go|went|will|would|could|should|did|do|does|can)\b", re.I)
"""A "how many" followed by one of these counts what was named before it ("link workers: how many by end of 20/21";
"how many get IPS"): the words after it say when or what happens, not what is counted."""
_OWN_SUBJECT = re.compile(r"\b(?:they|they'd|they'll|we|we'd|you|you'd|it|it'd|he|she|i|our|their|your|as)\b", re.I)
"""Where what is counted ends and a clause with its own subject begins ("admissions they'd avoid"; "people
independent as a result")."""


_NAMED_JUST_BEFORE = re.compile(r"\b([a-z&'’-]{2,}s)\s*[:,-]?\s*$", re.I)
"""The plural right before "how many" ("link workers: how many by ..."), which is what it counts."""


def counted_words(subject: str, before: str = "") -> str | None:
    """What a "how many" counts, from the words the count's pattern took after it (`subject`) or, when those name
    nothing (a time, a verb), the plural just `before` it; None when neither names it (it is in the conversation)."""
    if _NAMED_BEFORE.match(subject):
        named = _NAMED_JUST_BEFORE.search(before)
        return named.group(1) if named else None
    own = _OWN_SUBJECT.search(subject)
    counted = subject[:own.start()].strip() if own else subject
    return counted or None


_FOLLOW_UP = re.compile(r"^(?:so|then|n|right|wait|ok so)\b|"
                        r"\b(?:that|this|then|there|she|he|her|his|him|ones?|actual|actually|again)\b", re.I)
"""Words a question in a conversation uses to point back: "so who gets the money first?", "what uptake figure is
that?", "what does she tell members?", "so where are the actual numbers then?"."""


def leans_on_conversation(question: str) -> bool:
    """Does `question`, asked after others, lean on them? (conversation.is_follow_up knows the shorter list.)"""
    return bool(_FOLLOW_UP.search(question))


_REFERS = re.compile(r"\b(?:it|its|they|them|their|that|this|those|these)\b", re.I)


def refers_back(question: str) -> bool:
    """Does `question` name what it asks about only by pointing back ("how much money would that bring in")? Then
    the question before says what it is about."""
    return bool(_REFERS.search(question))
