"""Near misses asked as an exact count, round 20: "exactly how many mental health support teams does the plan fund?"
when the documents give the young people the teams will reach (345,000), not the teams. asked_figure.py's check
takes any number near what is counted ("Each team will work with ...") as the count; a question that insists on
the exact or total number is answered only by a sentence with a number right before what it counts (up to four words
between: "2,500 more first contact physiotherapists") and every word that names it ("mental health support"). Read
only with that insistence: without it the same strict reading refused 56 answerable questions on the tuning data
("how many patients is a PCN supposed to cover", given as "30,000 to 50,000 people"), with it none.
"""

from __future__ import annotations

import re

from assistant.asked_figure import SENTENCE, asked_figure
from assistant.refusal import Refusal, normal

EXACT = re.compile(r"\b(?:exact(?:ly)?|precise(?:ly)?|in\s+total|total\s+number)\b", re.I)
"""How a question insists on the figure itself, not an estimate or what the figure is of."""
_NUMBER = (r"(?:\d[\d,.]*%?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
           r"hundred|thousand|million|dozen)")
_NOT_NAMING = frozenset("extra additional new more total exact exactly actual number first".split())
"""Words of what is counted that name nothing ("extra midwives"), and "first", which the documents spell "FCP"."""


def _stem(word: str) -> str:
    return normal(word).rstrip("s")[:5]


def missing_exact_count(question: str, passages: list[str]) -> tuple[str, str | None] | None:
    """(what is counted, the sentence that says most of it or None) when `question` insists on an exact "how many"
    that no sentence of `passages` gives; else None."""
    if not EXACT.search(question):
        return None
    asked = asked_figure(question, clauses=True)
    if asked is None or asked[0] != "count":
        return None
    words = [w for w in asked[1] if len(w) > 2 and w.lower() not in _NOT_NAMING and not w.isdigit()]
    if not words:
        return None
    head, modifiers = _stem(words[-1]), [_stem(w) for w in words[:-1]]
    sentences = [s for p in passages for s in SENTENCE.split(p) if len(s) > 20]
    for sentence in sentences:
        low = normal(sentence)
        if re.search(rf"\b{_NUMBER}\s+(?:[\w-]+\s+){{0,4}}?{re.escape(head)}", low) and \
                all(re.search(rf"\b{re.escape(m)}", low) for m in modifiers):
            return None
    stems = [head, *modifiers]
    scored = [(sum(bool(re.search(rf"\b{re.escape(w)}", normal(s))) for w in stems), -n, s)
              for n, s in enumerate(sentences)]
    best = max(scored, default=(0, 0, ""))
    named = [w for w in asked[1] if w.lower() not in _NOT_NAMING or w.lower() == "first"]  # "first contact physios"
    return " ".join(named), best[2].strip() if best[0] else None


def exact_count_refusal(question: str, passages: list[str]) -> Refusal | None:
    """The refusal of an exact count the passages never give, quoting what they do say of the thing counted."""
    found = missing_exact_count(question, passages)
    if found is None:
        return None
    counted, sentence = found
    return Refusal(f"The documents don't give the number of {counted}.{what_they_say(sentence)}", figure=True)


def what_they_say(sentence: str | None) -> str:
    """The end of a refusal that corrects the question: the passages' closest sentence, quoted, or a pointer to
    them (premise_check.py's refusals end the same way)."""
    if not sentence:
        return " The related passages say what they do say."
    return f" What they do say: \u201c{short(sentence)}\u201d (see the related passages)."


def short(sentence: str, limit: int = 240) -> str:
    """`sentence` cut at a word boundary to about `limit` characters."""
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + " ..."
