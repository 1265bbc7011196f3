"""Does a question asked in a conversation carry the conversation on, or change the subject? (PipelineConfig.inscope20)

inscope19 searched again, with the question before it, for any question in a conversation that was refused on its
own words. Asked after an unrelated answerable question, 128 of 1,092 out-of-scope tuning questions ("who won the
premier league in 2019?" after a cardiac rehab question) were then answered from the earlier question's passages.
A user who changes the subject writes a question that stands alone; one who carries on leans on what was said. So
the second search is kept for a question that reads as a continuation (docs/history/round-20.md, "Answerable questions
wrongly refused, round 20 (inscope20)"):

- it opens with a connective that only makes sense after something ("so who gets the money first?", "n whats the
  overall target", "thank you. and by when ...");
- or it is one short sentence that points back: "that" / "then" ("how many deaths would that actually prevent",
  "how many stps had pilot sites by then"), "the care homes bit" / "which one", "anything ... in there", or "she" /
  "he" with no person named before it in the question ("what does she tell members to actually do?"; not "my dad
  had a stroke, should he ...").

Questions of five words or fewer, and those with "it", "they" or "and ..." (conversation.is_follow_up), are folded
in with the question before already, so they never reach the second search. Words shared with the previous turn
were measured and left out: on the tuning batches they mark the subject the batch's writers share (CSP, physio,
mental health), not a continuation (130 of 1,288 out-of-scope questions the guard does not pass share a word with
a random answerable question of their batch; 11 real follow-ups do, 2 of them refused).
"""

from __future__ import annotations

import re

MAX_WORDS = 10
"""A pointing word counts in a question this short: longer ones name their own subject ("my fasting blood sugar was
9.1 this morning, does that mean i've got diabetes?"). Chosen leave-one-batch-out (every fold chose 10 or 8; 10 to
15 pass the same wrongly refused follow-ups, 15 two more out-of-scope questions)."""

BEFORE_THAT = ("is", "was", "are", "were", "do", "does", "did", "will", "would", "could", "can", "should", "might",
               "of", "for", "from", "about", "on", "to", "in", "at", "by", "with", "after", "before", "once", "get",
               "mean", "means", "save", "cover", "write", "apply", "fund")
"""Words after which "that" points back ("would that prevent", "how much of that", "about that deadline"), where
after a noun it starts a clause about the noun ("a sourdough starter that won't rise", "a rota that handles part
timers")."""

OPENS_ON = re.compile(r"^\W*(?:so|then|n|right|ok(?:ay)?,? so|thanks?(?: you)?\b[.!,]*(?: and)?)\b", re.I)
"""A connective at the start: the question carries on from the answer before."""

POINTS_BACK = re.compile(rf"(?:^\W*|\b(?:{'|'.join(BEFORE_THAT)})\s+)that\b|\bthen\b|\b(?:in|from|on) there\b|"
                         r"^\W*anything\b|"
                         r"\b(?:which|the|that|this)\s+(?:[\w'-]+\s+){0,2}(?:one|ones|bit|bits|element)\b", re.I)
"""What the question is about is in the conversation: "would that prevent", "of that", "by then", "anything on heart failure
in there?", "the care homes bit", "which one would cover our breathlessness clinic?"."""

PERSON = re.compile(r"\b(?:she|he)\b", re.I)
NAMED_PERSON = re.compile(r"\b(?:my|our|your|pt|patient|mum|mother|dad|father|son|daughter|wife|husband|partner|"
                          r"brother|sister|grandma|grandad|baby|child|lady|man|woman|girl|boy|\d+\s*(?:yo|y/o))\b",
                          re.I)
"""Someone the question names itself ("my dad", "14yo", "pt"), whom a later "he" / "she" refers to."""

WORD = re.compile(r"[A-Za-z0-9']+")


def reads_as_continuation(question: str) -> bool:
    """Does `question` lean on the conversation before it, rather than stand alone on a new subject?"""
    text = question.strip()
    if OPENS_ON.search(text):
        return True
    if len(WORD.findall(text)) > MAX_WORDS or re.search(r"[.?!]\s+\S", text):  # long, or more than one sentence
        return False
    if POINTS_BACK.search(text):
        return True
    person = PERSON.search(text)
    return person is not None and not NAMED_PERSON.search(text[:person.start()])
