"""A broad answer's bullets widened to the question's own best passages (broad22). A summary chooses its bullets from
a wider search (the topic's and the question's, taken in turn) or from the section its topic has, then keeps at most
one close point per section: on the tuning batches, 77 of the 214 summaries lacking an item had it in one of the
question's own top-5 passages that no bullet cited, most often because a section summary drew on its section instead
(docs/history/round-22.md, "Broad and list answers, round 22 (broad22)"). Each of the question's top passages that the
cross-encoder read as bearing on it and no bullet cites gives one bullet, its sentence closest to the topic, kept when
it states a figure or a year; it goes in document order after the summary's first bullet, which stays first. Nothing
leaves the summary, so no item it held is lost."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from assistant.answer_style import FIGURE
from assistant.carried_on import STATES
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.retrieve import Hit
from assistant.section_summary import headline_weight
from assistant.wording import clean_sentence, normalise
from indexer.embeddings import SentenceEmbeddings
from indexer.passage import Document, Passage, sentences

KEY_CHARS = 60
"""How much of a sentence (normalised, from its start) identifies it inside a summary."""


@dataclass(frozen=True)
class Extra:
    """One added bullet: the question's hit it comes from, its rank in the question's search, and the sentence."""

    hit: Hit
    rank: int
    sentence: str


def uncited_extras(points: list[tuple[Hit, str]], own: list[Hit], focus: np.ndarray, embeddings: SentenceEmbeddings,
                   stands_alone: Callable[[str], bool], shown: Callable[[Passage, str], str],
                   config: PipelineConfig = DEFAULT_CONFIG) -> list[Extra]:
    """Bullets from the question's top `broad22_top` passages that no point cites and the cross-encoder scored at
    least `broad22_rerank`, best ranked first, while the summary stays within `broad22_max_bullets`: each its
    standing-alone sentence closest to the topic that the summary does not already say and that states no amount
    the summary states."""
    cited = {hit.passage.id for hit, _ in points}
    said = normalise(" ".join(sentence for _, sentence in points))
    extras: list[Extra] = []
    for rank, hit in enumerate(own[:config.broad22_top]):
        if len(points) + len(extras) >= config.broad22_max_bullets:
            break
        if hit.passage.id in cited or hit.rerank_score is None or hit.rerank_score < config.broad22_rerank:
            continue
        sentence = best_sentence(hit.passage, said, focus, embeddings, stands_alone, shown, config)
        if sentence is not None:
            extras.append(Extra(hit, rank, sentence))
            cited.add(hit.passage.id)
            said += " " + normalise(sentence)
    return extras


def best_sentence(passage: Passage, said: str, focus: np.ndarray, embeddings: SentenceEmbeddings,
                  stands_alone: Callable[[str], bool], shown: Callable[[Passage, str], str],
                  config: PipelineConfig = DEFAULT_CONFIG) -> str | None:
    """The passage's bullet: of its sentences that stand alone, are not said yet and repeat no amount `said` states,
    the one closest to the topic, plus `broad22_headline` times its headline weight (a figure, a date, a named
    programme, a commitment); None when there is none, or, with `broad22_needs_fact`, it states no figure or year."""
    amounts = set(FIGURE.findall(said))
    texts = [shown(passage, s) for s in sentences(passage.text) if stands_alone(s)]
    texts = [t for t in texts if _key(t) not in said and not set(FIGURE.findall(normalise(t))) & amounts]
    if not texts:
        return None
    scores = np.asarray(embeddings.embed_sentences(texts)) @ focus + config.broad22_headline * np.array(
        [headline_weight(t) for t in texts])
    best = texts[int(np.argmax(scores))]
    return best if STATES.search(best) or not config.broad22_needs_fact else None


def with_extras(points: list[tuple[Hit, str]], extras: list[Extra], documents: Mapping[str, Document],
                leading: int) -> list[tuple[Hit, str]]:
    """The points with each extra inserted in document order among those after the summary's first `leading`
    (at least one): the points already there keep their order and the first bullet stays first."""
    order = {doc: n for n, doc in enumerate(documents)}

    def key(hit: Hit) -> tuple[int, int]:
        return order.get(hit.passage.doc_id, 99), hit.passage.order

    merged = list(points)
    for extra in extras:
        start = max(1, leading)
        at = next((n for n in range(start, len(merged)) if key(merged[n][0]) > key(extra.hit)), len(merged))
        merged.insert(max(at, start), (extra.hit, extra.sentence))
    return merged


def _key(sentence: str) -> str:
    return normalise(clean_sentence(sentence))[:KEY_CHARS]
