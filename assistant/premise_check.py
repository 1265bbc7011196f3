"""False premises in any verb, round 20: "why did the LTP bring back the nursing bursary?", "why did the framework make
stroke rehab a foundational commitment?" take as given an action of the documents that premise.py's change verbs
(scrap, cut, close ...) do not name. Asked "why" the documents did something, the question is answerable only when
one sentence of the passages found says that action (its verb or a near synonym) of that thing (the head words of
what it is done to); otherwise there is no reason to give, and the refusal quotes what the passages do say of it.
On the tuning data a "why did the plan ..." question is a false premise 101 times in 108 (premise20 in
docs/history/round-20.md), so the check errs towards refusing, and a negated question ("why didn't the plan include ...")
is left to the other rules: what the documents leave out they often say they leave out.
"""

from __future__ import annotations

import re

from assistant.exact_count import what_they_say
from assistant.glossary import long_form
from assistant.premise import _CHANGE_FAMILIES, STOP_WORDS
from assistant.refusal import Refusal, normal

_ACTOR = (r"(?:the\s+)?(?:(?:nhs\s+)?long\s+term\s+plan|ltp|plan|nhs(?:\s+england)?|government|implementation\s+"
          r"framework|framework|csp|guidance|annex\s+\w+)")
_QUIET = r"(?:(?:so|really|actually|also|then|now|just|suddenly|decide\s+to|choose\s+to|opt\s+to|end\s+up)\s+)?"
"""Words between the documents and the action that are not the action ("why did the plan end up expanding NHS 111?"
asks about expanding, not ending)."""
_SAYING = (r"say|says|said|state|want|mean|think|need|include|plan|expect|propose|aim|give(?!\s+up)|focus|talk|"
           r"mention|describe|use|call|recommend|suggest|see|set\s+out|matter|put\s+so\s+much|put\s+a\s+lot|emphasi")
"""Verbs whose "why" asks the documents' own reasons, not a change taken as made ("why does the plan focus on
prevention?", "what reasons does the plan give?")."""
CLAIM = re.compile(rf"\b(?:why|how\s+come|reasons?\s+(?:for|why)|how\s+did|what\s+made)\b.{{0,20}}?\b"
                   rf"(?:did|does|do|has|have|had|was|were|is|are)\s+{_ACTOR}\s+{_QUIET}"
                   rf"(?P<verb>(?!not\b|n['’]?t\b|(?:{_SAYING})\w*\b)[a-z]+(?:\s+(?:back|in|out|up|off|away))?)"
                   rf"(?P<object>[^?.!;]{{0,90}})", re.I)
""""Why did/does/has <the documents> <verb> <what>": the action the question takes as the documents' own."""
_STAND = r"oppos|object(?:ed|ions?)?\b|reject|critic|against|disagree|resist|condemn"
"""How a passage says someone stood against something (premise.py's `_AGAINST` also reads "concern" and "worry",
which the CSP's guidance says of nearly everything it welcomes)."""
_DELAY = r"delay|push\w* back|defer|slip|postpon|later"
_LET = r"allow|let|choos|option|local|discretion|decide"
_LEFT_OUT = r"remov|omit|exclu|not includ|tak\w* out|left out"
FAMILIES = {
    "bring back": r"reinstat|restor|return|bring\w* back|brought back|reintroduc",
    "bring in": r"introduc|bring\w* in|brought in|new|launch|establish|creat",
    "introduc": r"introduc|new|launch|establish|creat", "exempt": r"exempt|exclu|except|not apply",
    "requir": r"requir|must|mandat|expect|will need|should", "push back": _DELAY, "push": _DELAY, "delay": _DELAY,
    "let": _LET, "allow": _LET, "pull out": r"withdr|pull\w* out|stop|end", "take out": _LEFT_OUT,
    "leave out": _LEFT_OUT, "left out": _LEFT_OUT, "charg": r"charg|fee|pay", "make": r"\w", "render": r"\w",
    **dict.fromkeys(("oppos", "against", "reject", "criticis", "object", "resist", "condemn"), _STAND),
}
"""How a passage says an action a question takes as given (its stem, or a near synonym), beside premise.py's change
verbs. A verb in neither is not read: "why did the plan set up PCNs?" may be said "an essential building block", and
what the plan did in words of its own ("set up", "invest in", "expand") is what answerable "why" questions ask."""
_MAKE = re.compile(r"^(?P<thing>.+?)\s+(?:a|an|into(?:\s+an?)?|the)\s+(?P<what>.+)$")
""""make <thing> a <what>": both must be in the sentence that says it."""
_BREAK = re.compile(r"\s(?:that|which|who|when|so|because|and\s+(?:why|how|what)|if|but|we|i|our|my)\b.*|[,:(].*", re.I)


def claimed_action(question: str) -> tuple[str, str] | None:
    """(verb, object) of the action a "why did the plan ..." question takes as given, or None."""
    match = CLAIM.search(question)
    if not match:
        return None
    verb = " ".join(match.group("verb").lower().split())
    thing = _BREAK.sub("", match.group("object")).strip()
    if re.match(r"(?:come|came)\s+out$", verb) and thing.lower().startswith("against "):
        verb, thing = "against", thing[len("against "):]  # "come out against X": a stand against X
    return (verb, thing) if _words(thing) or re.search(_ACTOR, thing, re.I) else None


def _stem(verb: str) -> str:
    """"bringing back" -> "bring back", "exempted" -> "exempt", "required" -> "requir"."""
    head, _, particle = verb.partition(" ")
    if head in ("bring", "brought", "bringing", "brings"):
        head = "bring"
    elif head in ("take", "took", "taken", "taking", "takes", "make", "made", "making", "makes"):
        head = "make" if head.startswith("ma") else "take"
    elif head in ("left", "leaving", "leaves"):
        head = "leave" if particle else "left"
    else:
        head = re.sub(r"(?:ing|ed|es|e|s)$", "", head) or head
    return f"{head} {particle}".strip()


def _family(verb: str) -> str | None:
    """The regex of ways a passage says `verb`, or None for a verb none of the families knows."""
    stem = _stem(verb)
    for key, family in (*FAMILIES.items(), *_CHANGE_FAMILIES.items()):
        if stem == key or stem.startswith(key) and " " not in key:
            return family
    return None


def _words(text: str) -> list[str]:
    """The content words of `text`, each a regex of its stem (five letters, as premise.py stems them) or, for an
    acronym, of its long form's last word too ("PCNs": "pcn|netwo"), so "set up PCNs" is said by "networks"."""
    words = []
    for word in re.findall(r"[A-Za-z0-9&]+", text.replace("-", " ")):
        low = word.lower()
        if low in STOP_WORDS or len(low) < 3 or low.isdigit() or low in {"every", "all", "each", "full"}:
            continue
        stems = [re.escape(low.rstrip("s")[:5])]
        expansion = long_form(word)
        if expansion:
            stems.append(re.escape(normal(expansion).split()[-1].rstrip("s")[:5]))
        words.append("|".join(stems))
    return words


def _sentences(passages: list[str]) -> list[str]:
    """The passages' sentences, each one place an action and its thing must be said together."""
    return [s for p in passages for s in re.split(r"(?<=[.;?!])\s+", p) if len(s) > 20]


def _says(sentence: str, family: str, heads: list[str]) -> bool:
    """Whether `sentence` says the action (`family`) of the thing (every one of `heads`)."""
    low = normal(sentence)
    return bool(re.search(rf"\b(?:{family})", low)) and all(re.search(rf"\b(?:{h})", low) for h in heads)


def unsupported_action(question: str, passages: list[str]) -> tuple[str, str, str | None] | None:
    """(verb, the action as the question says it, the sentence that says most of what it is about or None) when
    the question takes as given an action no sentence of `passages` says of that thing; else None."""
    claim = claimed_action(question)
    if claim is None:
        return None
    verb, thing = claim
    family = _family(verb)
    if family is None:
        return None
    made = _MAKE.match(thing) if _stem(verb) in ("make", "render") else None
    words = _words(thing) or ["plan|ltp|framework"]  # "come out against the Long Term Plan": the plan itself
    heads = _words(made.group("thing"))[:3] + _words(made.group("what"))[:3] if made else words[:3] + words[3:][-1:]
    sentences = _sentences(passages)
    if any(_says(s, family, heads) for s in sentences):
        return None
    about = set(_words(thing))
    scored = [(sum(bool(re.search(rf"\b(?:{w})", normal(s))) for w in about), -n, s)
              for n, s in enumerate(sentences)]
    best = max(scored, default=(0, 0, ""))
    said = f"stood against {thing}" if verb == "against" else f"{verb} {thing}"  # "why was the CSP against X"
    return verb, said, best[2].strip() if best[0] else None


def action_refusal(question: str, passages: list[str]) -> Refusal | None:
    """The refusal of a question whose premise `unsupported_action` finds unsaid, quoting what the passages say."""
    found = unsupported_action(question, passages)
    if found is None:
        return None
    verb, said, sentence = found
    return Refusal(f"The documents don't say that (\u201c{said}\u201d), so there is no reason to give."
                   f"{what_they_say(sentence)}", (verb,))

