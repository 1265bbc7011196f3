"""The learned refusal signal's weights file (assistant/refusal_model.py), without any model: the shipped file loads,
a file it cannot use leaves the rules to decide alone (and says so in the log), a refusal it makes says what the
documents cover, and a question about one's own treatment gets the NHS 111 / GP advice with it."""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import numpy as np
import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.refusal import COVERS
from assistant.refusal_model import SCALARS, SHIPPED, LearnedRefusals, RefusalModel

DIMENSIONS = 384


def _model_file(tmp_path, bias: float, threshold: float = 0.9):
    """A weights file whose classifier says `bias` (as a logit) whatever the question: a known answer to check the
    plumbing by."""
    width = DIMENSIONS + len(SCALARS)
    model = RefusalModel(np.zeros(width), np.ones(width), np.zeros(width), bias, threshold)
    path = tmp_path / "model.json"
    path.write_text(model.to_json({"fitted_by": "a test"}), encoding="utf-8")
    return path


def _ask(path_or_refusals, question="how long is the physio waiting list at my local trust?"):
    refusals = path_or_refusals if isinstance(path_or_refusals, LearnedRefusals) else LearnedRefusals(path_or_refusals)
    return refusals.refusal(question, [0.0] * DIMENSIONS, [0.4, 0.35], [0.02, None], 3.0, 0)


def test_the_shipped_weights_load_and_refuse_only_when_sure():
    model = LearnedRefusals.for_config(DEFAULT_CONFIG).model()
    assert model is not None
    assert len(model.weights) == DIMENSIONS + len(SCALARS)
    assert 0.5 <= model.threshold < 1
    assert json.loads(SHIPPED.read_text(encoding="utf-8"))["about"]["fitted_by"].startswith("python -m bench.")


def test_a_confident_classifier_refuses_saying_what_the_documents_cover(tmp_path):
    refusal = _ask(_model_file(tmp_path, bias=5.0))
    assert refusal is not None
    assert refusal.reason.startswith(COVERS)
    assert "don't appear to cover" in refusal.reason
    assert refusal.names == ()


def test_an_unsure_classifier_refuses_nothing(tmp_path):
    assert _ask(_model_file(tmp_path, bias=1.0)) is None  # p = 0.73 < 0.9


def test_a_refused_question_about_ones_own_treatment_is_told_where_to_get_advice(tmp_path):
    refusal = _ask(_model_file(tmp_path, bias=5.0), "i'm 30 weeks pregnant with bad pelvic girdle pain, what exercises "
                                                    "are safe for me")
    assert refusal is not None and "NHS 111" in refusal.reason and "GP" in refusal.reason


@pytest.mark.parametrize("damage", [
    None,  # missing
    "{not json",
    json.dumps({"scalars": ["best_similarity"], "threshold": 0.9, "bias": 0, "mean": [0], "scale": [1], "weights": [0]}),
    json.dumps({"scalars": list(SCALARS), "threshold": 0.9, "bias": 0, "mean": [0.0] * 400, "scale": [0.0] * 400,
                "weights": [1.0] * 400}),
    json.dumps({"scalars": list(SCALARS), "threshold": 2, "bias": 0, "mean": [0.0] * 400, "scale": [1.0] * 400,
                "weights": [1.0] * 400}),
], ids=["missing", "not-json", "other-features", "zero-scale", "threshold-out-of-range"])
def test_a_missing_or_damaged_weights_file_leaves_the_rules_alone_and_says_so(tmp_path, caplog, damage):
    path = tmp_path / "model.json"
    if damage is not None:
        path.write_text(damage, encoding="utf-8")
    refusals = LearnedRefusals(path)
    with caplog.at_level(logging.WARNING, logger="assistant.refusal_model"):
        assert _ask(refusals) is None
        assert _ask(refusals) is None
    warnings = [r for r in caplog.records if "learned refusals off" in r.getMessage()]
    assert len(warnings) == 1  # logged once, not per question


def test_switched_off_it_reads_nothing(tmp_path, caplog):
    path = tmp_path / "model.json"
    path.write_text("{damaged", encoding="utf-8")  # reading it would log that it cannot be used
    config = replace(DEFAULT_CONFIG, learned_refusals=False, learned_refusal_weights=str(path))
    with caplog.at_level(logging.WARNING, logger="assistant.refusal_model"):
        assert LearnedRefusals.for_config(config).question_refusal(
            "anything", "anything", [object()], None, None, config) is None  # type: ignore[arg-type]
    assert not caplog.records


def test_the_weights_are_read_once_by_whoever_asks(tmp_path):
    path = _model_file(tmp_path, bias=5.0)
    refusals = LearnedRefusals(path)
    assert _ask(refusals) is not None
    path.write_text("{damaged", encoding="utf-8")
    assert _ask(refusals) is not None  # kept from the first read
    assert _ask(LearnedRefusals(path)) is None  # another assistant reads the file as it is now


def test_weights_for_another_embedding_model_leave_the_rules_alone_and_say_so_once(tmp_path, caplog):
    refusals = LearnedRefusals(_model_file(tmp_path, bias=5.0))
    with caplog.at_level(logging.WARNING, logger="assistant.refusal_model"):
        for _ in range(2):
            assert refusals.refusal("a question", [0.0] * 768, [0.4], [0.02], 3.0, 0) is None
    assert len([r for r in caplog.records if "learned refusals off" in r.getMessage()]) == 1


def test_a_named_weights_file_is_read_for_the_refusal_and_the_overrules(tmp_path):
    path = _model_file(tmp_path, bias=5.0)
    refusals = LearnedRefusals.for_config(replace(DEFAULT_CONFIG, learned_refusal_weights=str(path)))
    assert refusals.refusing.path == path and refusals.weights.path == path
