"""A sentence a completing stage added (contains20's runner-up, clinical21's commitment, clinical22's figure), cut to
the clause(s) holding what it was added for.

Those stages add a whole sentence for one thing the answer lacked: a figure or date, a named programme or body, or the
question's words the answer left unnamed. The sentence often goes on after it ("..., and will be supported by local
partners across the system"), and on tuning data that added sentence is where one-fact answers' characters are (issue
21). Here each trailing clause of an added sentence (after a comma or semicolon at the top level, not inside brackets
or quotes) is cut, last first, while it opens on a word that goes on (`OPENER`) and holds nothing new to the answer:
no number, quoted term or capitalised name the other statements do not state, and none of the question's words they
do not name. What is left must read as a sentence: its first clause is a main clause of at least `MIN_LEFT`
characters (not "By 2023," nor a subordinate opening), brackets and quotes closed, no dangling "and", a full stop.
The lead statement is never cut. Measured in docs/history/round-22.md, "Compact added sentences, round 22 (compact22)".
"""

from __future__ import annotations

import re

from assistant.asked_words_first import ASKING_WORDS
from assistant.retrieve import tokenize
from assistant.shorter_sentences import DANGLING, MIN_LEFT, NAME, NUMBER_WORDS, QUOTED, SUBORDINATE_FIRST, _balanced
from assistant.wording import as_sentence

NUMBER = re.compile(r"(?:(?:mid-|early |late |end of )?(?:January|February|March|April|May|June|July|August|"
                    r"September|October|November|December|spring|summer|autumn|winter)\s+)?\d[\d,./]*\d|\d|£|%", re.I)
"""A number as written ("30", "2023/24"), with its month ("mid-November 2019" is not "mid-September 2019"), a pound
sign or a share: compared with the other statements' as written."""
BREAK = re.compile(r"[,;]\s+")
WORD = re.compile(r"[\w'’-]+")
OPENER = re.compile(r"^[,;]\s+(?:(?P<series>and|or)|which|who|whose|where|while|with|without|so that|so|giving|"
                    r"alongside|saying|since|according to|intended|including|meaning|as well as|each with|"
                    r"potentially|through which|\w+ing)\b", re.I)
"""A trailing clause that can go whole: one opening on a word that explains, adds or goes on, or a participle
("..., working in partnership with ..."). A clause opening otherwise ("..., especially vague ones, be assessed ...",
"integrated, community-based care") is part of the sentence's grammar: it stops the cut. After a semicolon any
clause but a series' last item ("; and ...") can go. Not "but": its clause is a warning of its own (", but warned
that physiotherapist numbers need to grow faster": a fact lost on tuning data, as short22 found)."""


def _breaks(text: str) -> list[int]:
    """Where the sentence's top-level clauses start after a comma or semicolon (outside brackets and quotes)."""
    out = []
    for found in BREAK.finditer(text):
        head = text[:found.start()]
        if _balanced(head) and head.count("‘") == head.count("’"):
            out.append(found.start())
    return out


def holds_new(clause: str, others: str, terms: set[str], names: bool = True) -> bool:
    """Does the clause hold something the other statements lack: a number, a quoted term, (with `names`) a
    capitalised name or acronym, or one of the question's words (`terms`, stemmed) they do not name?"""
    if QUOTED.search(clause):
        return True
    if set(NUMBER.findall(clause)) - set(NUMBER.findall(others)):
        return True
    words = set(WORD.findall(others.lower()))
    if {m.lower() for m in NUMBER_WORDS.findall(clause)} - words:
        return True
    if names and {m.lower() for m in NAME.findall(clause.strip())} - words:
        return True
    said = set(tokenize([others], as_ids=False)[0])
    return bool((terms - said) & set(tokenize([clause], as_ids=False)[0]))


def compacted(question: str, sentence: str, others: list[str], names: bool = True) -> str:
    """`sentence` (one a stage added) without its trailing clauses that hold nothing new to `others` (the answer's
    other statements); itself when nothing can go. `names` False: a new name alone does not keep a clause (a
    sentence added for its figure or date: clinical22's)."""
    text = sentence.strip()
    if ":" in text:  # a list after a colon: its items are the facts
        return text
    terms = set(tokenize([question], as_ids=False)[0]) - ASKING_WORDS
    beside = " ".join(others)
    breaks = _breaks(text)
    if not breaks or breaks[0] < MIN_LEFT or SUBORDINATE_FIRST.match(text[:breaks[0]]):
        return text
    cut = len(text)
    for n in range(len(breaks) - 1, -1, -1):
        start = breaks[n]
        opener = OPENER.match(text[start:])
        semicolon = text[start] == ";"
        if not (opener or semicolon) or holds_new(text[start:cut], beside, terms, names):
            break
        if (opener and opener["series"]) and n and text[breaks[n - 1]] == ",":  # the last item of a series
            break
        if semicolon and opener and opener["series"]:
            break
        head = text[:start].rstrip(" ,;")
        if DANGLING.search(head):
            break
        cut = start
    return text if cut == len(text) else as_sentence(text[:cut].rstrip(" ,;"))


def added_marks(before: list[tuple[str, list[int]]], after: list[tuple[str, list[int]]], names: bool,
                marks: dict[str, bool]) -> dict[str, bool]:
    """`marks` (added sentence text -> its `names` flag) with the statements a stage added to `before` (giving
    `after`)."""
    shown = {text for text, _ in before}
    return {**marks, **{text: names for text, _ in after if text not in shown}}


def compacted_statements(question: str, shown: list[tuple[str, list[int]]],
                         flags: list[bool | None]) -> list[tuple[str, list[int]]]:
    """`shown` with each added statement (its `flags` entry not None: the `names` flag) after the lead compacted."""
    texts = [text for text, _ in shown]
    return [(compacted(question, text, texts[:n] + texts[n + 1:], names=flag) if n and flag is not None else text,
             ranks) for n, ((text, ranks), flag) in enumerate(zip(shown, flags, strict=True))]
