"""A list, broad or two-part answer's statements carried on by their passage's next sentence. A sentence chosen for
its closeness to the question often only opens what its passage goes on to say: "The plan sets two headline cancer
ambitions." before the 75% and 55,000 ambitions, "Every primary care network will have a larger neighbourhood team."
before "Alongside GPs it will include pharmacists, district nurses ...", "at least 50% ... by 2020/21" before "That
share rises to 70% by 2023/24." On the tuning batches the item such an answer lacked sat in the sentence right after
one it showed more often than anywhere else (docs/history/round-20.md, "List, broad and two-part answers, round 20
(lists20)"). Nothing is taken out of an answer, so no item it held is lost; one-fact questions are left alone."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer_style import FIGURE
from assistant.cited_answer import Answer
from assistant.list_answers import ANNOUNCES_LIST, asks_for_items, is_list, refers_back
from assistant.one_fact import is_one_fact
from assistant.wording import POINTS_BACK_WITHIN, as_sentence, clean_sentence, normalise
from indexer.passage import sentences

STATEMENT = re.compile(r"(?P<text>.*?)(?P<marks>(?:\s*\[\d{1,2}\])+)", re.S)
"""A statement of an answer and the citation marks that close it ("text [1][3]"; a bullet's "- text [2]")."""
LEANS_ON = re.compile(r"\b(those|therefore|then|thus|also|such|above|below|latter|former|same|other|others|rest|"
                      r"remaining|again|instead|in turn|as well|that share|this share)\b", re.I)
"""Words in a sentence's opening that carry on from the one before it ("The other two ...", "That share rises ..."),
beyond the pronouns of `wording.points_back`."""
STATES = re.compile(r"\d|£")
"""A figure or a year: what an item a reader is after usually states, and an opening sentence often does not."""
KEY_CHARS = 60
"""How much of a sentence (normalised, from its start) identifies it inside an answer."""


def asks_for_several(question: str, parts: int, broad: bool) -> bool:
    """A question whose answer should hold several items: broad, two-part, or worded as a list and not after one
    figure or date ("which roles ...?", not "which year ...?")."""
    return broad or parts > 1 or (asks_for_items(question) and not is_one_fact(question))


def carries_on(shown: str, following: str, longest: int, named: bool = False) -> bool:
    """Does `following`, the next sentence of `shown`'s passage, finish what `shown` started: it leans on it or
    `shown` announces it, and it states a figure, a date or a list (the items; with `named`, broad21, also a few
    items in a row: `names_items`), in at most `longest` characters?"""
    if len(following) > longest or not (STATES.search(following) or is_list(following) or
                                         (named and names_items(following))):
        return False
    opening = " ".join(following.split()[:POINTS_BACK_WITHIN])
    return refers_back(following) or bool(LEANS_ON.search(opening)) or bool(ANNOUNCES_LIST.search(shown.strip()))


def names_items(sentence: str) -> bool:
    """A sentence naming a few things in a row ("integrated community hubs ..., and ... pulmonary, cardiac and stroke
    rehabilitation"; "At the same time it acknowledges ... individuals, businesses, communities"): two commas, short
    of `list_answers.is_list`'s three. An answer to a broad or list question is after such items as much as after a
    figure (broad21)."""
    return sentence.count(",") >= 2


def carried_on(answer: Answer, longest: int, named: bool = False) -> Answer:
    """The answer with each statement followed, before its citation marks, by the next sentence of the passage its
    first mark cites when that sentence carries it on (`carries_on`; `named` as there) and the answer does not
    already say it."""
    if answer.abstained or not answer.citations:
        return answer
    passages = {c.n: c.text for c in answer.citations}
    said = normalise(answer.answer)
    out: list[str] = []
    end = 0
    for match in STATEMENT.finditer(answer.answer):
        text, marks = match["text"], match["marks"]
        first = int(re.search(r"\d+", marks)[0])  # type: ignore[index]
        added = _next_sentence(normalise(text), passages.get(first, ""), said, longest, named)
        if added:
            said += " " + normalise(added)
            text = f"{text.rstrip()} {added}"
        out.append(text + marks)
        end = match.end()
    text = "".join(out) + answer.answer[end:]
    return answer if text == answer.answer else replace(answer, answer=text)


def _next_sentence(statement: str, passage: str, said: str, longest: int, named: bool = False) -> str | None:
    """The sentence after the statement's last sentence in `passage`, shown as a sentence, when it carries the
    statement on and `said` (the answer so far) lacks it."""
    parts = sentences(passage)
    last = max((n for n, s in enumerate(parts[:-1]) if _key(s) and _key(s) in statement), default=None)
    if last is None:
        return None
    following = parts[last + 1]
    if _key(following) in said or not carries_on(parts[last], following, longest, named) or \
            set(FIGURE.findall(normalise(following))) & set(FIGURE.findall(said)):
        return None  # already said, not carrying the statement on, or stating an amount twice
    return with_label(following) if named else clean_sentence(following)


def with_label(sentence: str) -> str:
    """The sentence shown whole when `clean_sentence` would take off the label that introduces its list ("Its dated
    milestones include: people able to ...; every ..."): carried on after a statement, the list needs it (broad21)."""
    shown, whole = clean_sentence(sentence), as_sentence(" ".join(sentence.split()))
    return whole if ":" in whole and not whole.lower().startswith(shown[:KEY_CHARS].lower()) else shown


def _key(sentence: str) -> str:
    return normalise(clean_sentence(sentence))[:KEY_CHARS]


BROADLY = re.compile(
    r"\bmeans? for\b|\bmean to\b|\b(?:overall|overview|gist|summar(?:y|ise|ize)|big picture|key (?:themes|points|"
    r"messages)|headlines?|verdict|take on|view on|reckon|significance)\b|\bdo anything for\b|\bwhat(?:'s| is) in\b",
    re.I)
"""Broad wording `summary.is_broad` does not read as a summary request ("what does the NHS long term plan mean for
physiotherapists?", "ltp digital chapter overview", "the CSP's take on ..."): the answer should still hold several
items, so its statements may carry on (broad21)."""


def asks_broadly(question: str) -> bool:
    """Broad wording the summary route and `asks_for_several` miss. Set wording beyond `asks_for_items` ("what extra
    staff roles ...") was tried too: it changed 8 more answers on the tuning batches and gained none."""
    return bool(BROADLY.search(question))
