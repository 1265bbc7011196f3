"""Questions and conversation history as users send them: validation, and follow-ups made standalone."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.topic_change import reads_as_continuation
from assistant.typed_reading import leans_on_conversation
from indexer.errors import BadInput

MAX_QUESTION_CHARS = 2000
MAX_HISTORY_TURNS = 20
FOLLOW_UP_START = re.compile(
    r"^(and|also|what about|how about|what of|but|or|same for|ok|okay)\b|"
    r"\b(it|its|they|them|their|those|these)\b",
    re.I,
)


@dataclass(frozen=True)
class Turn:
    role: str
    content: str


def clean_question(question: object) -> str:
    """The question with control characters removed; BadInput says how to fix an unusable one."""
    if not isinstance(question, str):
        raise BadInput("the question must be text, e.g. {\"question\": \"how big should a PCN be?\"}")
    cleaned = " ".join(clean_text(question).split())
    if not cleaned:
        raise BadInput("the question is empty: type a question about the Long Term Plan")
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise BadInput(f"the question is {len(cleaned)} characters long; keep it under {MAX_QUESTION_CHARS}")
    return cleaned


def clean_text(text: str) -> str:
    """Text safe to match, store and encode: invisible format characters (zero-width spaces and joiners, soft
    hyphens, byte-order marks) and lone surrogates are dropped, so a zero-width space inside "pcn" leaves one
    word, not "p c n"; other control characters become spaces."""
    return "".join(_clean_char(ch) for ch in text)


def _clean_char(ch: str) -> str:
    category = unicodedata.category(ch)
    if ch in "\n\t" or category[0] != "C":
        return ch
    return "" if category in ("Cf", "Cs") else " "


def parse_history(history: object) -> list[Turn]:
    """Validate `[{"role": "user"|"assistant", "content": str}, ...]`, oldest first."""
    if history is None:
        return []
    if not isinstance(history, list):
        raise BadInput('history must be a list of {"role": "user" or "assistant", "content": text}')
    turns: list[Turn] = []
    for i, item in enumerate(history[-MAX_HISTORY_TURNS:]):
        if (not isinstance(item, dict) or item.get("role") not in ("user", "assistant")
                or not isinstance(item.get("content"), str)):
            raise BadInput(f'history item {i} must be {{"role": "user" or "assistant", "content": text}}')
        turns.append(Turn(item["role"], clean_text(item["content"][:MAX_QUESTION_CHARS])))
    return turns


def standalone_query(question: str, history: list[Turn], typed: bool = False, carried: bool = False) -> str:
    """For retrieval, fold the previous question into a follow-up ("and the final versions?"). With `typed`
    (PipelineConfig.inscope17), a question pointing back ("so who gets the money first?") is one too; with `carried`
    (PipelineConfig.followup22), one that reads as carrying the conversation on (topic_change.reads_as_continuation),
    whose own words lose the topic ("which hospitals does that apply to?")."""
    previous = [t.content for t in history if t.role == "user"]
    if not previous or not (is_follow_up(question) or typed and leans_on_conversation(question)
                            or carried and reads_as_continuation(question)):
        return question
    return f"{previous[-1]} {question}"


def is_follow_up(question: str) -> bool:
    words = re.findall(r"[A-Za-z0-9']+", question)
    return len(words) <= 5 or bool(FOLLOW_UP_START.search(question))
