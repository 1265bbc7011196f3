"""The cross-encoder's [CLS]-only rewrite (assistant/rerank_graph.py): built once into the cache folder from the
shipped graph, scores as the shipped graph does, and never stops the re-ranker from answering when it is missing,
damaged or cannot be built."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant import rerank_graph
from assistant.config import DEFAULT_CONFIG
from assistant.rerank import CrossEncoderReranker

QUESTION = "How many people does a primary care network cover?"
TEXTS = ["Primary care networks typically cover 30,000 to 50,000 people.",
         "Primary care networks will get a new contract and more funding for community teams.",
         "The plan sets out how air pollution from NHS vehicles will be cut.",
         " ".join(["Every integrated care system will agree a five-year plan for mental health services, with"
                   " new funding ring-fenced for children and young people, crisis care and community teams."] * 6)]


def rewritten(cache_dir, **settings) -> CrossEncoderReranker:
    reranker = CrossEncoderReranker(graph="cls", cache_dir=cache_dir, cache_size=0,
                                    max_tokens=192, **settings)
    reranker.warm_up()
    return reranker


@pytest.fixture(scope="module")
def shipped_unfused() -> CrossEncoderReranker:
    return CrossEncoderReranker(cache_size=0, max_tokens=192)


def test_the_rewrite_is_built_into_the_cache_and_scores_as_the_shipped_graph(tmp_path, shipped_unfused):
    reranker = rewritten(tmp_path)
    assert reranker.graph_used.startswith(str(tmp_path)) and list(tmp_path.glob("reranker-cls-*.onnx"))
    ours, theirs = reranker.score(QUESTION, TEXTS), shipped_unfused.score(QUESTION, TEXTS)
    assert max(abs(a - b) for a, b in zip(ours, theirs, strict=True)) < 0.01
    assert ours[0] > ours[1] > ours[2]


def test_a_built_rewrite_is_read_back_not_built_again(tmp_path, monkeypatch):
    first = rewritten(tmp_path).score(QUESTION, TEXTS)

    def no_build(shipped):
        raise AssertionError("built again")

    monkeypatch.setattr(rerank_graph, "cls_graph", no_build)
    again = rewritten(tmp_path)
    assert again.graph_used != "shipped" and again.score(QUESTION, TEXTS) == first


def test_a_damaged_cached_file_is_rebuilt(tmp_path):
    first = rewritten(tmp_path)
    path = first.graph_used
    with open(path, "r+b") as damaged:
        damaged.truncate(1000)
    again = rewritten(tmp_path)
    assert again.graph_used == path and again.score(QUESTION, TEXTS) == first.score(QUESTION, TEXTS)


def test_when_the_rewrite_cannot_be_built_the_shipped_graph_answers(tmp_path, monkeypatch, shipped_unfused):
    def unexpected(shipped):
        raise rerank_graph.GraphUnexpected("another export")

    monkeypatch.setattr(rerank_graph, "cls_graph", unexpected)
    reranker = rewritten(tmp_path)
    assert reranker.graph_used == "shipped"
    assert reranker.score(QUESTION, TEXTS) == shipped_unfused.score(QUESTION, TEXTS)


def test_without_a_cache_folder_the_shipped_graph_answers():
    reranker = CrossEncoderReranker(graph="cls")
    reranker.warm_up()
    assert reranker.graph_used == "shipped"


def test_the_config_chooses_the_graph_and_an_unknown_one_is_refused():
    config = replace(DEFAULT_CONFIG, rerank_graph="cls")
    reranker = CrossEncoderReranker.from_config(config)
    assert reranker.graph == "cls" and reranker.fits(config)
    assert not reranker.fits(replace(config, rerank_graph="shipped"))
    with pytest.raises(ValueError):
        replace(DEFAULT_CONFIG, rerank_graph="fp32")


def test_a_checked_rewrite_that_cannot_be_saved_still_scores(tmp_path):
    """A data dir the server cannot write (here the cache path is a file): the rewrite is checked and used from
    memory, so its scores are those of a worker that could save it, not the shipped graph's."""
    saved = rewritten(tmp_path / "writable")
    blocked = tmp_path / "cache"
    blocked.write_text("not a folder")
    unsaved = rewritten(blocked)
    assert unsaved.graph_used == "in memory"
    assert unsaved.score(QUESTION, TEXTS) == saved.score(QUESTION, TEXTS)


def test_two_workers_building_the_rewrite_at_once_both_score_with_it(tmp_path):
    """Server workers start together: each may build the rewrite, and the cache ends with one whole file that both
    score alike, and no half-written one."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(lambda _: rewritten(tmp_path), range(2))
    assert first.graph_used == second.graph_used != "shipped"
    assert first.score(QUESTION, TEXTS) == second.score(QUESTION, TEXTS)
    assert [p.name for p in tmp_path.iterdir()] == [Path(first.graph_used).name]
    assert rewritten(tmp_path).score(QUESTION, TEXTS) == first.score(QUESTION, TEXTS)
