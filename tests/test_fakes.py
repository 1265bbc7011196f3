"""The fake embedder unit tests use (tests/fakes.py) behaves like an embedding model where they rely on it: unit
vectors, nearer for texts that share words, and the same in every process whatever Python's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from fakes import DIMENSIONS, HashedEmbeddings, hashed_vector

QUESTION = "when are the final system plans due?"
ANSWERING = "Final versions of the system plans follow in November 2019."
UNRELATED = "Urgent community response teams reach people in crisis within two hours."


def test_vectors_are_unit_length_and_a_question_is_nearest_the_passage_that_shares_its_words():
    fake = HashedEmbeddings()
    question, answering, unrelated = (np.array(v) for v in fake.embed_documents([QUESTION, ANSWERING, UNRELATED]))
    assert question.shape == (DIMENSIONS,)
    assert np.allclose([np.linalg.norm(v) for v in (question, answering, unrelated)], 1.0, atol=1e-6)
    assert question @ answering > 0.3 > question @ unrelated


def test_another_process_with_another_hash_seed_gives_the_same_vector():
    code = f"from fakes import hashed_vector; print(hashed_vector({QUESTION!r}).tobytes().hex())"
    env = {**os.environ, "PYTHONHASHSEED": "7", "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path])}
    there = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert bytes.fromhex(there.strip()) == hashed_vector(QUESTION).tobytes()
