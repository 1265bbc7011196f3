"""The extractive answerer used when no LLM is configured (the answer and its citations: assistant/cited_answer.py).

The extractive answer is 1-4 sentences chosen from the top passages by how closely each sentence
matches the question, each followed by the `[n]` of the passage it came from. When even the best
passage is a weak match, the answer abstains: it says the documents don't cover the question and
cites nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from assistant.cited_answer import ABSTAIN_MESSAGE as ABSTAIN_MESSAGE  # re-exported (assistant/llm.py)
from assistant.cited_answer import Answer, Citation, abstention, make_citation, related_citations
from assistant.commitment import with_commitment
from assistant.compact_added import added_marks, compacted_statements
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.continuation import with_continuation
from assistant.figure_commitment import with_figure
from assistant.follow_ups import follow_up_scores
from assistant.lead_sentence import asked_for_first as _asked_for_first
from assistant.lead_sentence import clear_winner, from_passage
from assistant.lead_sentence import standalone_lead as _standalone_lead
from assistant.list_answers import WANTS_LIST, carried_items, with_items, with_members
from assistant.one_fact import completes, completing, is_one_fact, lead_lacks
from assistant.passage_sentences import with_read_continuation
from assistant.rerank import CrossEncoderReranker
from assistant.restated_statements import without_restated
from assistant.restatements import repeats as _repeats
from assistant.restatements import supporting as _supporting
from assistant.retrieve import Hit
from assistant.runner_up import with_runner_up
from assistant.scope_floor import names_every_word
from assistant.sentence_scores import answering as _answering
from assistant.sentence_scores import asked_for_bonus as _asked_for_bonus  # noqa: F401 (re-exported for tests)
from assistant.sentence_scores import cross_encoded as _cross_encoded
from assistant.sentence_scores import read_sentences
from assistant.sentence_scores import rejected_by_cross_encoder as _rejected_by_cross_encoder
from assistant.sentence_scores import score_sentences as _score_sentences
from assistant.shorter_clauses import shortened as _shorter_clauses
from assistant.shorter_sentences import shortened as _shortened
from assistant.two_part_answers import answer_part as _answer_part  # noqa: F401 (re-exported for tests)
from assistant.two_part_answers import by_parts as _by_parts
from assistant.two_part_answers import part_scores as _part_scores  # noqa: F401 (re-exported for tests)
from assistant.unasked_added import kept_kinds, without_unasked
from assistant.wording import clean_sentence, is_fragment, joined_sentence
from indexer.embeddings import SentenceEmbeddings
from indexer.passage import Document, sentences


def should_abstain(hits: list[Hit], threshold: float = DEFAULT_CONFIG.abstain_similarity,
                   floor_rerank: float = DEFAULT_CONFIG.floor_rerank) -> bool:
    """No passage is close enough: neither the embedding (`threshold`) nor the cross-encoder (`floor_rerank`)."""
    return not hits or max(h.similarity for h in hits) < threshold and \
        not any(h.rerank_score is not None and h.rerank_score >= floor_rerank for h in hits)


def extractive_answer(
    question: str, query: str, hits: list[Hit], documents: Mapping[str, Document], embeddings: SentenceEmbeddings,
    parts: list[str] | tuple = (), config: PipelineConfig = DEFAULT_CONFIG,
    reranker: CrossEncoderReranker | None = None, asked: str | None = None,
) -> Answer:
    """The sentences of the top passages that best answer `query`, the best first; each fact stated once with
    every passage that supports it cited on it (`[1][3]`). Each of a two-part question's `parts` gets its own
    best sentence. `asked` is a follow-up's own words when `query` folds in the question before it
    (assistant/follow_ups.py): they say what is asked, the query what it is about."""
    if should_abstain(hits, config.abstain_similarity, config.floor_rerank) and \
            not names_every_word(question, [h.passage.search_text for h in hits]):  # "the 5 fincancial tests"
        return abstention(question, related=related_citations(hits, documents, config=config))
    candidates = [(rank, s) for rank, hit in enumerate(hits[: config.passages_read]) for s in sentences(hit.passage.text)]
    read = read_sentences(candidates, embeddings)
    scores, vectors = _score_sentences(query, candidates, embeddings, config, read)
    if asked:
        own = _score_sentences(asked, candidates, embeddings, config, read)[0]
        scores = follow_up_scores(scores, own)
    ranked = _cross_encoded(asked or query, candidates, scores, reranker, config)
    query = asked or query  # what kind of fact is asked for, from here on
    one_fact = is_one_fact(query) and len(parts) < 2
    winner = clear_winner([h.rerank_score for h in hits[: config.passages_read]], config.lead_from_clear_winner)
    chosen = _choose(query, candidates, scores, vectors, config, ranked, one_fact=one_fact, lead_passage=winner)
    if len(parts) > 1:
        chosen = _by_parts(parts, chosen, candidates, read, embeddings, config, reranker)
    chosen, joined = with_items(query, chosen, candidates, config.list_follow_sentences)
    if not joined:
        chosen, joined = _asked_for_first(query, chosen, candidates)
    if not joined and not one_fact:
        chosen, joined = with_members(query, chosen, candidates, config.max_sentences)
    if not joined:
        chosen = _standalone_lead(chosen, candidates, scores, config.sentence_margin)
    if one_fact and not joined:
        chosen = completing(query, chosen, candidates)
    follow = None
    if not joined:  # the lead's next sentence, shown with it when it carries the lead on
        asked_for = lead_lacks(query, [candidates[c][1] for c in chosen]) if one_fact else None
        chosen, follow = with_continuation(chosen, candidates, one_fact, len(parts) > 1, config, asked_for)
        joined = 0 if follow is None else 1
    if not joined:  # ... or when the cross-encoder reads it with the lead as answering better
        chosen, follow = with_read_continuation(query, chosen, candidates, reranker, config, asked_for)
        joined = 0 if follow is None else 1
    carried = carried_items(query, chosen, joined, candidates, config.list_follow_sentences)
    chosen = [c for c in chosen if not any(c in items for items in carried.values())]
    if not joined:  # the steps above may have moved a sentence between one leaning back and the one it leans on
        chosen = _after_antecedents(chosen, candidates)
    support = _supporting(chosen, candidates, vectors, config)
    shown = [(_statement(position, index, chosen, joined, follow, carried, candidates, hits),
              [candidates[index][0], *support[index]]) for position, index in enumerate(chosen)
             if not 0 < position <= joined]
    added: dict[str, bool] = {}  # what the completing stages add, for compact22 (text -> a new name keeps a clause)
    if config.contains20:  # the sentence read almost as well as the best, in place of the weakest statement
        before, shown = shown, with_runner_up(shown, candidates, ranked, config.contains20_gap,
                                              config.contains20_margin, config.contains20_max_chars)
        added = added_marks(before, shown, True, added)
    if config.clinical21 and len(parts) < 2:  # the sentence naming what a lone statement leaves unnamed
        before, shown = shown, with_commitment(asked or question, shown, candidates, ranked, config.clinical21_gap,
                                               config.clinical21_longest, config.clinical21_max_chars,
                                               config.clinical21_new_share)
        added = added_marks(before, shown, True, added)
    if config.clinical22 and len(parts) < 2:  # the figure or date a longer answer's cited passages hold
        before, shown = shown, with_figure(asked or question, shown, candidates, ranked, config.clinical22_gap,
                                           config.clinical22_longest, config.clinical22_min_chars,
                                           config.clinical22_max_chars)
        added = added_marks(before, shown, False, added)  # added for its figure or date: a new name alone may go
    flags = [added.get(text) for text, _ in shown]  # by position: lead21 and short22 below rewrite the texts
    # clauses that hold nothing asked; last, so it reads every statement the stages above chose (as when scored alone)
    one_fact_statements = len(parts) < 2 and not WANTS_LIST.search(query)
    if config.lead21 and one_fact_statements:
        shown = [(_shortened(asked or question, text), ranks) for text, ranks in shown]
    if config.short22 and one_fact_statements:  # more clause shapes, the same test
        shown = [(_shorter_clauses(asked or question, text, later=n > 0), ranks) for n, (text, ranks) in enumerate(shown)]
    if config.compact22 and added:  # each added sentence cut to the clauses holding what it was added for
        shown = compacted_statements(asked or question, shown, flags)
    if config.short24 and added and one_fact_statements:  # ... or gone when it names nothing asked
        kinds = kept_kinds(config.short24_keep_amounts, config.short24_keep_dates, config.short24_keep_unasked)
        shown = without_unasked(asked or question, shown, flags, kinds, config.short24_lead, config.short24_first)
    if config.lead25 and one_fact_statements:  # ... and without the statements the others restate
        shown = without_restated(shown, config.lead25_new_share, config.lead25_new_pairs)
    citations: dict[str, Citation] = {}
    statements: list[str] = []
    for text, ranks in shown:
        markers = []
        for rank in ranks:
            hit = hits[rank]
            if hit.passage.id not in citations:
                citations[hit.passage.id] = make_citation(len(citations) + 1, hit, documents)
            markers.append(f"[{citations[hit.passage.id].n}]")
        statements.append(f"{text} {''.join(markers)}")
    return Answer(question, " ".join(statements), abstained=False, citations=list(citations.values()))


def _statement(position: int, index: int, chosen: list[int], joined: int, follow: int | None,
               carried: dict[int, list[int]], candidates: list[tuple[int, str]], hits: list[Hit]) -> str:
    """The text of one statement of the answer: a sentence, the lead with its continuation or the items joined to
    it, or a sentence with the list items it carries."""
    if position == 0 and follow is not None:
        return f"{clean_sentence(candidates[index][1])} {clean_sentence(candidates[follow][1])}"
    if position == 0 and joined:
        return joined_sentence(candidates[index][1], [candidates[c][1] for c in chosen[1:1 + joined]],
                               hits[candidates[index][0]].passage.text)
    if index in carried:
        return joined_sentence(candidates[index][1], [candidates[c][1] for c in carried[index]],
                               hits[candidates[index][0]].passage.text)
    return clean_sentence(candidates[index][1])


def _choose(query: str, candidates: list[tuple[int, str]], scores: np.ndarray, vectors: np.ndarray,
            config: PipelineConfig = DEFAULT_CONFIG, ranked: np.ndarray | None = None,
            one_fact: bool | None = None, lead_passage: int | None = None) -> list[int]:
    """The best sentence first, then sentences close behind it that do not repeat it; a question after one figure
    or date gets at most one more, and only one that adds a figure or date not yet given. `ranked` (the scores
    after the cross-encoder) orders them; which sentences are close enough to the best is judged on `scores`.
    `lead_passage`: the passage the lead must come from (lead_sentence.clear_winner), or None."""
    order = from_passage([int(i) for i in np.argsort(-(scores if ranked is None else ranked), kind="stable")],
                         candidates, lead_passage)
    lead, best = order[0], float(scores.max())
    chosen = [lead]
    rejected = _rejected_by_cross_encoder(scores, ranked, lead, [rank for rank, _ in candidates], config)
    answering = _answering(scores, ranked, lead, config)
    one_fact = is_one_fact(query) if one_fact is None else one_fact
    limit = config.one_fact_max_sentences if one_fact else config.max_sentences
    for index in order[1:]:
        if len(chosen) >= limit:
            break
        margin = config.same_passage_margin if candidates[index][0] == candidates[lead][0] else config.sentence_margin
        text = candidates[index][1]
        close = scores[index] >= best - margin or index in answering
        if not close or len(text.split()) < 4 or index in rejected:
            continue
        if is_fragment(text) and _antecedent(index, candidates) not in chosen:
            continue
        if _repeats(index, chosen, candidates, vectors, config):
            continue
        if one_fact and not completes(query, index, chosen, candidates):
            continue
        chosen.append(index)
    return _after_antecedents(chosen, candidates)


def _antecedent(index: int, candidates: list[tuple[int, str]]) -> int | None:
    """The sentence just before `index` in its own passage (what a sentence leaning back leans on), or None."""
    before = index - 1
    return before if before >= 0 and candidates[before][0] == candidates[index][0] else None


def _after_antecedents(chosen: list[int], candidates: list[tuple[int, str]]) -> list[int]:
    """The chosen sentences with each one that leans back ("Each team will work with ...", "Both also sit on ...")
    right after the sentence it leans on, where it reads as written. Such a sentence is chosen only with the one it
    leans on: alone it points at nothing, yet it often holds the very name or figure asked for."""
    leaning = {c for c in chosen[1:] if is_fragment(candidates[c][1]) and _antecedent(c, candidates) in chosen}
    ordered: list[int] = []
    for index in chosen:
        if index in leaning:
            continue
        ordered.append(index)
        follower = index + 1
        while follower in leaning:
            ordered.append(follower)
            follower += 1
    return ordered
