"""Conversational turns that are not questions ("ok thanks", "hello", "bye") and questions not in English get a
short, friendly reply saying what the assistant can help with, instead of the full "the documents don't appear to
cover this question" refusal (round 26, `chat26`; docs/history/round-26-qa26.md).

Detected precisely, so that no real question is caught: a turn is small talk only when every one of its words
is a greeting, thanks, acknowledgement or farewell word ("thanks, and what about PCNs?" has other words and is
answered as a question); a message is not English when most of its letters are in another script (Arabic,
Cyrillic, Chinese...), or when it has at least two common words of Welsh, Polish or another European language
and no common English word, half its words or more.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.cited_answer import Answer

HELP = ("I answer questions about the NHS Long Term Plan (2019), its Implementation Framework and the CSP's "
        "guidance, citing the passages I use")
REPLIES = {
    "greeting": f"Hello. {HELP}: for example, \"How many people should a primary care network cover?\"",
    "thanks": f"You're welcome. {HELP}; ask another whenever you like.",
    "ack": f"Glad that helps. {HELP}; ask a follow-up or another question whenever you like.",
    "bye": "Goodbye, and thank you for using the assistant.",
}
NOT_ENGLISH = (f"Sorry, I can only answer in English. {HELP}, and they are written in English: please ask your "
               "question in English.")
WORDS = {
    "greeting": {"hi", "hello", "hey", "hiya", "morning", "afternoon", "evening", "good", "there", "all", "everyone"},
    "thanks": {"thanks", "thank", "thankyou", "you", "ta", "cheers", "thx", "ty", "many", "so", "much", "very", "a",
               "lot", "again", "for", "that", "this", "the", "help", "answer", "info", "information"},
    "ack": {"ok", "okay", "okey", "k", "kk", "great", "perfect", "brilliant", "excellent", "cool", "nice", "lovely",
            "fab", "fantastic", "super", "wonderful", "awesome", "fine", "right", "alright", "got", "it", "understood",
            "noted", "sure", "yes", "yeah", "yep", "that's", "thats", "helpful", "useful", "helps", "makes", "sense",
            "really", "is", "was", "very"},
    "bye": {"bye", "goodbye", "byee", "see", "you", "later", "for", "now", "take", "care", "have", "a", "nice", "good",
            "day"},
}
KIND_MARKERS = {"bye": {"bye", "goodbye", "byee"}, "thanks": {"thanks", "thank", "thankyou", "ta", "cheers", "thx", "ty"},
                "greeting": {"hi", "hello", "hey", "hiya", "morning", "afternoon", "evening"},
                "ack": {"ok", "okay", "okey", "kk", "great", "perfect", "brilliant", "excellent", "cool", "lovely", "fab",
                        "fantastic", "wonderful", "awesome", "understood", "noted", "helpful", "useful"}}
"""Which reply a turn gets: the first kind whose marker it holds. A turn with none ("care", "yes", "good day") is
not small talk: a one-word topic or a reply to an offered follow-up goes the ordinary way."""
MAX_SMALL_TALK_WORDS = 8
ENGLISH = {"the", "what", "how", "is", "are", "of", "and", "to", "for", "does", "do", "will", "when", "who", "which",
           "why", "where", "can", "should", "nhs", "about", "with", "my", "our", "we", "by", "be", "on", "this",
           "that", "it", "there", "any", "say", "says", "much", "many", "in", "per"}
FOREIGN = {
    # Welsh
    "beth", "mae", "mae'r", "yw", "ydy", "sut", "pryd", "pwy", "ble", "gyda", "ar", "gan", "ac", "neu", "y", "yr",
    "cynllun", "gofal", "iechyd", "ddweud", "dweud", "am", "ei", "eu", "yn", "wedi", "fydd", "bydd", "ddim",
    # Polish
    "jak", "co", "czy", "jest", "są", "nie", "się", "dla", "na", "w", "z", "do", "od", "kiedy", "gdzie", "ile",
    "który", "która", "które", "mówi", "opieki", "zdrowotnej", "lekarz",
    # French, Spanish, Portuguese, Italian, German, Romanian
    "le", "la", "les", "des", "est", "que", "qui", "quoi", "comment", "pour", "dans", "une", "el", "los", "las",
    "qué", "cómo", "cuándo", "para", "por", "una", "del", "o", "um", "não", "como", "che", "il", "di", "per",
    "der", "die", "das", "und", "ist", "wie", "was", "wann", "für", "mit", "ein", "eine", "ce", "cum", "și",
    "pentru", "este", "sur", "dit", "soins", "sobre", "dice", "sagt", "über",
}
"""Common words of the languages NHS patients and staff most often write in, in Latin script. Words that are also
English ("am", "was", "in") count for English (ENGLISH wins over FOREIGN); "plan" is in neither list."""


def small_talk_answer(text: str) -> Answer | None:
    """A short reply to a turn that is not a question about the documents; None for any other message."""
    if not_english(text):
        return Answer(text, NOT_ENGLISH, abstained=True)
    kind = small_talk_kind(text)
    return None if kind is None else Answer(text, REPLIES[kind], abstained=False)


def small_talk_kind(text: str) -> str | None:
    """"greeting", "thanks", "ack" or "bye" when every word of the turn is small talk, else None."""
    words = _words(text)
    vocabulary = set().union(*WORDS.values())
    if not words or len(words) > MAX_SMALL_TALK_WORDS or any(w not in vocabulary for w in words):
        return None
    if "?" in text and not set(words) & KIND_MARKERS["thanks"]:
        return None  # "ok?" / "good?" asks something (what, we cannot tell): the ordinary route answers it
    return next((kind for kind, markers in KIND_MARKERS.items() if set(words) & markers), None)


def not_english(text: str) -> bool:
    """Most letters in a script other than Latin, or two or more common foreign words and no English one."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 2 and sum(not _latin(c) for c in letters) > len(letters) / 2:
        return True
    words = _words(text)
    english = sum(w in ENGLISH for w in words)
    foreign = sum(w in FOREIGN and w not in ENGLISH for w in words)
    return english == 0 and foreign >= 2 and foreign * 2 >= len(words)


def _latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.lower().replace("\u2019", "'"))
