"""Reading margins (`rerank_margin`, `sentence_rerank_margin`): the cross-encoder reads only the candidates whose
first-stage score is within the margin of the best one's, so an ask reads fewer pairs; off (0), every candidate up
to the depth is read as before."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from test_pair_budget import answer_and_pairs

from assistant.config import DEFAULT_CONFIG
from assistant.retrieve import reading_depth
from assistant.sentence_scores import cross_encoded

TWO_PART = "How many people does a primary care network cover, and when will every practice be in one?"


class Counting:
    """A stand-in model that scores every text 0.5 and counts what it is asked."""

    def __init__(self):
        self.asked: list[tuple[str, str]] = []

    def room(self, wanted: int) -> int:
        return wanted

    def score(self, query: str, texts: list[str]) -> list[float]:
        self.asked += [(query, t) for t in texts]
        return [0.5] * len(texts)


@pytest.mark.parametrize(("scores", "gate", "margin", "read"), [
    ([1.0, 0.95, 0.85, 0.8], 0.07, 0.0, 4),   # no margin: the whole depth
    ([1.0, 0.95, 0.85, 0.8], 0.07, 0.1, 2),   # within 0.1 of the best: the first two
    ([1.0, 0.90, 0.89, 0.8], 0.07, 0.1, 1),   # the gate decides first: the best alone
    ([1.0, 0.99, 0.98, 0.97], 0.07, 0.1, 4),  # all close: all read
    ([], 0.07, 0.1, 0),
])
def test_reading_depth_counts_the_candidates_within_the_margin(scores, gate, margin, read):
    assert reading_depth(scores, gate, margin) == read


def test_sentences_far_behind_the_best_are_not_read_with_a_margin():
    candidates = [(0, "best"), (0, "close"), (1, "far"), (1, "farther")]
    scores = np.array([0.80, 0.70, 0.45, 0.40])
    config = replace(DEFAULT_CONFIG, sentence_rerank_margin=0.2)
    reader = Counting()
    rescored = cross_encoded("q", candidates, scores, reader, config)  # type: ignore[arg-type]
    assert [t for _, t in reader.asked] == ["best", "close"]
    assert list(rescored[2:]) == [0.45, 0.40]
    everything = Counting()
    cross_encoded("q", candidates, scores, everything, DEFAULT_CONFIG)  # type: ignore[arg-type]
    assert len(everything.asked) == 4


def test_a_wide_margin_answers_as_without_one_and_a_narrow_one_reads_fewer_pairs(indexed):
    without, pairs = answer_and_pairs(indexed, TWO_PART)
    wide = replace(DEFAULT_CONFIG, rerank_margin=10.0, sentence_rerank_margin=10.0)
    assert answer_and_pairs(indexed.with_config(wide), TWO_PART) == (without, pairs)
    narrow = replace(DEFAULT_CONFIG, rerank_margin=1e-6, sentence_rerank_margin=1e-6)
    answer, read = answer_and_pairs(indexed.with_config(narrow), TWO_PART)
    assert read < pairs
    assert answer["answer"] and not answer["abstained"]


def test_a_benchmark_arm_sets_pipeline_values_by_name_and_type():
    config = DEFAULT_CONFIG.with_values(["rerank_margin=0.1", "sentence_rerank_margin=0.2", "rerank_depth=4"])
    assert (config.rerank_margin, config.sentence_rerank_margin, config.rerank_depth) == (0.1, 0.2, 4)
    assert DEFAULT_CONFIG.with_values([]) == DEFAULT_CONFIG


def test_serving_with_an_unknown_setting_says_which(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from assistant.cli import cli

    monkeypatch.setenv("LTP_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(cli, ["serve", "--prod", "--set", "rerank_margn=0.1"])
    assert result.exit_code == 2
    assert "rerank_margn" in result.output
