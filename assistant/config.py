"""`PipelineConfig`: every depth, weight, threshold and model name of the question → answer pipeline, in one
frozen value.

The server, `ltp ask`, `ltp eval` and the benchmarks all build the pipeline from one of these; a sweep builds new
ones with `dataclasses.replace` and never edits module globals. Each value was chosen on the *tune* split of
bench/dev_questions.jsonl; the holdout split only reports. The measurements behind a value are in the
docs/history/ section its docstring names ("quoted"; docs/history/README.md lists the files), not here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

RERANKER_MODEL = "cross-encoder/ms-marco-MiniLM-L-12-v2"


@dataclass(frozen=True)
class PipelineConfig:
    # --- retrieval (assistant/retrieve.py) --------------------------------------------------------------
    candidates: int = 30
    """How deep the dense and the BM25 rankings are each read before fusion."""
    rrf_k: int = 60
    """Reciprocal rank fusion's constant (Cormack et al., 2009): damps any one ranking's top ranks."""
    sentence_depth: int = 20
    """How many fused candidates are re-ordered by their best sentence's similarity to the question."""
    sentence_weight: float = 0.5
    """Weight of that best-sentence similarity against the fused rank (1 for the top rank)."""
    part_search: bool = True
    """A two-part question (assistant/subquestions.py) is also searched for part by part, and the rankings merged;
    answers and `ltp eval` read the merged ranking alike."""
    part_merge: str = "lead"
    """How: "lead" (the question's own top `part_merge_lead` passages, then each part's best, then the rest of its
    own) or "round-robin"; lead 2 gave tune's two-part questions the most complete answers ("Multi-passage retrieval")."""
    part_merge_lead: int = 2
    background_search: str = "fuse"
    """A question that opens by introducing the asker ("As a PCN clinical director, ...", assistant/search_query.py)
    is searched for without that clause too: "fuse" adds that search's rankings to the question's own before fusion,
    "core" searches without the clause alone, "off" never ("Retrieval for unseen wording")."""
    background_read: str = "core"
    """What the best-sentence step and the cross-encoder read beside a fused background search: the whole
    "question" or its "core" (without the asker's introduction)."""
    named_document_weight: float = 1.0
    """Added after the cross-encoder to each passage it read from a document the question names
    (search_query.named_documents): at `rerank_weight` 10 it settles near-ties between one document's passage and
    another's restatement. 0: off. Lifted hit@1 on probes 7, 9 and 12, tune unchanged ("Where retrieval misses on
    blind probes")."""

    # --- cross-encoder re-ranking (assistant/rerank.py) -------------------------------------------------
    rerank: bool = True
    """Re-order the top `rerank_depth` candidates by the cross-encoder; False skips loading it at all."""
    rerank_model: str = RERANKER_MODEL
    rerank_depth: int = 5
    """How many candidates (after the sentence re-ordering) the cross-encoder reads: 5 keeps depth 10's hit@1 gain at
    half the cost; hit@5 is set by the candidates, not the order ("Re-ranking")."""
    rerank_pairs: str = "passage"
    """What the cross-encoder reads beside the question: "passage" (section title and text), "text", "sentence" (the
    title and the passage's sentence closest to the question) or "document" (the document's short title first).
    "document" lifts hit@1 but costs tune answers, even with `figure_rerank` 0.04 ("The cross-encoder reads the
    document title")."""
    rerank_max_tokens: int = 192
    """Question plus passage are cut to this many tokens; cost grows with it. 192 scores as well as 256 on tune, 128
    and 160 lose hit@1 ("Re-ranking"; "Gates, threads and session options")."""
    rerank_weight: float = 10.0
    """Weight of the cross-encoder's score (0..1) against the candidate's earlier score (about 0.8 to 1.5): 10 lets
    the cross-encoder decide the order, which tune favours over 0.25 to 2 ("Re-ranking")."""
    rerank_threads: int = 2
    """onnxruntime intra-op threads per process; `ltp serve --prod` lowers it to cores / workers in each worker. One
    thread gives the same answers for 4% less CPU but a slower lone ask, so `ltp ask` keeps two ("CPU per answer")."""
    rerank_batch: int = 1
    """Pairs per onnxruntime call; 1 keeps every score independent of the others (see CrossEncoderReranker)."""
    rerank_part_depth: int = 2
    """How many candidates the cross-encoder reads in each part's search of a two-part question (which only adds the
    part's best passage); 0 keeps the hybrid order. 2 keeps 5's tune facts and, with the next, cut two-part questions
    (the slowest tenth) from 33 pairs to 21 ("Quality/latency curve")."""
    rerank_gate: float = 0.07
    """When the top candidate's first-stage score leads the second's by at least this, the cross-encoder reads it
    only, whose score refusals still use (0: always read the depth). Lower gates each lost a tune question for 5-17%
    of CPU ("Gates, threads and session options"; "CPU per answer")."""
    rerank_margin: float = 0.0
    """When the gate does not decide, the cross-encoder reads only the candidates whose first-stage score is within
    this of the top candidate's (0: all `rerank_depth`): one far behind is rarely lifted to the top, and each read
    is about 20 ms of CPU. With `sentence_rerank_margin` 0.2, 0.1 cut CPU per ask by 16% (cross-validated on tune
    and probes 30-33, facts +1 -1 of 274, refusals unchanged); 0.07 with 0.15 cut 27% but lost five tune facts and
    answered a clinical question it should refuse ("CPU per ask, round 17 (speed17)"). Off: on round 17's fresh pool
    0.1 / 0.2 lost 4 answers their facts and gained 1, past the one net loss its rule allowed."""
    rerank_confirm: float = 0.0
    """When the cross-encoder, reading the top candidate first, scores it at least this (0..1), the others keep their
    order unread (0: off). Off: every value tried lost tune facts, since the answer reads four candidates ("CPU per
    answer")."""
    refuse_before_rerank: bool = True
    """A one-part question naming what the documents lack is refused before the cross-encoder reads its passages,
    when the refusal cannot depend on their scores (question_route.QuestionRoute._named_refusal): the same answers,
    fewer pairs ("CPU per answer, round 8")."""
    rerank_pair_budget: int = 0
    """At most this many cross-encoder pairs per ask, spent in the order the stages read (own passages, parts'
    passages, sentences) (assistant/pair_budget.py); 0: no budget ("A cross-encoder pair budget per ask (budget15)")."""
    related_rerank_depth: int = 5
    """How many candidates the cross-encoder reads in the search for a refusal's related passages; 0 keeps the hybrid
    order, which saves tokens but changes most named refusals' pointers ("CPU per answer, round 8")."""
    rerank_pad_bucket: int = 1
    """Each pair is padded to a multiple of this many tokens (1: its own length). Padding changes a pair's INT8 score
    a little, never its determinism; read one at a time, it only costs CPU ("Quality/latency curve")."""
    rerank_graph: str = "cls"
    """"cls" (since 30 Nov): the graph rewritten to compute its last layer for [CLS] only (the row its score reads;
    assistant/rerank_graph.py), built once under LTP_DATA_DIR/cache, the shipped graph if that fails; "shipped": the
    file as shipped. About 18% less CPU per ask, answers held ("Fused cross-encoder graph (speed14)")."""

    # --- extractive answers (assistant/answer.py) -------------------------------------------------------
    abstain_similarity: float = 0.37
    """Below this cosine similarity between the question and its best passage the answer abstains."""
    passages_read: int = 4
    """How many top passages the answer's sentences are chosen from."""
    max_sentences: int = 3
    """At most this many sentences in an ordinary answer."""
    one_fact_max_sentences: int = 2
    """At most this many for a question after one figure or date ("how many ...", "by when ...")."""
    sentence_margin: float = 0.16
    """A sentence joins the answer only if it scores within this much of the best sentence."""
    same_passage_margin: float = 0.22
    """The wider margin for sentences of the best sentence's own passage (the second half of a two-part answer)."""
    asked_for_bonus: float = 0.08
    """Added to a sentence holding what the question asks for (a figure for "how many", a date for "when")."""
    sentence_rerank_depth: int = 5
    """How many of the best-scoring answer sentences the cross-encoder reads beside the question (0: none): 5 holds
    6's tune facts and refusals for fewer pairs ("Re-ranking"; "CPU per answer")."""
    sentence_rerank_gate: float = 0.15
    """The cross-encoder skips the answer's sentences when the best one already leads the second by at least this
    (0: never skip); 0.1 lost a tune question ("Gates, threads and session options")."""
    sentence_rerank_margin: float = 0.0
    """... and of those, only the sentences whose score is within this of the best one's (0: all of them): the
    margin form of `sentence_rerank_gate`; 0.2 alone cut CPU per ask by 4% ("CPU per ask, round 17 (speed17)").
    Off: it changes answers."""
    sentence_rerank_part_depth: int = 3
    """The same for each part of a two-part question, read beside that part (0: without the cross-encoder); 3 keeps
    6's tune facts with `rerank_part_depth` 2 ("Quality/latency curve")."""
    sentence_rerank_weight: float = 1.0
    """Weight of the cross-encoder's (question, sentence) score (0..1) added to a sentence's score: it tells the
    sentence that answers from one that only shares the question's words; 1 beat 0.3 and 0.6 on tune ("Re-ranking")."""
    lead_from_clear_winner: float = 0.0
    """When the cross-encoder's first passage leads the next by at least this (and scores 0.5 or more), the lead
    sentence is the best of that passage's own (assistant/lead_sentence.clear_winner): blind probe 7 saw a clear
    winner's answer open with another passage's sentence. 0: off ("The lead from the clear first passage")."""
    sentence_rerank_floor: float = 0.1
    """A sentence the cross-encoder read and scored below this (0..1) may not follow a lead it scored as answering
    (at least 0.5): it only shares the question's words and takes a place a sentence on the question could have.
    0: off ("Lead sentences on blind probe 7 (lead9)")."""
    lead_next_gain: float = 0.5
    """The lead's next sentence joins the answer, under the lead's citation, when it states a figure, date or name the
    answer lacks and the cross-encoder reads (question, lead + next) at least this many logits above (question,
    lead) (assistant/passage_sentences.py). 0: off. On: 0 on probe 17, +8 answers (0 lost) on round 16's pooled
    fresh set of 800 ("Round 16's pooled confirmation set: results")."""
    summary_points_first: bool = True
    """A broad question's bullets open the answer: the "In brief, ... makes these points:" line, which holds no point
    and was its first sentence, is left out, and the section the points come from is named after them instead
    (assistant/summary.py). On: round 17's fresh pool put the fact in the first sentence of 16 more answers and of
    none fewer, every fact and length as before ("Round 17's fresh pool: results")."""
    part_tries: int = 3
    """How many of a two-part question's part's best sentences are tried, best first, for one that adds what the part
    asks for (before: only the best, which often restated the first part or gave no figure)."""
    list_follow_sentences: int = 6
    """For a "which/what are ..." question whose lead only announces a list ("The framework lists ten features ..."),
    up to this many of the passage's next sentences, which hold the items, follow it."""
    fragment_penalty: float = 0.1
    """Taken off a sentence that leans on the one before it ("Second, ...", "This means ..."): it makes a poor lead."""
    duplicate_similarity: float = 0.9
    restatement_similarity: float = 0.6
    """A sentence this close to a chosen one, adding no new figure, is a restatement and is left out."""
    support_similarity: float = 0.6
    """A sentence of another passage this close to a chosen one, sharing its figures, states the same fact: its
    passage is cited on the chosen sentence rather than the fact repeated."""
    related_similarity: float = 0.3
    """A passage this far from the question is no useful pointer, even as "related" beside a refusal."""

    # --- broad questions answered as bullets (assistant/summary.py; "Broad summaries (broad8)") -----------
    summary_k: int = 12
    """How many passages a broad question's bullets are chosen from."""
    summary_min_bullets: int = 3
    summary_max_bullets: int = 5
    summary_distinct_similarity: float = 0.6
    """A bullet this close to one already chosen says the same thing and is skipped."""
    summary_relevance_margin: float = 0.15
    """A bullet must score within this much of the best one: a broad answer still stays on the question."""
    summary_wide_margin: float = 0.25
    """When fewer than `summary_min_bullets` points lie within `summary_relevance_margin`, bullets may come from this
    far below the best before the answer falls back to ordinary sentences ("what does the plan mean for primary
    care?" found two within 0.15, and its fallback missed networks, the £4.5 billion and community teams)."""
    summary_fact_bonus: float = 0.08
    """A bullet candidate stating a figure or a date gains this much: among near-equal points a broad answer gives
    the headline ones ("200,000 places", "by 2023/24") rather than a general aim."""
    summary_max_chars: int = 750
    """A section summary stops adding bullets (beyond `summary_min_bullets`) once they would pass this many
    characters: a summary a colleague would write, not the section again."""
    summary_relevance_weight: float = 0.5
    """In a section summary, a sentence's closeness to the topic weighs this much beside what it states (figures,
    dates, named programmes: section_summary.headline_weight)."""
    summary_anchor_share: float = 0.2
    summary_anchor_title: float = 0.1
    """A broad question is summarised from one section only when that section holds this share of the retrieved
    passages (weighted by rank) and its title is at least this close to the topic; otherwise bullets come from
    the retrieved passages across sections."""
    summary_anchor_hits: int = 2
    """... and only when it holds at least this many of them (one passage is a mention, not the topic's section)."""
    summary_anchor_title_alone: float = 0.6
    """... unless its title is this close to the topic: a section named for the topic needs one of them."""
    summary_section_distinct: float = 0.75
    """Within one section every sentence is on its topic: only one this close to a bullet already chosen restates it
    (across sections `summary_distinct_similarity` applies)."""
    summary_anchor_share_weight: float = 0.5
    """How much the retrieved passages gathered in a section count beside its title's closeness to the topic."""
    summary_lead_rerank: float = 0.5
    """The passage the cross-encoder (retrieval's own scores, no extra pairs) reads this sure is about a broad
    question leads its summary with its sentences closest to the topic (assistant/summary_lead.py); 0 turns the
    lead and `summary_off_topic_rerank` off ("Broad summaries that hold their facts (broad12)")."""
    summary_off_topic_rerank: float = 0.02
    """A passage the cross-encoder scored below this does not bear on the question and gives no bullet."""
    summary_lead_bullets: int = 2
    """At most this many bullets from the lead passage, each a distinct sentence of it."""
    summary_lead_margin: float = 0.15
    """The lead passage's second bullet must be within this much of its first's closeness to the topic."""
    summary_lead_section_margin: float = 0.25
    """With a lead passage, a section summary's other bullets must be within this much of the lead's closeness to
    the topic: a question about part of a section ("unpaid carers") is not answered with the rest of it."""

    # --- scope (assistant/scope.py) ---------------------------------------------------------------------
    name_gate_similarity: float = 0.60
    """An unknown name makes the answer abstain only when the best passage scores below this."""
    figure_rerank: float = 0.05
    """A "how many/how much" question no passage gives the figure for is refused ("the documents don't give that
    figure") only when the cross-encoder finds a passage about it at least this relevant: below, retrieval missed.
    Chosen between tune's wrongly refused in-scope questions and its near misses ("Refusals (issue 16 item 4)"). Off
    with the cross-encoder; a figure of a thing no passage's words name is refused below it too."""
    floor_rerank: float = 0.1
    """Below `abstain_similarity` the answer still goes ahead when the cross-encoder scores some passage at least this
    high: it read the question with the passage and judged it answered (a name the embedding reads poorly). It lies
    between the out-of-scope and answerable questions the floor alone refused ("Refusals by kind after blind probes 7
    and 9 (refusals10)")."""
    weak_similarity: float = 0.0
    weak_rerank: float = 0.0
    """The answer abstains when the best passage's cosine similarity is below `weak_similarity` AND the
    cross-encoder's best score (0..1) is below `weak_rerank`. Off (0, 0): scope rules already refuse those
    out-of-scope questions, and every setting tried only refused in-scope ones ("Refusals (issue 16 item 4)")."""
    kind_refusals: bool = False
    """Refuse by kind of question too (assistant/scope_kinds.py): a body named in lower case, personal details, business
    advice, this financial year, another nation, the 2020 People Plan, one's own clinical question, ... Off: none more
    on probe 17; on the pooled fresh set 8 more out-of-scope refused but 3 answerable ones too (its rule allowed 2)
    ("Refusals that generalise (refusals14)")."""
    answerable_reading: bool = True
    """Refusal rules read a question as people type it ("kids", "ppl"; a count cut where a second question begins). On:
    13 -> 5 wrong refusals on the tuning sets, 3 fewer (no out-of-scope one lost) on round 16's pooled fresh set
    ("Answerable questions wrongly refused (inscope15)"; "Round 16's pooled confirmation set: results")."""
    inscope17: bool = False
    """Refusal rules read chat spellings ("wot", "shud", "n"), a "how many" that counts what was named before it
    ("link workers: how many by 20/21?"), named targets said as plans say them ("no more than 30 per million",
    "a BMI of 30+"), and a follow-up that points back ("so who gets the money first?") is searched for with the
    question before it (assistant/typed_reading.py; "Answerable questions wrongly refused, round 17 (inscope17)")."""
    learned_refusals: bool = True
    """A question the refusal rules let through is refused too when a classifier over its embedding and retrieval
    scores (assistant/refusal_model.py) says the documents don't cover it. On: refitted with a stricter point, it
    refused 12 more out of scope for 3 answerable on round 16b's second fresh pool, within its rule ("A learned
    refusal signal (refuse16)", "A stricter operating point (refuse16b)", "Round 16b ... results")."""
    refuse17: bool = True
    """Round 17's out-of-scope refusals: (1) a question about the asker's own (a relative's, one patient's) symptoms or
    treatment that safety.py's patterns miss ("should I up my metformin", "do you think I have depression", "lower back
    pain 3 wks which exercises") gets NHS 111 / GP / pharmacist signposting before any passage is read
    (assistant/safety_own_care.py); (2) refusals14's rules by kind (assistant/scope_kinds.py) without its lower-case
    body rule, the one that refused answerable questions ("who chairs ics board"). On: round 17's fresh pool refused 7
    more out-of-scope questions and no answerable one ("Round 17's fresh pool: results")."""
    learned_refusal_weights: str = ""
    """The classifier's weights file; "" is the one shipped (assistant/refusal_model.json, from bench/train_refusal_model.py)."""
    query_adapter: str = "off"
    """"ranking": the dense search ranks passages by the question's vector mapped by a learned linear adapter
    (assistant/query_adapter.py), so that user wording ("fcp", "physio in gp surgeries") lands nearer the passages
    that answer it; passages keep their vectors, and the similarity refusals read stays the plain one. "all": that
    similarity and the best-sentence re-ordering read the mapped vector too. Off until the lead's confirmation
    ("A query adapter for user wording (adapter16)")."""
    query_adapter_path: str = ""
    """The adapter's file; "" is the shipped one (assistant/data/query_adapter.npz). Cross-validation points it at the
    adapter fitted without the batches it scores."""
    clinical19m: bool = True
    """A question the crisis and own-care rules let through gets the same NHS 111 / GP / pharmacist signposting when a
    classifier over its MiniLM vector and a few wording features (assistant/personal_clinical.py) reads it as asking
    about one person's own symptoms or treatment. On since round 19's focused fresh pool: personal clinical questions
    refused 0.90 -> 1.00 (+10) and signposted 36 -> 90 of 100, no answerable question newly refused there or on the
    mixed pool of 600 ("Round 19's fresh pools: results")."""
    clinical19m_weights: str = ""
    """Its weights file; "" is the one shipped (assistant/personal_clinical.json, from bench/train_personal_clinical.py).
    Cross-validation points it at weights fitted without the batches it scores."""
    inscope19: bool = False
    """A refusal one weak signal decided is looked at again (assistant/refusal_second_look.py): the figure gate's
    "the documents don't give that figure" is overruled when the learned refusal signal is sure the documents cover
    the question (probability below `inscope19_covered`), and a question in a conversation refused on its own words
    is searched for again with the question before it. Off until the lead's fresh pool ("Answerable questions
    wrongly refused, round 19 (inscope19)")."""
    inscope19_covered: float = 0.03
    """The learned signal's probability of "not covered" below which inscope19 overrules the figure gate; chosen by
    leave-one-batch-out cross-validation over the tuning batches (every fold chose 0.03)."""
    inscope19_follow_ups: bool = True
    """With inscope19, a question in a conversation refused on its own words is searched for again with the question
    before it. False keeps only the figure-gate reading: the second search also answers an off-topic question asked
    after an in-scope one ("who won the premier league in 2019?") in about 1 of 8 such pairings on the tuning data."""
    rerank_passage_tokens: int = 0
    """A passage pair longer than this many tokens (question and passage) is read as its title and the run of whole
    sentences around its sentence closest to the question that fits (assistant/pair_window.py); 0: the passage as
    today, cut at `rerank_max_tokens`. The cross-encoder's cost grows with tokens, and passages are most of them. Off:
    96 cut CPU per ask by 22% but lost answers their facts (+3 -7 of 401) and fact first (-0.023) on tuning data
    ("CPU per ask, round 19 (speed19)")."""
    rerank_window_from: int = 0
    """... only for the candidates from this rank on (0: all; 1: the first candidate is read whole, so the passage that
    most often leads the answer keeps its score). With 96, 1 cut CPU per ask by 16% and still lost facts (+2 -5 of
    401), fact first (-0.013) and one out-of-scope refusal on tuning data ("CPU per ask, round 19 (speed19)")."""
    contains20_gap: float = 0.3
    """contains20's runner-up reads at least this close (cross-encoder-weighted score) to the best sentence read ..."""
    contains20_margin: float = float("inf")
    """... and at least this far above the answer's weakest statement after the lead to replace it (inf: never, so no
    answer can lose a fact; 0.2 and 0.5 lost 8-11 facts for 5-9 more gains on tuning data) ..."""
    contains20_max_chars: int = 350
    """... or, after an answer of one statement, joins it only when the answer stays this short (characters): at most
    the one-fact median (331 on the last pool) plus the 20 characters a pool allows. 0.3 and 350 chosen
    leave-one-batch-out (docs/history/round-20.md, "One-fact answers that hold their facts, round 20 (contains20)")."""
    contains20: bool = True
    """The best sentence not shown of the cited (or top) passage, read almost as well as the best sentence and stating
    no amount the answer states, joins a short answer of one statement (or, with a finite `contains20_margin`,
    replaces its weakest statement after the lead) (assistant/runner_up.py). On with `lists20` since round 20's third
    pool: together +6 answers hold every fact, -0 lose one, one-fact median +20 characters (second pool +12 / -0);
    docs/history/round-20.md, "Round 20's third pool: results"."""
    related_passage_tokens: int = 0
    """The search for a refusal's related passages reads each long passage as a window of this many tokens
    (pair_window; 0: as `rerank_passage_tokens` says). They are pointers beside a refusal: no fact or refusal
    depends on them, so only the pointers can change ("CPU per ask, round 20 (speed20)")."""
    part_passage_tokens: int = 0
    """A two-part question's part searches read each long passage as a window of this many tokens (0: as
    `rerank_passage_tokens` says) ("CPU per ask, round 20 (speed20)")."""
    premise20: bool = True
    """A question that takes as given something the plan did ("why did the plan bring back the bursary?", "why did the
    framework make stroke rehab a foundational commitment?") is refused unless a sentence of the passages found says
    that action of that thing (assistant/premise_check.py), and one insisting on an exact or total "how many" unless a
    sentence gives a number of that thing (assistant/exact_count.py); the refusal quotes what the passages do say.
    On since round 20's fresh pool: 3 more out-of-scope questions refused of 185, no answerable one of 415
    ("Round 20's fresh pool: results")."""
    lists20_longest: int = 450
    """With lists20, the longest next sentence (characters) a statement may carry on with; chosen by leave-one-batch-out
    cross-validation over the tuning batches ("List, broad and two-part answers, round 20 (lists20)")."""
    lists20: bool = True
    """A list, broad or two-part answer's statement (a bullet, a sentence) carries on with the next sentence of its
    own passage when that sentence leans on it ("That share rises to 70% by 2023/24.", "Alongside GPs it will include
    pharmacists, ...") or the statement announces it ("The plan sets two headline cancer ambitions."), and it states a
    figure, a date or a list (assistant/carried_on.py). On with `contains20` since round 20's third pool
    (docs/history/round-20.md, "Round 20's third pool: results"; "List, broad and two-part answers, round 20 (lists20)")."""
    inscope20: bool = False
    """inscope19's second look with a topic-change guard (assistant/refusal_second_look.py, topic_change.py): the figure
    gate overruled when the learned signal is sure the documents cover the question (`inscope19_covered`), and a
    question in a conversation refused on its own words searched for again with the question before it only when it
    reads as a continuation ("so who gets the money first?", "how many deaths would that prevent"); a question that
    changes the subject is judged alone, with inscope19 on as well. `inscope19_follow_ups` False keeps the figure
    gate's reading only. Off until the lead's fresh pool ("Answerable questions wrongly refused, round 20
    (inscope20)")."""
    lead21: bool = True
    """A one-fact answer's sentences lose a trailing clause that only explains or goes on (", which ...", ", so that
    ...", ", according to ...") or an opening attribution ("The CSP notes that ...") when the clause holds no figure,
    date, share, quoted term, name and none of the question's words (assistant/shorter_sentences.py). Never in a list
    or two-part answer. On since round 21's pool (one-fact median -13 characters, no fact or fact-first sentence lost:
    docs/history/round-21.md, "Round 21's fresh pool: results")."""
    broad21: bool = False
    """lists20's carrying on widened for broad questions: it also reaches questions worded broadly without
    `summary.is_broad`'s wording ("what does the NHS long term plan mean for physiotherapists?", "ltp digital chapter
    overview": `carried_on.asks_broadly`), and for a broad question a next sentence naming a few items in a row counts
    as stating them (`carried_on.names_items`). Needs `lists20`. Off until the lead's fresh pool (docs/history/round-21.md,
    "Broad, list and two-part answers, round 21 (broad21)")."""
    inscope21_covered: float = 0.06
    """With inscope21, the learned signal's probability of "not covered" below which a refusal by a rule that read the
    question's time (now, a later year, an outcome, a later document) is dropped; chosen leave-one-batch-out
    ("Answerable questions wrongly refused, round 21 (inscope21)")."""
    inscope21: bool = False
    """inscope20 (the figure gate overruled, the guarded follow-up search) plus a refusal by a rule that read the
    question's time dropped when the learned signal is sure the documents cover the question (`inscope21_covered`;
    assistant/refusal_overrule.py): "what fraction is the LTP aiming for, and what is it now?", "when did the new
    contract for PCNs actually start?". Off until the lead's fresh pool ("Answerable questions wrongly refused, round
    21 (inscope21)")."""
    clinical21_gap: float = 2.5
    """clinical21's added sentence reads at least this close (cross-encoder-weighted score) to the best sentence
    read; chosen leave-one-batch-out ("Clinical-policy answers, round 21 (clinical21)")."""
    clinical21_new_share: float = 0.05
    """... and names at least this share of the question's term weight in terms the answer leaves unnamed."""
    clinical21_longest: int = 400
    """... and is at most this many characters long."""
    clinical21_max_chars: int = 450
    """A one-statement answer gains it only when it stays at most this long."""
    clinical21: bool = True
    """A one-statement answer gains, right after its lead, the sentence of a cited or the top passage that names the
    part of the question the answer leaves unnamed ("when should surgery be considered?": "Surgical options should
    only be considered after ... pelvic floor re-education") (assistant/commitment.py). On since round 21's pool
    (+7 answers holding every fact, -0: docs/history/round-21.md, "Round 21's fresh pool: results")."""

    broad22_top: int = 2
    """With broad22, how many of the question's own top passages may each give a broad summary a bullet (chosen with
    the next five by leave-one-batch-out cross-validation: "Broad and list answers, round 22 (broad22)")."""
    broad22_rerank: float = 0.2
    """... when the cross-encoder scored the passage at least this (in [0, 1])."""
    broad22_max_bullets: int = 6
    """... while the summary has fewer bullets than this (issue 21: 3-6)."""
    broad22_headline: float = 0.0
    """... its sentence chosen by closeness to the topic plus this times its headline weight (a figure, a date, a
    named programme: `section_summary.headline_weight`)."""
    broad22_needs_fact: bool = True
    """... and the bullet is added only when that sentence states a figure, an amount or a year."""
    broad22: bool = True
    """A broad question's summary gains a bullet from each of the question's own top passages that no bullet cites
    and the cross-encoder reads as bearing on it, in document order after its first bullet (a named chapter's summary
    only from inside the chapter) (assistant/summary_uncited.py). Tuning data: cross-validated +15 -0 of 93 changed;
    pipeline +20 -0 of 101 changed of 493 broad-worded answers (docs/history/round-22.md, "Broad and list answers, round
    22 (broad22)"). On since round 23's pooled fresh pools, with clinical22, followup22, short22 and compact22 (+12 -2
    answers holding every fact of 850 answerable, +23 characters of one-fact median: "Round 23's pooled pools:
    results")."""

    clinical22_gap: float = 1.0
    """clinical22's added sentence reads at least this close (cross-encoder-weighted score) to the best sentence
    read; chosen leave-one-batch-out ("Clinical-policy answers, round 22 (clinical22)")."""
    clinical22_longest: int = 300
    """... and is at most this many characters long."""
    clinical22_min_chars: int = 0
    """An answer gains it only when it is already at least this long (a shorter one lengthened lifts the one-fact
    median: issue 21) ..."""
    clinical22_max_chars: int = 600
    """... and stays at most this long."""
    clinical22: bool = True
    """An answer of two or more statements gains, last, the best-read sentence not shown of its cited (or the top)
    passages that states a figure or date, within `clinical22_gap` of the best sentence ("Stroke services - what do
    local areas have to plan for?": "... mechanical thrombectomy, to 10% of stroke patients, by 2022 ...")
    (assistant/figure_commitment.py). On since round 23's pooled fresh pools (see broad22)."""
    followup22: bool = True
    """A question in a conversation that reads as carrying it on ("so who gets the money first?", "which hospitals
    does that apply to?": assistant/topic_change.py's reading, fitted leave-one-batch-out in round 20) is searched for
    with the question before it from the start, as a short or "it" / "and ..." follow-up is, instead of on its own
    words only (inscope20 searched again only once refused, and never for an answer that missed its fact). On since
    round 23's pooled fresh pools (see broad22; "Follow-up questions, round 22 (followup22)")."""
    short22: bool = True
    """After lead21, a one-fact answer's sentences also lose an opening phrase that only sets the scene ("Financially,
    ..."), a purpose tail ("... so that patients have more choice"), the clause after a semicolon, the second of two
    clauses joined by ", and", and in statements after the lead a trailing ", including/whose/and ..."
    clause, each only when it holds no figure, date, name, quoted term or question word
    (assistant/shorter_clauses.py). Never in a list or two-part answer. On since round 23's pooled fresh pools (see
    broad22; "Shorter one-fact answers, round 22 (short22)")."""

    compact22: bool = True
    """Each sentence contains20, clinical21 or clinical22 adds (never the lead) loses its trailing clauses that hold
    nothing new to the answer: no number, quoted term, question word the answer leaves unnamed, or (except in
    clinical22's sentence, added for its figure or date) capitalised name (assistant/compact_added.py). On since round
    23's pooled fresh pools (see broad22; "Compact added sentences, round 22 (compact22)")."""

    list23: bool = False
    """A question the programme finder would answer with its catalogue list is answered from its passages when they
    give an answer (the finder's list names programmes whose topic words match, not the ones a passage names); and
    a question worded as a list gains, at its end, the sentence naming items of each of its first `list23_top`
    passages it does not cite that the cross-encoder scored at least `list23_rerank`, at most `list23_longest`
    characters (assistant/uncited_items.py). Off until the lead's fresh pool ("List and two-part answers, round 23
    (list23)")."""
    list23_top: int = 1
    list23_rerank: float = 0.3
    list23_longest: int = 400
    finder23: bool = True
    """The programme finder filters on a question's real topic words only, not on stop words or question scaffolding
    ("every", "must", "deliver", "commitments", "flag", "relevant"): a question asking for a type with no real topic
    lists every programme of that type, in catalogue order; and a question asking for no type whose topic matches no
    catalogue entry ("which national programmes support local maternity systems?") is answered from the passages
    (assistant/programmes.py `chosen_programmes`). On since round 23's focused pool of programme questions (+6 -0
    answers holding every fact of 170 answerable: "Round 23's focused pool: results"; tuning data: "The programme
    finder's chat answers, round 23 (finder23)")."""
    items24: bool = False
    """A question asking for several items (worded as a list, or of several parts: `carried_on.asks_for_several`, on
    a follow-up's own words when it has them) gains, at its end, from each of its first `items24_top` passages it does
    not cite that the cross-encoder scored at least `items24_rerank`, the sentence naming several items that shares
    most words with the question (at least `items24_shared`), at most `items24_longest` characters
    (assistant/uncited_items.py); and a part asking for a sum, a date or a count no statement states gains the
    sentence of one of the first `items24_parts` passages it does not cite (cross-encoder at least
    `items24_parts_rerank`) that states it (assistant/uncited_parts.py). Only adds; the programme finder's answers
    are left as they are. Off until the lead's fresh pool ("List and two-part items, round 24 (items24)")."""
    items24_top: int = 3
    items24_rerank: float = 0.996
    """The floor that makes the rule pay: an uncited top-3 passage the cross-encoder is this sure of holds the
    missing items one time in three; below it, mostly items the answer already holds (chosen leave-one-batch-out)."""
    items24_longest: int = 400
    items24_shared: int = 1
    items24_parts: int = 5
    items24_parts_rerank: float = 0.9
    items24_parts_shared: int = 1
    items24_parts_longest: int = 300
    steady24: bool = True
    """The dense search ranks every stored passage vector exactly (assistant/exact_dense.py) instead of asking Chroma's
    HNSW index, which is approximate and rebuilt a little differently by every process that opens the index, so the
    same question could get different candidates, and rarely a different answer, from one run to the next (one
    answer of 1,200 in round 23's pool). On since round 24's pool (no fact or refusal changed on 1,200; three fresh
    processes gave three different HNSW candidate lists and one exact one: "Round 24's pool: results"; "The same
    answer under load, round 24 (steady24)")."""
    short24: bool = False
    """A one-fact answer (not a list or two-part one) shows no statement that contains20, clinical21 or clinical22
    added when it names none of the question's words that the statements kept beside it leave unnamed and
    states no kind of fact that they lack of the kinds kept below; never the lead, nor a statement the next leans on
    (assistant/unasked_added.py). Off until the lead's fresh pool ("Shorter answers, fact first, round 24
    (short24)")."""
    short24_keep_amounts: bool = True
    """short24 keeps an added statement stating an asked amount (a sum, a count, a share, a duration) the rest lack
    ..."""
    short24_keep_dates: bool = True
    """... one stating an asked date or place the rest lack ..."""
    short24_keep_unasked: bool = True
    """... and, when the question asks for no kind in particular ("what's the waiting standard?"), one stating any
    figure, date or place the rest lack ..."""
    short24_lead: bool = True
    """... the lead goes too when the statements after it, one of them added, restate it (its figures or dates,
    names and question words) and the next stands alone ..."""
    short24_first: bool = True
    """... and an added statement naming a question word or an asked kind of fact leads when the lead names neither.
    The five chosen leave-one-set-out over the tuning sets."""
    lead25: bool = False
    """A one-fact answer (not a list or two-part one) shows no statement after its lead whose words the other
    statements already hold (all but `lead25_new_share` of its words and `lead25_new_pairs` of its pairs of adjacent
    words) and whose numbers and dates they all state; judged last first, never the lead nor a statement the next
    leans on (assistant/restated_statements.py). Off until the lead's fresh pool (docs/history/round-25-lead25.md)."""
    lead25_new_share: float = 0.4
    """The share of a statement's words (stemmed) the others may lack for it to go as a restatement ..."""
    lead25_new_pairs: float = 0.5
    """... and the share of its pairs of adjacent words (as written: a fact is a phrase). Both chosen leave-one-set-out
    over the tuning sets, no fact lost on the other sets (every fold chose these)."""
    chat26: bool = True
    """Small talk ("ok thanks", "hello", "bye") and questions not in English get a short reply saying what the
    assistant can help with (in English), not the full refusal (assistant/small_talk.py;
    docs/history/round-26-qa26.md). On since round 26's pool: it caught none of the
    1,200 pool questions nor any of the 14,631 tuning ones."""
    inscope26: bool = False
    """Answer answerable questions the rules refuse today: a run of names the documents use ("the King's Fund and NHS
    Providers survey") is no unknown name (assistant/known_names.py); a user's acronym the documents only spell out
    ("ARRS") is read in their words, and a short follow-up in a chain of them ("when?") refused is searched for again
    with the chain's questions (assistant/inscope26.py). Off until round 26's pool
    (docs/history/round-26-inscope26.md)."""
    nearmiss26: bool = False
    """Refuse a question asking the figure of a thing the documents never name ("what HbA1c target does the plan
    set?", "the Category 2 response time"), naming it, with the nearest passages as related ones
    (assistant/near_miss.py). Off until scored on round 26's pool (docs/history/round-26-nearmiss26.md)."""

    def __post_init__(self) -> None:
        for name in ("candidates", "sentence_depth", "part_merge_lead", "rerank_depth", "rerank_threads",
                     "rerank_batch", "passages_read", "max_sentences", "part_tries",
                     "one_fact_max_sentences", "summary_k", "summary_min_bullets", "summary_max_bullets"):
            if getattr(self, name) < 1:
                raise ValueError(f"PipelineConfig.{name} must be at least 1")
        if self.part_merge not in ("lead", "round-robin"):
            raise ValueError('PipelineConfig.part_merge must be "lead" or "round-robin"')
        if self.background_search not in ("off", "fuse", "core"):
            raise ValueError('PipelineConfig.background_search must be "off", "fuse" or "core"')
        if self.background_read not in ("question", "core"):
            raise ValueError('PipelineConfig.background_read must be "question" or "core"')
        if self.rerank_pairs not in ("passage", "text", "sentence", "document"):
            raise ValueError('PipelineConfig.rerank_pairs must be "passage", "text", "sentence" or "document"')
        for name in ("sentence_rerank_depth", "sentence_rerank_part_depth", "rerank_part_depth", "rerank_gate",
                     "sentence_rerank_gate", "rerank_confirm", "related_rerank_depth", "rerank_pair_budget",
                     "rerank_margin", "sentence_rerank_margin", "rerank_passage_tokens", "rerank_window_from",
                     "contains20_gap", "contains20_margin", "related_passage_tokens", "part_passage_tokens",
                     "clinical21_gap", "clinical21_new_share", "clinical22_gap", "list23_top", "list23_rerank",
                     "list23_longest", "items24_top", "items24_rerank", "items24_longest", "items24_shared",
                     "items24_parts", "items24_parts_rerank", "items24_parts_shared",
                     "items24_parts_longest"):
            if getattr(self, name) < 0:
                raise ValueError(f"PipelineConfig.{name} must be 0 or more")
        if self.query_adapter not in ("off", "ranking", "all"):
            raise ValueError('PipelineConfig.query_adapter must be "off", "ranking" or "all"')
        if self.rerank_graph not in ("shipped", "cls"):
            raise ValueError('PipelineConfig.rerank_graph must be "shipped" or "cls"')
        if not 1 <= self.rerank_pad_bucket <= 64:
            raise ValueError("PipelineConfig.rerank_pad_bucket must be between 1 and 64")
        if not 0 <= self.inscope19_covered <= 1:
            raise ValueError("PipelineConfig.inscope19_covered must be between 0 and 1")
        if not 0 <= self.inscope21_covered <= 1:
            raise ValueError("PipelineConfig.inscope21_covered must be between 0 and 1")
        if not 16 <= self.rerank_max_tokens <= 512:
            raise ValueError("PipelineConfig.rerank_max_tokens must be between 16 and 512")
        if not (0 <= self.lead25_new_share <= 1 and 0 <= self.lead25_new_pairs <= 1):
            raise ValueError("PipelineConfig.lead25_new_share and lead25_new_pairs must be between 0 and 1 (shares)")

    def with_values(self, assignments: list[str] | tuple[str, ...]) -> PipelineConfig:
        """This config with "name=value" assignments applied, each value read as its field's type (a benchmark's
        arm, e.g. `ltp serve --prod --set rerank_margin=0.1`); ValueError names an unknown field."""
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for text in assignments:
            name, _, value = text.partition("=")
            if name not in known:
                raise ValueError(f"PipelineConfig has no setting {name!r}")
            kind = type(getattr(self, name))
            changes[name] = value.lower() in ("1", "true", "yes") if kind is bool else kind(value)
        return replace(self, **changes)

    def describe(self) -> dict:
        """The values, for a benchmark's results file."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


DEFAULT_CONFIG = PipelineConfig()
