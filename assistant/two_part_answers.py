"""A two-part question's answer: the whole question's lead, then a sentence for each part chosen on that part's own
words, unless the answer already answers it."""

from __future__ import annotations

import numpy as np

from assistant.asked_for import asked_kinds, kinds_in
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.one_fact import adds_asked_for, fact_groups, lacking_kinds
from assistant.rerank import CrossEncoderReranker
from assistant.restatements import repeats
from assistant.sentence_scores import ReadSentences, cross_encoded, score_sentences
from indexer.embeddings import SentenceEmbeddings


def by_parts(parts: list[str] | tuple, chosen: list[int], candidates: list[tuple[int, str]], read: ReadSentences,
              embeddings: SentenceEmbeddings, config: PipelineConfig = DEFAULT_CONFIG,
              reranker: CrossEncoderReranker | None = None) -> list[int]:
    """A two-part question's answer: the whole question's lead, then each part's sentence chosen on that part's own
    words (a part the answer already answers adds nothing). A sentence the whole question scored close behind the
    lead stays only when it is among a part's own best few: one that sits between both parts' topics answers
    neither ("What nursing vacancy rate ..., and how many medical school places ...?" drew nursing placements).
    Tune split: answering each part with its own best sentence alone lost facts (two-part contains-fact 0.846 ->
    0.731): the whole question's sentences behind the lead often hold the figure a part's own score misses."""
    scored = [part_scores(part, candidates, read, embeddings, config, reranker) for part in parts]
    tops = {int(i) for scores in scored for i in np.argsort(-scores, kind="stable")[:config.part_tries]}
    kept = [chosen[0], *(c for c in chosen[1:] if c in tops)]
    for part, scores in zip(parts, scored, strict=True):
        answer_part(part, kept, candidates, read.vectors, scores, config)
    return kept


def part_scores(part: str, candidates: list[tuple[int, str]], read: ReadSentences, embeddings: SentenceEmbeddings,
                 config: PipelineConfig = DEFAULT_CONFIG, reranker: CrossEncoderReranker | None = None) -> np.ndarray:
    """Each sentence's score for one part's own words, the cross-encoder reading the part's best few."""
    scores, _ = score_sentences(part, candidates, embeddings, config, read)
    return cross_encoded(part, candidates, scores, reranker, config, config.sentence_rerank_part_depth)


def answer_part(part: str, chosen: list[int], candidates: list[tuple[int, str]], vectors: np.ndarray,
                 part_scores: np.ndarray, config: PipelineConfig = DEFAULT_CONFIG) -> None:
    """Add the best sentence for one part of a two-part question unless a chosen sentence already answers it (the
    part's best is in the answer, or restated there, and the answer states the kind of fact the part asks for).
    The best is the first of the part's `part_tries` best sentences (within the sentence margin of its best) that
    adds what the part asks for: "what will expanding it achieve?" is answered by the figures a sentence behind the
    part's best gives. A sentence stating the kind of fact the part asks for and the answer lacks (the share of
    "what proportion ...") gains the asked-for bonus. `part_scores`: each sentence's score for the part's words."""
    given = [candidates[c][1] for c in chosen]
    wanted = asked_kinds(part)
    if wanted and lacking_kinds(wanted, given):
        part_scores = part_scores + np.array([config.asked_for_bonus if fact_groups(kinds_in(text, given)) &
                                              lacking_kinds(wanted, given) else 0.0 for _, text in candidates])
    order = [int(i) for i in np.argsort(-part_scores, kind="stable")[:config.part_tries]]
    for index in order:
        if part_scores[index] < part_scores[order[0]] - config.sentence_margin:
            break
        if index in chosen or repeats(index, chosen, candidates, vectors, config):
            if index == order[0] and not (wanted and lacking_kinds(wanted, given)):
                return  # the part's best sentence is already in the answer: the part is answered
            continue
        behind = index != order[0]
        if behind and wanted and not fact_groups(kinds_in(candidates[index][1], given)) & lacking_kinds(wanted, given):
            continue  # behind the best, only the kind of fact the part asks for and the answer lacks is news
        if adds_asked_for(part, candidates[index][1], given):
            chosen.append(index)
            return
    if not wanted:
        chosen.append(order[0])  # no try adds a figure: a part after no kind of fact is answered by its best
