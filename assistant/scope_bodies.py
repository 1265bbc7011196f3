"""One particular hospital, trust or system typed the way people type in a chat box, in lower case: "university
hospitals of leicester", "salford royal's alcohol care team", "frimley ics", "royal cornwall hospitals trust". The
documents are national plans: a question for one body's beds, waits, team or results is outside them unless a passage
found for it names that body, and the documents naming it elsewhere (an author's affiliation) answers nothing."""

from __future__ import annotations

import re

from assistant.premise import STOP_WORDS
from assistant.refusal import COVERS, Refusal
from assistant.refusal import normal as _normal

_KIND = (r"ics|stp|ccg|icb|pcn|icss|stps|ccgs|integrated\s+care\s+system|sustainability\s+and\s+transformation\s+"
         r"partnership|clinical\s+commissioning\s+group")
_GENERIC = frozenset("a an my our your their this that each every any all some other new local the its which what "
                     "specialist major leading regional district busy biggest largest smaller larger most two three "
                     "whose one single own nearest nearby big small large acute community mental rural urban english "
                     "national average typical given many several no nhs health care and of".split())
"""Words before "ICS" or "hospitals trust" that say which kind or how many, not which one."""
_BODY = re.compile(
    r"\buniversity\s+hospitals?\s+of\s+(?P<of>[a-z][a-z'’-]+(?:\s+and\s+[a-z][a-z'’-]+)?)\b|"
    r"\b(?P<royal>[a-z][a-z'’-]+)\s+royal(?:['’]s)?\s+(?!colleges?\b|society\b|navy\b|family\b|mail\b)|"
    r"\b(?P<place>(?:[a-z][a-z'’-]+\s+){1,5}?)(?i:" + _KIND + r")\b(?!\s*(?:level|footprint|leads?|plans?)\b)|"
    r"\b(?P<trust>(?:[a-z][a-z'’-]+\s+){1,3}?)(?:university\s+|teaching\s+)?hospitals\s+(?:nhs\s+)?(?:foundation\s+)?"
    r"trust\b|"
    r"\b(?P<teaching>(?:[a-z][a-z'’-]+\s+){1,3}?)(?:university|teaching)\s+hospitals?\b(?!\s+of\b)(?!\s+(?:nhs\s+)?(?:foundation\s+)?trust)")
"""The name in each way a lower-case body is typed: "university hospitals of X", "X royal", "X ics", "X hospitals
trust", "X university hospitals" (a word before "university/teaching hospitals" is a place even when the documents use
it: "nottingham university hospitals")."""


def named_body(question: str, found: str, corpus_text: str) -> Refusal | None:
    """A body named in lower case that no passage found for the question names: its own figures or services are
    asked for, which national plans don't give ("how many beds does university hospitals of leicester have?")."""
    for match in _BODY.finditer(question):
        kind = next(k for k, v in match.groupdict().items() if v)
        words = match.group(kind).split()
        if kind in ("place", "trust", "teaching"):
            run: list[str] = []
            for word in reversed(words):  # the name is the words just before "ics" or "hospitals trust"
                if word in STOP_WORDS or word in _GENERIC:
                    break
                run.insert(0, word)
            words = run[-3:]
            if words and kind != "teaching" and all(re.search(rf"\b{re.escape(_normal(w))}\b", corpus_text) for w in words):
                continue  # "the integrated care ics", "designing icss": words the documents use are no body's name
        else:
            words = [w for w in words if w not in STOP_WORDS and w not in _GENERIC]
        if not words:
            continue
        text = " ".join(match.group(0).split())
        start = text.find(words[0]) if kind in ("place", "trust", "teaching") else 0
        name = re.sub(r"['’]s?\s*$", "", text[start:].strip())
        if _normal(name) in found:
            continue
        return Refusal(f"{COVERS} They are national plans: they don't give figures or plans for {name} or any other "
                       "single trust, hospital or area.", (name,))
    return None
