"""A list answer's items from the passage that holds them when the answer does not cite it (list23).

Two shapes of the same miss on the tuning batches (docs/history/round-23.md, "List and two-part answers, round 23"):
the programme finder's list answers "which opt-in programmes does the CSP flag for physio?" with catalogue entries
whose topic words happen to match ("flag", "relevant"), while the CSP passage the search ranks first names the three
it flags; and an extractive list answer reads other passages while the question's top passage enumerates the items
asked for ("The roles include clinical pharmacists, social prescribing link workers, ..."). The first is answered
from the passages when they give an answer; the second gains the top passage's sentence that names items. Nothing
leaves an extractive answer, so no item it held is lost; its first statement stays first. items24 uses the second
alone, from the first three passages when the cross-encoder is nearly sure of them ("List and two-part items, round
24 (items24)").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from assistant.answer_style import FIGURE
from assistant.cited_answer import Answer, make_citation
from assistant.list_answers import asks_for_items, holds_items, is_list, names_items
from assistant.one_fact import is_one_fact
from assistant.retrieve import Hit, tokenize
from assistant.wording import clean_sentence, normalise
from indexer.passage import Document, sentences

KEY_CHARS = 60
"""How much of a sentence (normalised, from its start) identifies it inside an answer (as carried_on's)."""


def asks_for_list(question: str) -> bool:
    """A question worded as asking for the members of a set and not after one figure or date ("which roles ...?")."""
    return asks_for_items(question) and not is_one_fact(question)


def enumerates(sentence: str, question: str) -> bool:
    """Does `sentence` name several items: a list ("a, b, c and d"), as many as the question asks for, or a label
    and its items ("four coverage measures: ...")?"""
    return is_list(sentence) or names_items(sentence, question) or holds_items(sentence)


def with_top_items(answer: Answer, question: str, hits: list[Hit], documents: Mapping[str, Document],
                   top: int, floor: float, longest: int, shared: int = 1) -> Answer:
    """`answer` with one more statement, at its end: from each of the question's first `top` passages that it does
    not cite and that the cross-encoder scored at least `floor`, the sentence naming several items (`enumerates`)
    that shares most words with the question (at least `shared`), at most `longest` characters, not yet said and
    stating no amount the answer states. The answer is left as it is when no passage gives one."""
    if answer.abstained or not answer.citations:
        return answer
    cited = {c.passage_id for c in answer.citations}
    said = normalise(answer.answer)
    asked = set(tokenize([question], as_ids=False)[0])
    citations, text = list(answer.citations), answer.answer.rstrip()
    for hit in hits[:top]:
        if hit.passage.id in cited or (hit.rerank_score or 0.0) < floor:
            continue
        sentence = _items_sentence(hit.passage.text, question, asked, said, longest, shared)
        if sentence is None:
            continue
        citation = make_citation(len(citations) + 1, hit, documents)
        citations.append(citation)
        text = f"{text} {sentence} [{citation.n}]"
        said += " " + normalise(sentence)
    return answer if text == answer.answer.rstrip() else replace(answer, answer=text, citations=citations)


def _items_sentence(passage: str, question: str, asked: set[str], said: str, longest: int,
                    least: int = 1) -> str | None:
    """The passage's sentence naming items that shares most words with the question, at least `least` (ties: the
    earlier), or None."""
    best, best_shared = None, least - 1
    stated = set(FIGURE.findall(said))
    for sentence in sentences(passage):
        shown = clean_sentence(sentence)
        key = normalise(shown)[:KEY_CHARS]
        if len(shown) > longest or not enumerates(sentence, question) or key in said or \
                set(FIGURE.findall(normalise(shown))) & stated:
            continue
        shared = len(asked & set(tokenize([sentence], as_ids=False)[0]))
        if shared > best_shared:
            best, best_shared = shown, shared
    return best

