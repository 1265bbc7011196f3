"""False premises: "why did the plan scrap PCNs?" takes as given a change the plan never made (it created them).
A question that asserts the plan (or a passive "was cut") made a change is answerable only when some passage says
that change, or a near synonym, of the same thing; otherwise there is no why or when to give.
"""

from __future__ import annotations

import difflib
import re

from assistant.glossary import long_form

_VERB_END = r"(?:e|es|ed|ped|ping|ing|d|s|ting|t|n|ure|ures)?)\b(?P<object>.{0,60})"
"""The rest of a change verb (closes the `word` group) and what it is done to."""
_ACTOR = (r"(?:the\s+)?(?:(?:nhs\s+)?long\s+term\s+plan|ltp|plan|nhs(?:\s+england)?|government|ministers|"
          r"implementation\s+framework|framework|it|they)")
_PAST_CHANGE = (r"scrap|abolish|abandon|remov|axe|ditch|cut|reduc|decreas|slash|drop|end(?!\s+up)|stop(?!\s*smok)|"
                r"privatis|ban|revers|cancel|withdr[ae]w|halv|freez|shut|clos|sell|sold|downgrad|"
                r"merg|rais|lower|(?:take|took|taken|taking)\s+away|(?:get|got|gotten|getting)\s+rid\s+of|(?:do|did|done|doing)\s+away\s+with|phas(?=e|ed|ing)\w*\s+out")
_CHANGE = (r"scrap|abolish|axe|ditch|privatis|shut|clos|sell|downgrad|charg(?!ed\s+with|e\s+of)|"
           r"(?:get|getting)\s+rid\s+of|(?:do|doing)\s+away\s+with")
PREMISE = re.compile(rf"\b(?:why|when|how|what|which)\b.{{0,60}}?(?:\b(?:did|has|have|had)\s+{_ACTOR}\s+(?:[\w-]+\s+){{0,3}}?|"
                     rf"\b(?:was|were|been|being|got|get|gets)\s+)\b(?P<word>(?P<verb>{_PAST_CHANGE}){_VERB_END}", re.I)
"""A question that takes a change as done by the plan ("why did the plan scrap PCNs?", "why was X cut?")."""
PREMISE_SIMPLE_PAST = re.compile(rf"\b(?:why|reason|how come)\b(?:(?!\b(?:will|would|does|do|can|could|should|might|may|"
                                 rf"to|must)\b).){{0,60}}?\b{_ACTOR}\s+\b(?P<word>(?P<verb>{_PAST_CHANGE})"
                                 rf"(?:ed|ped|d|t)?)\b(?P<object>.{{0,60}})", re.I)
"""The same said in the simple past, without "did": "what was the reason the framework cut funding for X?"."""
_DOCUMENT_ACTOR = _ACTOR.replace("|it|they)", ")")
PREMISE_STATED = re.compile(rf"\b(?:why|when|how|what|which|whats|who)\b.{{0,80}}?\b{_DOCUMENT_ACTOR}\s+(?:has|have|had)\s+"
                            rf"(?:[\w-]+\s+){{0,2}}?\b(?P<word>(?P<verb>{_PAST_CHANGE}){_VERB_END}", re.I)
"""The change stated beside the question: "what's replacing X now the LTP has scrapped it?"; by the plan or the NHS,
not "they" ("what help is there once they have dropped out?")."""
PREMISE_TO_COME = re.compile(rf"\b(?:why|when|how|what|which)\b.{{0,60}}?(?:\b(?:does|do|will|is|are)\s+{_ACTOR}\s+"
                             rf"(?:[\w-]+\s+){{0,3}}?|\b(?:be|get|gets|being)\s+)\b(?P<word>(?P<verb>{_CHANGE}){_VERB_END}",
                             re.I)
"""The same about the future or present ("how many A&E departments does the plan close?", "when does NHS 111 get
shut down?"), for verbs no plan uses of its own aims: "how will the NHS cut waits?" asks about a real aim. In both,
the plan (or a passive) does the change, so "when did the engagement close?" is no premise; and the passages must
say that change happens to what the question is about."""
PREMISE_HEARD = re.compile(rf"\b(?:is it true|true that|i(?:'ve| have)? (?:heard|read)|apparently|someone said)\b.{{0,30}}?"
                           rf"\b{_DOCUMENT_ACTOR}\s+(?:is|are|has|have|had|will|would|was|were)\s+(?:been\s+|going\s+to\s+)?"
                           rf"(?:[\w-]+\s+){{0,2}}?\b(?P<word>(?P<verb>{_PAST_CHANGE}){_VERB_END}", re.I)
"""A change the asker has heard of and asks to confirm: "is it true the plan is shutting A&E departments?"."""
PREMISE_REASON = re.compile(rf"\b(?:why|reason\w*|rationale|justification|thinking)\s+(?:for|behind)\s+(?:{_ACTOR}(?:['’]s)?\s+)?"
                            rf"(?P<word>(?P<verb>{_PAST_CHANGE})(?:ping|ting|ing)?)\b(?P<object>.{{0,60}})", re.I)
"""The change named as a noun phrase whose reason is asked: "the reasoning behind the LTP scrapping PCNs", "the plan's
reason for abolishing the 18-week standard"."""
PREMISE_BY = re.compile(rf"\b(?P<object>(?:[\w&'’-]+\s+){{1,4}}?)(?:was|were|got|been|get|gets|being)\s+(?:[\w-]+\s+)?"
                        rf"(?P<word>(?P<verb>{_PAST_CHANGE}|lost)(?:ed|ped|d|t|ted)?)\s+(?:by|under|in|from|because\s+of)\s+"
                        rf"{_DOCUMENT_ACTOR}\b", re.I)
"""A passive change the plan is said to have made, without a question word before it: "PCNs got scrapped by the plan,
didn't they?", "how many posts were lost because of the long term plan?", "now that personal health budgets have been
dropped from the plan, ..."."""
PREMISE_FOR = re.compile(rf"\b{_DOCUMENT_ACTOR}\s+for\s+(?P<word>(?P<verb>{_PAST_CHANGE})(?:ping|ting|ing))\b"
                         rf"(?P<object>.{{0,60}})", re.I)
"""A change the plan is praised, blamed or criticised for: "why did the csp criticise the plan for cutting back pulmonary
rehab?" takes the cut as made."""
PREMISE_SUBJECT = re.compile(r"\b(?:how much|how many|why|when|what)\b.{0,40}?\b(?:was|were)\s+"
                             r"(?P<object>(?:(?!to\b|the\s+plan\b)[\w&'’-]+\s+){1,4}?)"
                             r"(?P<word>(?P<verb>cut|reduc|slash|halv|scrap|abolish|axe|ditch|clos|shut|remov|withdr[ae]w|"
                             r"abandon|downgrad|privatis|froz|freez|merg)(?:ed|ped|d|t|en|n)?)\s+(?:by|under|in|from)\b",
                             re.I)
"""A passive with its subject inside: "by how much was mental health funding cut in the plan?"."""
PREMISE_MADE = re.compile(rf"\b(?:why|when|how|what|which|reason)\b.{{0,60}}?\b(?:(?:did|has|have|had)\s+{_ACTOR}\s+"
                          rf"(?:make|made|render)|{_DOCUMENT_ACTOR}\s+(?:made|rendered))\s+(?P<object>(?:[\w&'’-]+\s+){{1,5}}?)"
                          rf"(?P<word>(?P<verb>optional|voluntary|discretionary|compulsory|mandatory|statutory|free|"
                          rf"illegal))\b", re.I)
"""A change of what is required or allowed, taken as made: "why did the framework make the FCP rollout optional?"."""
PREMISE_SAID = re.compile(rf"(?:\b(?:since|now(?:\s+that)?|given(?:\s+that)?|seeing\s+(?:as|that)|after|once|because|as|"
                          rf"said|says|claims?|claimed|reported|heard|read|that|true)|(?:^|[,;:.!?]\s|\s[-–—]+\s)\s*"
                          rf"(?:so|and|but|ok|okay)?)\s*{_DOCUMENT_ACTOR}\s+(?:(?:has|have|had)\s+(?:now\s+|just\s+)?)?"
                          rf"(?P<word>(?P<verb>{_PAST_CHANGE})(?:ed|ped|d|t|ted|s|es)?)\b(?P<object>.{{0,60}})", re.I)
"""A change stated as done, as the ground of the question or as someone's report: "since the framework dropped FCP
rollout from the foundational commitments, do we still need to plan for it?", "the csp said the plan abandoned
pulmonary rehab expansion - what was their reaction?"."""
PREMISE_WHY_NOW = re.compile(rf"\bwhy\s+(?:is|are)\s+{_ACTOR}\s+(?:[\w-]+\s+){{0,2}}?"
                             rf"(?P<word>(?P<verb>{_PAST_CHANGE})(?:ing|ting|ping))\b(?P<object>.{{0,60}})", re.I)
"""A change asked the reason for as under way: "why is the plan cutting the share of NHS money going to mental
health?"; "how is the plan cutting waits?" asks how an aim is met, and "why will the NHS cut waits?" the reason for
an aim."""
PREMISE_WHY_DOES = re.compile(rf"\bwhy\s+(?:does|do)\s+{_DOCUMENT_ACTOR}\s+(?:[\w-]+\s+){{0,2}}?"
                              rf"(?P<word>(?P<verb>{_PAST_CHANGE})(?:s|es)?)\b(?P<object>.{{0,60}})", re.I)
"""The same asked of what the plan does: "why does the long term plan cut mental health's share of nhs spending"."""
PREMISE_NEGLECT = re.compile(rf"(?<!\bdoes\s)(?<!\bdo\s)(?<!\bwill\s)(?<!\bwould\s)\b{_DOCUMENT_ACTOR}\s+"
                             rf"(?:(?:has|have|had)\s+)?(?P<word>(?P<verb>ignor|neglect|overlook|sidelin)(?:e|es|ed|ing|s)?)\b"
                             rf"(?P<object>.{{0,60}})", re.I)
"""Something the plan is said to have passed over: "why did the csp say the plan ignored pulmonary rehab?", "why did the
plan neglect carers?". "Does the plan ignore carers?" asks whether it does, and "how will the plan stop carers being
ignored?" is about the carers, so neither is matched."""
_NEGLECT = "ignor|neglect|overlook|omit|omission|sidelin|lack|little|absen|silent|no mention|not mention|gap"
"""How a passage says the plan passes something over ("says little about", "a gap"): the premise of "the plan ignored X"."""
_CHANGE_FAMILIES = {
    "scrap": r"scrap|abolish|remov|end|replac|stop|phas\w*\s+out", "abolish": "abolish|scrap|remov|end|replac|stop",
    "axe": "axe|abolish|scrap|remov|end|cut", "remov": r"remov|scrap|abolish|end|stop|drop|withdr|cut|phas\w*\s+out",
    "abandon": r"abandon|scrap|abolish|remov|end|stop|drop|withdr|phas\w*\s+out", "ditch": "ditch|abolish|scrap|remov|end|drop",
    "cut": "cut|reduc|lower|fall|fell|drop|saving|sav|less|fewer|decreas",
    "reduc": "reduc|cut|lower|fall|fell|drop|less|fewer|decreas", "decreas": "decreas|reduc|cut|lower|fall|fell|less|fewer",
    "slash": "slash|cut|reduc|lower|fewer|less|decreas", "drop": "drop|cut|reduc|remov|end|stop|fall|fell|fewer|less",
    "halv": "halv|half|reduc|cut", "freez": "freez|froz|pause|halt|cap", "froz": "freez|froz|pause|halt|cap",
    "stop": r"stop|end|scrap|abolish|remov|withdr|ceas|phas\w*\s+out",
    "end": r"end|scrap|abolish|remov|stop|replac|phas\w*\s+out",
    "rais": "rais|increas|higher|extend|expand|widen", "lower": "lower|reduc|cut|fall|drop|down|fewer|less",
    "clos": "clos(e|ed|es|ing|ure|ures)\\b|shut", "shut": "shut|clos(e|ed|es|ing|ure|ures)\\b", "merg": "merg|combin",
    "charg": "charg|fee|pay for|paid for",
    "optional": "optional|voluntar|discretion|not (?:be )?(?:mandatory|compulsory|required)",
    "voluntary": "voluntar|optional|discretion|not (?:be )?(?:mandatory|compulsory|required)",
    "discretionary": "discretion|optional|voluntar",
    "ignor": _NEGLECT, "neglect": _NEGLECT, "overlook": _NEGLECT, "sidelin": _NEGLECT,
    "compulsory": "compulsor|mandator|must|required|statutor",
    "mandatory": "mandator|compulsor|must|required|statutor", "statutory": "statutor|legal|legislat|duty",
    "free": "free|no charge|without charge", "illegal": "illegal|unlawful|ban|prohibit",
}
"""What counts as a passage saying the change a question takes as given (its verb's stem, and near synonyms)."""
STOP_WORDS = frozenset("a an the of to in on for and or by with from at is are was were be been do does did has have had "
                  "will would should could can why when how what which who many much plan plans long term nhs ltp "
                  "framework implementation under it its this that there their they them we our you your get got down "
                  "health care service services people patients patient".split())


PATTERNS = (PREMISE, PREMISE_SIMPLE_PAST, PREMISE_STATED, PREMISE_TO_COME, PREMISE_REASON, PREMISE_BY, PREMISE_SUBJECT,
            PREMISE_HEARD, PREMISE_MADE, PREMISE_WHY_NOW, PREMISE_SAID, PREMISE_FOR, PREMISE_WHY_DOES, PREMISE_NEGLECT)
"""Each way a question takes a change as given, tried in this order."""

PREMISE_MADE_SAID = re.compile(rf"\b(?:since|now\s+that|given\s+that|seeing\s+(?:as|that)|as|because)\s+{_DOCUMENT_ACTOR}\s+"
                               rf"(?:has\s+|have\s+|had\s+)?(?:made|rendered)\s+(?P<object>(?:[\w&'’-]+\s+){{1,5}}?)"
                               rf"(?P<word>(?P<verb>optional|voluntary|discretionary|compulsory|mandatory|statutory|free|"
                               rf"illegal))\b", re.I)
"""A change of what is required, given as the ground of the question: "since the framework made FCP rollout optional,
how do we opt in?"."""
PREMISE_STANCE = re.compile(r"\b(?:why|when|how|what|reason\w*)\b.{0,40}?\b(?:did|does|do|has|have|had)\s+(?:the\s+)?"
                            r"(?:csp|chartered\s+society(?:\s+of\s+physiotherapy)?|plan|ltp|framework|nhs(?:\s+england)?|"
                            r"government)\s+(?:[\w-]+\s+){0,2}?(?P<word>(?P<verb>oppos|object|reject|criticis|critiz|"
                            r"resist|condemn|(?:come|came)\s+out\s+against|(?:campaign|argu)\w*\s+against|disagree)"
                            r"(?:e|es|ed|ing|s|ize|ise|ised|ized)?)\b(?P<object>.{0,60})", re.I)
"""A stand taken against something, taken as given: "why did the csp oppose first contact physiotherapy in the plan?";
the passages found must say so (the CSP's guidance mostly welcomes what the plan proposes)."""
PREMISE_GIVE_UP = re.compile(rf"\b(?:why|when|how|what|which|reason\w*)\b.{{0,60}}?\b(?:did|has|have|had)\s+{_ACTOR}\s+"
                             rf"(?P<word>(?P<verb>(?:give|gave|given)\s+up\s+on))\b(?P<object>.{{0,60}})", re.I)
"""Dropping an aim, said "give up on": "why did the plan give up on halving stillbirths by 2025?"."""
_END = r"end(?!\s+of\b)"
"""Ending something, not "by the end of 2023/24"."""
_AGAINST = r"oppos|object|reject|critic|against|disagree|resist|condemn|concern|worr"
"""How a passage says someone stood against something."""
KIND_PATTERNS = (PREMISE_GIVE_UP, PREMISE_STANCE, PREMISE_MADE_SAID, *PATTERNS)
"""With `PipelineConfig.kind_refusals` (refusals14): a stand, "give up on", and "since ... made X optional" too."""
KIND_FAMILIES = {**{verb: re.sub(r"(?<![a-z])end(?![a-z(])", lambda _: _END, family)
                    for verb, family in _CHANGE_FAMILIES.items()},
                 **dict.fromkeys(("oppos", "object", "reject", "criticis", "critiz", "resist", "condemn", "disagree"),
                                 _AGAINST)}
"""`_CHANGE_FAMILIES` where "the end of 2023/24" says nothing ended, and how a passage reports a stand."""


def unsupported_premise(question: str, found: str, patterns: tuple[re.Pattern[str], ...] = PATTERNS,
                        families: dict[str, str] | None = None) -> tuple[str, str] | None:
    """(verb, the change as the question says it: "scrap primary care networks") when `question` takes a change as
    given that no passage of `found` (their lower-cased text) says; else None. The change must be said within a few
    words (40 characters), in one sentence, of what it is about ("close attention to patients" says nothing about
    closing A&E departments; "NHS 111 callers now receive an assessment, which ends in advice" ends no NHS 111).
    A figure the change goes to or from is part of the premise: no passage giving it, no such change."""
    match = next((m for m in (pattern.search(question) for pattern in patterns) if m), None)
    if not match or match.re is PREMISE_SAID and re.match(r"\s*(?:in|on|at|by|after|before|when|up|[,?.!;:]|$)",
                                                          match.group("object")):
        return None  # "since the plan ended in 2024": the plan itself ended, nothing was done to anything
    verb, word = match.group("verb").lower(), match.group("word").lower()
    if verb.endswith("against"):  # "come out against", "argued against": a stand against it
        verb = "oppos"
    elif re.search(r"\s", verb):  # "get rid of", "do away with", "phase out", "give up on": ways of saying scrap;
        verb = "cut" if verb.endswith("away") and not verb.startswith("do") else "scrap"  # "take away": cut
    if verb == "lost":
        verb = "cut"
    subject = " ".join(match.group("object").strip(" ?.!").split())
    target = re.search(r"\b(?:to|from)\s+£?(\d[\d,.]*)", subject)
    if target and not _figure_said(target.group(1).rstrip(",."), subject[:target.start()], found):
        return word, f"{word} {subject}"  # "raise the bowel screening age to 70": no passage gives it 70
    family = (families or _CHANGE_FAMILIES).get(verb, verb)
    said = set(re.findall(r"[a-z0-9&]+", word))  # "got rid of": the change's own words are not what it is done to
    about = {w.rstrip("s")[:5] for w in re.findall(r"[a-z0-9&]+", question.lower())
             if w not in STOP_WORDS and w not in said and len(w) > 2 and not re.match(family, w)}
    heads = _heads(subject)
    for change in re.finditer(rf"\b({family})", found):
        before, after = found[max(0, change.start() - 40):change.start()], found[change.end():change.end() + 40]
        near = re.split(r"[.;?!]\s", before)[-1] + change.group(0) + re.split(r"[.;?!]\s", after)[0]  # same sentence
        if any(re.search(rf"\b{re.escape(w)}", near) for w in about) and \
                (not heads or any(re.search(rf"\b{re.escape(h)}", near) for h in heads)):
            return None
    if not subject.strip(" ?.!,") and re.search(r"\b(?:did|has|have|had)\s+(?:it|they)\b", match.group(0), re.I):
        return None  # "the engagement - on what date did it close?": the thing itself closed, nobody closed it
    if match.re is PREMISE_MADE or match.re is PREMISE_MADE_SAID:
        return word, f"make {subject} {word}"
    shown = re.split(r"\s*(?:[,;:?!]|\s[-–—]+\s)", subject)[0]  # the change, not the question after it
    return word, f"{word} {shown}" if shown else " ".join(match.group(0).split())


_OBJECT_END = re.compile(r"\s(?:to\s+£?\d|from|for|in|under|by|because|so|when|if|and|or|but|as|now|since|at|"
                         r"with|without|across|over|after|before)\b.*|[,;:?!.].*", re.I)


def _heads(subject: str) -> set[str]:
    """How a passage names what the change is done to: the last word of the question's object ("primary care
    networks", "the FCP rollout"), stemmed as `about` is, and its acronym's spelling out ("PCNs": "network").
    "Removes the old dividing line between primary care and community health services" says no change to primary
    care networks: the thing changed is named by its head word, not by a word it shares with something else. Empty
    when the object is no noun phrase ("cut from mental health", a passive), and then any word of the question does."""
    words = [w for w in re.findall(r"[\w&'’-]+", _OBJECT_END.sub("", f" {subject}"))
             if w.lower() not in STOP_WORDS and len(w) > 2 and not w.isdigit()]
    if not words:
        return set()
    head = re.sub(r"['’]s$", "", words[-1])
    heads = {head.lower().rstrip("s")[:5]}
    expansion = long_form(head)  # "PCNs", "pcns", "utc": as typed
    if expansion:
        heads.add(expansion.lower().split()[-1].rstrip("s")[:5])
    return heads


def _figure_said(figure: str, thing: str, found: str) -> bool:
    """Whether a sentence of `found` gives `figure` beside every word of `thing` ("the bowel screening age")."""
    words = [w.rstrip("s")[:5] for w in re.findall(r"[a-z0-9&]+", thing.lower()) if w not in STOP_WORDS and len(w) > 2]
    for sentence in re.split(r"[.;?!]\s", found):
        if re.search(rf"(?<![\d,.]){re.escape(figure)}(?![\d,])", sentence) and \
                all(re.search(rf"\b{re.escape(w)}", sentence) for w in words):
            return True
    return False


_DOCS = r"(?:the\s+)?(?:(?:nhs\s+)?long\s+term\s+plan|ltp|plan|(?:implementation\s+)?framework|csp|guidance)"
_GIVES = r"(?:gives?|sets?|requires?|offers?|provides?|imposes?|introduces?|funds?|pays?)"
_ATTRIBUTED = re.compile(
    rf"\b{_DOCS}(?P<own>['’]s\s+)|\b{_DOCS}\s+{_GIVES}\b|\b(?:does|did|do|will)\s+{_DOCS}\s+{_GIVES}\b|"
    rf"\b(?P<where>in|under)\s+the\s+(?:(?:nhs\s+)?long\s+term\s+plan|ltp|(?:implementation\s+)?framework)\b", re.I)
"""The question says the documents give, set or require something ("the bursary the LTP gives", "the LTP's requirement
for every physio to hold an MSc", "what penalty does the framework set", "the £500m fund in the framework"); "what does
the plan say about ..." is the ordinary question, whose words are the user's own."""
_BEFORE, _REQUIRED = 6, 8
"""How many words before the documents are named name what they give, and after "the plan's requirement" (or promise)
what it requires ("the LTP's requirement for every physio to hold an MSc"); anything else "the plan's" ("the plan's
target nursing vacancy rate", "the CSP's AGILE briefing") is the user's name for what the documents have."""
_REQUIREMENT = re.compile(r"(?:requirements?|rules?|mandates?|duty|duties|obligations?|pledges?|promises?|guarantees?|"
                          r"commitments?|expectations?)\b", re.I)
_CONTENT = re.compile(r"[a-z][a-z']+", re.I)
def _describes_known(word: str, question: str, known: frozenset[str]) -> bool:
    """Whether `word` is a participle right before a word the documents use ("anticipated effect")."""
    following = re.search(rf"\b{re.escape(word)}\s+([a-z]+)", question, re.I)
    return word.lower().endswith(("ed", "ing")) and following is not None and following.group(1).lower() in known


_CHAT = frozenset("etc eg ie ok okay pls thanks quick yeah".split())
_ASKING = frozenset("gist lowdown rundown tldr summary basics nutshell".split())
_SUM = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)\s?(bn|billion|m|million|k)?\b", re.I)


def unknown_premise(question: str, known: frozenset[str], corpus_text: str, typed: bool = False) -> str | None:
    """A thing the question says the documents give or set that they never mention, or None: a word they never use
    ("bursary", "penalty", "MSc"), or a sum they never give ("£500m"). Typos of words they do use ("fincancial") are
    not such things. With `typed` (PipelineConfig.inscope17) neither are words asking for a summary ("the gist of")
    nor a participle describing a word they use ("the anticipated effect")."""
    said = _ATTRIBUTED.search(question)
    if not said:
        return None
    before = "" if said.group("own") else " ".join(question[:said.start()].split()[-_BEFORE:])
    after = ""  # "the gist of the CSP's view": "the CSP's" says what follows is theirs, not what comes before
    if said.group("own"):
        rest = question[said.end():]
        after = " ".join(rest.split()[1:_REQUIRED + 1]) if _REQUIREMENT.match(rest) else ""
    thing = f"{before} {after}"
    for match in _SUM.finditer(thing):
        if not re.search(rf"£\s?{re.escape(match.group(1))}(?![\d])", corpus_text):
            return match.group(0)
    if said.group("where"):
        return None  # "what's in the LTP for cancer, in a nutshell?": only a sum is said to be in them
    for word in _CONTENT.findall(thing.replace("-", " ")):
        bare = word.lower().removesuffix("'s").rstrip("'")
        if typed and (bare in _ASKING or _describes_known(word, question, known)):
            continue  # "the gist of", "the anticipated effect": how it is asked, not a thing they never mention
        if len(bare) < 3 or bare in STOP_WORDS or bare in known or bare.rstrip("s") in known or \
                bare.removesuffix("es") in known:
            continue
        if len(bare) > 4 and difflib.get_close_matches(bare, known, n=1, cutoff=0.8):
            continue  # a typo of a word the documents use
        if bare in _CHAT or word[:1].isupper() or any(k.startswith(bare.rstrip("s")) for k in known):
            continue  # "physios", "admin", "doc": a short form of a word they use; names are scope.py's
        return word
    return None
