"""Two readings that stop refusals of questions the documents answer (PipelineConfig.inscope26; off;
docs/history/round-26-inscope26.md): a user's acronym for something the digest only spells out ("ARRS": the
additional roles paid through the network contract), read in the documents' words by the refusal rules and the
search alike; and a short follow-up in a chain of them ("how many people does a PCN cover?" -> "and who pays for
them?" -> "when?"), searched for again, once refused, with every question of the chain back to the one that
stood alone."""

from __future__ import annotations

import re

from assistant.conversation import Turn, is_follow_up

USERS_ACRONYMS = {
    "ARRS": "additional roles",
    "GPFV": "General Practice Forward View",
    "MHST": "mental health support team",
    "MHSTs": "mental health support teams",
    "SPLW": "social prescribing link worker",
    "SPLWs": "social prescribing link workers",
    "CYPMH": "children and young people's mental health",
}
"""Acronyms users type that no document uses, each for a thing the documents name in these words (grep corpus/:
"additional roles paid for through the network contract", "social prescribing link workers"). Read in place of
the acronym, the refusal rules no longer find an unknown name and the search finds the passage. Not listed: names
for what came after 2019 ("ICB"), which the documents do not cover."""
_PATTERN = re.compile(r"(?<![\w&])(" + "|".join(sorted(USERS_ACRONYMS, key=len, reverse=True)) + r")(?![\w&])")

CHAIN_TURNS = 3
"""At most this many earlier questions are joined to a follow-up: a chain longer than that has moved on."""


def in_documents_words(text: str) -> str:
    """`text` with the users' acronyms the documents never use put in the documents' words."""
    return _PATTERN.sub(lambda m: USERS_ACRONYMS[m.group(1)], text)


def chained_query(question: str, history: list[Turn], query: str) -> str | None:
    """The search for a short follow-up with every user question before it back to the one that stood alone
    ("how many people does a PCN cover? and who pays for them? when?"), or None when `question` is no follow-up,
    the question before it stood alone (the first search, `query`, already read it), or there is no conversation.
    `conversation.standalone_query` joins only the question before, itself a follow-up ("and who pays for them?
    when?"), which loses the subject."""
    before = [t.content for t in history if t.role == "user"]
    if not before or not is_follow_up(question):
        return None
    chain = [question]
    for earlier in reversed(before[-CHAIN_TURNS:]):
        chain.insert(0, earlier)
        if not is_follow_up(earlier):
            break
    joined = " ".join(chain)
    return joined if len(chain) > 2 and joined != query else None
