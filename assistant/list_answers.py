"""List questions ("Which roles ...?", "What are the parts?") and the sentences that hold a list's members: a lead
that only announces a list ("... comes in two parts.") is shown with the sentences of its passage that name the
items; a lead that names the set without its members yields to, or is joined to, the sentence that enumerates them.
Moved out of answer.py unchanged; answer.py decides when each applies.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.asked_for import asked_kinds
from assistant.config import DEFAULT_CONFIG
from assistant.retrieve import tokenize
from assistant.wording import is_fragment, points_back

WANTS_LIST = re.compile(
    r"^(which|what are|what were|list|name)\b|\bwhich (\w+ ){0,3}(are|do|does|can|must|should|will)\b|"
    r"\bwhat (\w+ )?(roles|measures|services|programmes|metrics|specifications|features|changes|tests|priorities)\b|"
    r"\bwho (?:will |would |should |is |are |sits? )?(?:be )?(?:on|part of|represented on|members? of)\b|"
    r"\bwho are the members\b",
    re.I)
"""A question after the members of a set: "which ...", "what are ...", "who will be on the board?"."""
ASKS_FOR_ITEMS = re.compile(r"\bwhat are\b|\b(parts|items|features|list)\b", re.I)
"""Beside WANTS_LIST: a question asking for the members of a set anywhere in it ("... What are the parts?")."""
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
ANNOUNCES_LIST = re.compile(
    rf"\b(?P<count>{'|'.join(COUNT_WORDS)}|[2-9]|10)\s+(?!(?:years|months|weeks|days|hours|minutes|decades)\b)"
    r"(?:[\w'’-]+,?\s+){0,3}?[a-z][\w-]*s\b|\bas follows\b|\bthe following\b|:$|\b(?:lists|itemises|enumerates)\b",
    re.I)
"""A sentence that introduces a list it does not hold ("comes in two parts", "lists ten features", "as follows",
"The plan lists changes since ..."). "two years earlier" counts no items."""
ASKS_HOW_MANY_ITEMS = re.compile(rf"\b(?:which|what|the|name|list)\s+(?P<count>{'|'.join(COUNT_WORDS)})\s+"
                                 r"(?:[\w'’-]+\s+){0,2}?[a-z][\w-]*s\b", re.I)
"""A list question that says how many members it wants ("Which four roles ...?"): a lead naming a few other
things ("such as pharmacists, counsellors and nurses") does not hold them."""


def is_list(sentence: str) -> bool:
    """A sentence that enumerates ("seven specifications: a, b, c and d"): what "which ..." questions want."""
    return sentence.count(",") + 2 * sentence.count(";") >= 3


def with_items(query: str, chosen: list[int], candidates: list[tuple[int, str]],
                limit: int) -> tuple[list[int], int]:
    """When a list question's lead only announces the list ("... comes in two parts."), the passage's next
    sentences, which name the items, follow it: up to the announced count (or `limit`), stopping after a sentence
    that enumerates them itself. Also how many sentences after the lead are its items, to be joined to it, when
    they are the whole list (as many as announced, or one that enumerates): the answer's first sentence then holds
    the list, not only its announcement."""
    lead_rank, lead_text = candidates[chosen[0]]
    announced = ANNOUNCES_LIST.search(lead_text.strip())
    if not asks_for_items(query) or not announced or holds_items(lead_text):
        return chosen, 0
    count = next((m["count"] for m in ANNOUNCES_LIST.finditer(lead_text.strip()) if m["count"]), None)
    wanted = min(limit, int(COUNT_WORDS.get(count.lower(), count)) if count else limit)
    items: list[int] = []
    for index in range(chosen[0] + 1, len(candidates)):
        if candidates[index][0] != lead_rank or len(items) == wanted:
            break
        items.append(index)
        if is_list(candidates[index][1]):
            break
    whole = len(items) == wanted or (len(items) == 1 and is_list(candidates[items[0]][1]))
    return [chosen[0], *items, *(c for c in chosen[1:] if c not in items)][: max(len(chosen), 1 + len(items))], \
        len(items) if whole else 0


def asks_for_items(query: str) -> bool:
    """A question after the members of a set, by its opening ("which ...") or anywhere in it ("... what are the parts?")."""
    return bool(WANTS_LIST.search(query) or ASKS_FOR_ITEMS.search(query))


def carried_items(query: str, chosen: list[int], joined: int, candidates: list[tuple[int, str]],
                   limit: int) -> dict[int, list[int]]:
    """For a list question, each chosen sentence after the lead that only announces a list ("The later milestones
    run as follows.") carries the sentences of its passage that name the items, as `with_items` gives the lead
    its items: an announcement alone tells the reader nothing."""
    if not asks_for_items(query):
        return {}
    carried: dict[int, list[int]] = {}
    for index in chosen[1 + joined:]:
        rank, text = candidates[index]
        if not ANNOUNCES_LIST.search(text.strip()) or holds_items(text) or is_list(text) or \
                any(index in items for items in carried.values()):
            continue
        count = next((m["count"] for m in ANNOUNCES_LIST.finditer(text.strip()) if m["count"]), None)
        wanted = min(limit, int(COUNT_WORDS.get(count.lower(), count)) if count else limit)
        items: list[int] = []
        for following in range(index + 1, len(candidates)):
            if candidates[following][0] != rank or len(items) == wanted or following in chosen[:1 + joined]:
                break
            items.append(following)
            if is_list(candidates[following][1]):
                break
        if items:
            carried[index] = items
    return carried


LIST_REACH = 2
"""How far after a list question's lead its passage's enumeration may sit ("An NHS Assembly will be set up ... It will
meet ... Its members will be drawn from ...")."""


def with_passage_list(query: str, chosen: list[int], candidates: list[tuple[int, str]],
                       limit: int = DEFAULT_CONFIG.max_sentences,
                       members: Callable[[str], bool] | None = None) -> tuple[list[int], int]:
    """A list question whose lead names the set without its members ("The framework calls its foundational
    programmes 'critical foundations'.", "The network contract funds PCNs to recruit additional staff ...") gets
    the sentence of the lead's passage, one or two after it, that enumerates them, however it scored: the members
    are what was asked. A lead that names a few things itself ("to advance care planning, to ..., and to ...") keeps
    its place. Right after the lead and leaning on it ("They are ...") it is joined to the lead; standing alone
    ("The roles include ...") it leads; else it follows the lead. The answer keeps its length (at least two).
    For a question not worded as a list, `members` tells the sentence that lists what it is after (`with_members`);
    that sentence follows the lead, which answered the question as worded, and a joined one costs no sentence."""
    lead_rank, lead = candidates[chosen[0]]
    worded_as_list = members is None
    if worded_as_list and not WANTS_LIST.search(query):
        return chosen, 0
    if lead.count(",") + lead.count(";") > 1 and not wanted_items(query):
        return chosen, 0
    following = range(chosen[0] + 1, min(chosen[0] + 1 + LIST_REACH, len(candidates)))
    enumerates = members or (lambda text: names_items(text, query))
    found = next((i for i in following if candidates[i][0] == lead_rank and enumerates(candidates[i][1])), None)
    if found is None:
        return chosen, 0
    rest = [c for c in chosen[1:] if c != found]
    size = max(2, min(len(chosen), limit))
    if not refers_back(candidates[found][1]):
        return ([found, chosen[0], *rest] if worded_as_list else [chosen[0], found, *rest])[:size], 0
    joined = 1 if found == chosen[0] + 1 else 0
    if joined and not worded_as_list:
        size = max(size, min(len(rest) + 2, limit + 1))
    return [chosen[0], found, *rest][:size], joined


ASKS_WHY = re.compile(r"^\W*(?:and\s+|but\s+|so\s+)?why\b", re.I)
"""A question after a reason: the members of a set its answer names are not what it asks."""


def with_members(query: str, chosen: list[int], candidates: list[tuple[int, str]],
                 limit: int = DEFAULT_CONFIG.max_sentences) -> tuple[list[int], int]:
    """A question not worded as a list ("what will residents get?", "can I bring in community paramedics?", "what
    did the CSP pick out?") whose lead names a set ("stronger NHS support", "additional staff") gets the sentence of
    the lead's passage that enumerates its members (`with_passage_list`): the members are what the reader is after.
    Only a sentence that enumerates (`is_list`) and names something the question asks about that the lead does not
    ("community paramedics"): a list of other things is no answer. Not for a question after a figure, a date or a
    place (its lead holds the fact), nor after a reason ("why").
    Tune split: the passage cited held the members and the answer dropped them in three such questions."""
    if asks_for_items(query) or asked_kinds(query) or ASKS_WHY.search(query):
        return chosen, 0
    asked = set(tokenize([query], as_ids=False)[0]) - set(tokenize([candidates[chosen[0]][1]], as_ids=False)[0])

    def lists_asked(text: str) -> bool:
        return is_list(text) and bool(asked & set(tokenize([text], as_ids=False)[0]))

    return with_passage_list(query, chosen, candidates, limit, members=lists_asked)


def wanted_items(query: str) -> int:
    """How many members a list question asks for ("Which four roles ...?" asks for 4); 0 when it does not say."""
    match = ASKS_HOW_MANY_ITEMS.search(query)
    return COUNT_WORDS[match["count"].lower()] if match else 0


def names_items(sentence: str, query: str) -> bool:
    """Does `sentence` enumerate: three or more items, or as many as the question asks for ("a, b, c and d")?"""
    wanted = wanted_items(query)
    parted = sentence.count(",") + sentence.count(";") + len(re.findall(r"\b(?:and|or)\b", sentence))
    return is_list(sentence) or (wanted > 1 and parted >= wanted - 1)


def refers_back(text: str) -> bool:
    """A sentence that points back to the one before it, at its start or in its first few words."""
    return is_fragment(text) or points_back(text)


def holds_items(sentence: str) -> bool:
    """Does an announcing sentence go on to name the items itself ("seven specifications: a, b and c")?"""
    return ":" in sentence.strip().rstrip(":") or sentence.count(";") >= 2
