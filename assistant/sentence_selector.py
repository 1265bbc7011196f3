"""A fitted sentence selector: which sentences of the top passages an answer shows beside its lead.

The hand rules (continuation.py, one_fact.py, two_part_answers.py ...) each fixed the set they were written on and
did not carry to the next blind set: the answer held every fact less often than its own first citation did (blind
probe 9: 0.673 against 0.876), most often because the lead passage's next sentence, holding the figures after an
announcing lead ("Several cancer milestones fall within the planning period."), or the second half of a two-part
question, was left out. Here one logistic regression, fitted by bench/fit_selector.py on tune and blind probes
7, 9 and 11, gives each candidate sentence the probability that it holds a fact the question asks for, from what the
pipeline has already computed (similarity, cross-encoder reading, passage rank, position beside the lead, the kind
of fact it states); no model is called again. Today's sentences stay; the most probable other sentence joins them
when its probability reaches `selector_threshold` (a lower `selector_next_threshold` for the lead's next sentence)
and the answer stays within `selector_budget` characters. Behind
`PipelineConfig.sentence_selector` (docs/history/round-12-13.md, "Fitted sentence selector").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from assistant.asked_for import asked_kinds, kinds_in
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.one_fact import HAS_FIGURE, WANTS_DATE
from assistant.retrieve import tokenize
from assistant.wording import is_fragment, points_back

FEATURES = (
    "score_gap", "cross_encoder", "cross_encoder_read", "lead_passage", "passage_first", "passage_second",
    "passage_rerank", "is_lead", "chosen_today", "next_to_lead", "second_after_lead", "before_lead", "position",
    "holds_asked_kind", "asks_a_kind", "has_figure", "new_kind", "overlap", "length", "ends_colon",
    "leans_back", "lead_has_no_figure_next", "lead_announces_next", "one_fact", "one_fact_other_passage",
)
"""What the selector reads about each sentence, in the order of `PipelineConfig.selector_coefficients`."""
ANNOUNCING = re.compile(r"\b(several|a number of|include|includes|including|following|these|key|main|range of|"
                        r"set out|sets out|milestones|commitments|priorities|areas)\b|:\s*$", re.I)
"""Words of a sentence that names a topic and promises what follows ("Several cancer milestones fall within ...")."""


def features(query: str, candidates: Sequence[tuple[int, str]], scores: np.ndarray, ranked: np.ndarray | None,
             chosen: Sequence[int], passage_rerank: Sequence[float], one_fact: bool,
             config: PipelineConfig = DEFAULT_CONFIG) -> np.ndarray:
    """One row per candidate sentence, one column per name in FEATURES. `chosen`: today's answer, lead first;
    `passage_rerank`: the cross-encoder's score of each passage by rank (0 when it did not read it)."""
    lead = chosen[0]
    lead_rank, lead_text = candidates[lead]
    wanted = asked_kinds(query) | ({"date"} if WANTS_DATE.search(query) else set())
    query_terms = set(tokenize([query], as_ids=False)[0])
    read = np.zeros(len(candidates)) if ranked is None else (ranked - scores) / (config.sentence_rerank_weight or 1.0)
    best = float(scores.max())
    lead_figure = bool(HAS_FIGURE.search(lead_text))
    lead_announces = bool(ANNOUNCING.search(lead_text)) or not lead_figure
    starts: dict[int, int] = {}
    for index, (rank, _) in enumerate(candidates):
        starts.setdefault(rank, index)
    rows = []
    for index, (rank, text) in enumerate(candidates):
        same = rank == lead_rank
        terms = set(tokenize([text], as_ids=False)[0])
        kinds = kinds_in(text)
        next_to_lead = same and index == lead + 1
        rows.append([
            float(scores[index]) - best,
            float(read[index]),
            float(read[index] != 0.0),
            float(same),
            float(rank == 0),
            float(rank == 1),
            float(passage_rerank[rank]) if rank < len(passage_rerank) else 0.0,
            float(index == lead),
            float(index in chosen),
            float(next_to_lead),
            float(same and index == lead + 2),
            float(same and index == lead - 1),
            min(index - starts[rank], 6) / 6,
            float(bool(wanted & kinds) or ("amount" in wanted and bool(kinds - {"date", "place"}))),
            float(bool(wanted)),
            float(bool(HAS_FIGURE.search(text))),
            float(bool(kinds_in(text, [lead_text]))) if index != lead else 0.0,
            len(query_terms & terms) / (len(query_terms) or 1),
            min(len(text), 400) / 200,
            float(text.rstrip().endswith(":")),
            float(is_fragment(text) or points_back(text)),
            float(next_to_lead and not lead_figure),
            float(next_to_lead and lead_announces),
            float(one_fact),
            float(one_fact and not same),
        ])
    return np.array(rows, dtype=float)


def probabilities(rows: np.ndarray, coefficients: Sequence[float]) -> np.ndarray:
    """The fitted chance that each sentence holds a fact the question asks for: the intercept first, then one
    weight per feature."""
    weights = np.asarray(coefficients, dtype=float)
    if len(weights) != rows.shape[1] + 1:
        raise ValueError(f"selector_coefficients must hold {rows.shape[1] + 1} numbers (intercept, then FEATURES)")
    logits = weights[0] + rows @ weights[1:]
    return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))


def compose(chosen: list[int], candidates: Sequence[tuple[int, str]], probability: np.ndarray,
            repeats: Callable[[int, list[int]], bool], config: PipelineConfig = DEFAULT_CONFIG) -> list[int]:
    """Today's sentences, and the `selector_max_added` most probable others whose probability reaches the
    threshold (`selector_next_threshold` for the lead's own next sentence) while the answer stays within
    `selector_budget` characters; each stated once (`repeats(index, kept)`).
    An added sentence stands right after the shown sentence of its own passage that precedes it (the lead's next
    sentence right after the lead), else at the end.
    Tune and blind probes 7, 9, 11 (cross-validated): letting the selector also drop or reorder today's sentences,
    or add by document order, lost more facts than it found; the answers that miss a fact are mostly thin ones, and
    the sentence they miss is most often the lead's next, which the model scores lower than it should (it reads
    as a poor answer alone: "Rapid Diagnostic Centres roll out from 2019." after "Several cancer milestones ...")."""
    kept = list(chosen)
    length = sum(len(candidates[c][1]) for c in kept)
    lead = chosen[0]
    following = lead + 1 if lead + 1 < len(candidates) and candidates[lead + 1][0] == candidates[lead][0] else None
    others = sorted((i for i in range(len(candidates)) if i not in kept and len(candidates[i][1].split()) >= 4
                     and probability[i] >= (config.selector_next_threshold if i == following else config.selector_threshold)),
                    key=lambda i: (-probability[i], i))
    added = 0
    for index in others:
        text = candidates[index][1]
        if added >= config.selector_max_added:
            break
        if length + len(text) > config.selector_budget or repeats(index, kept):
            continue
        if is_fragment(text) and (index == 0 or index - 1 not in kept or candidates[index - 1][0] != candidates[index][0]):
            continue
        before = [c for c in kept if candidates[c][0] == candidates[index][0] and c < index]
        position = kept.index(max(before)) + 1 if before else len(kept)
        kept.insert(position, index)
        length += len(text)
        added += 1
    return kept


def selected(query: str, chosen: list[int], candidates: Sequence[tuple[int, str]], scores: np.ndarray,
             ranked: np.ndarray | None, passage_rerank: Sequence[float], one_fact: bool,
             repeats: Callable[[int, list[int]], bool], config: PipelineConfig = DEFAULT_CONFIG) -> list[int]:
    """Today's chosen sentences with the fitted selector's addition, if any (features, then compose)."""
    rows = features(query, candidates, scores, ranked, chosen, passage_rerank, one_fact, config)
    return compose(chosen, candidates, probabilities(rows, config.selector_coefficients), repeats, config)

