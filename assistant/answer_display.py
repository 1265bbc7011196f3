"""How the chat lays an answer out, from the answer JSON alone: which answers show their first source open.

An ordinary answer is two or three cited sentences, and its first citation's passage more often holds what was
asked than the answer's own words do; so the chat shows that passage open under it, without a click. Lists and
summaries (Markdown "- " bullets, a source per bullet), refusals and signposting show every source closed.
web/static/chat.js applies the same rule in the browser, and `ltp eval`'s shown_holds_facts measures what it shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.answer import Answer


def is_list_answer(text: str) -> bool:
    """A lead line and "- " bullets (summaries, lists, outlines), as the chat renders them."""
    return any(line.startswith("- ") for line in text.split("\n"))


def opens_first_source(answer: Answer) -> bool:
    """The chat shows this answer's first source open: an ordinary cited answer, not a list, refusal or signposting."""
    return bool(answer.citations) and not answer.abstained and not answer.safety and not is_list_answer(answer.answer)
