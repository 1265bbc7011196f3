"""Issue 23: the same index and settings give the same answers, whatever Python's hash seed. Every ordering in
indexing, retrieval, re-ranking and answering must break ties explicitly, never by set or dict iteration order.

An `ltp ask --json --batch` process with another PYTHONHASHSEED and this process answer the whole dev question
set (both splits) over one index with the real model; the bundled corpus is parsed under two seeds; the test
corpus is indexed twice (with the fake embedder: which passages are stored, in which order, does not depend on it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

import pytest

from assistant.evaluate import DEV_SET
from assistant.settings import PROJECT_ROOT

PARSE_CORPUS = """
import json
from assistant.settings import Settings
from indexer.documents import load_source
from indexer.sources import collect_sources
settings = Settings.from_env()
sources = collect_sources(settings.corpus_dir, settings.data_dir, settings.sources)
print(json.dumps([[p.id, p.text, list(p.section_path), p.para, p.page]
                  for s in sources for p in load_source(s, settings.corpus_dir).passages]))
"""


class Child:
    """A Python process on the checkout with another hash seed, its output going to files rather than pipes. A pipe
    holds 64 KB and the dev set's answers are about 900 KB: the child would block on a write within its first 40
    answers until this process had answered all 550 and read them, so the two halves would run one after the other
    instead of side by side. Use it in a `with`: a child still running when the test fails is killed."""

    def __init__(self, args: list[str], seed: int, env: dict | None = None, stdin: str | None = None):
        environment = {**os.environ, **(env or {}), "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(PROJECT_ROOT),
                       "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"}
        self.stdout = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.stderr = tempfile.TemporaryFile("w+", encoding="utf-8")
        # The input from a file as well (the dev set is over 64 KB too).
        with tempfile.TemporaryFile("w+", encoding="utf-8") as questions:
            questions.write(stdin or "")
            questions.seek(0)
            self.process = subprocess.Popen([sys.executable, *args], cwd=PROJECT_ROOT, env=environment, text=True,
                                            stdin=questions, stdout=self.stdout, stderr=self.stderr)

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.stdout.close()  # an open file is a ResourceWarning, an error under pytest
        self.stderr.close()

    def output(self, timeout: float = 300) -> str:
        """What the child printed, once it has exited 0."""
        code = self.process.wait(timeout)
        self.stdout.seek(0)
        self.stderr.seek(0)
        assert code == 0, self.stderr.read()[-2000:]
        return self.stdout.read()


@pytest.mark.slow
def test_the_dev_set_gets_identical_answers_and_citations_under_two_hash_seeds(indexed):
    """`ltp ask --json --batch` in a process with another hash seed answers while this process answers in-process
    (side by side, one per core), over the session's index."""
    lines = DEV_SET.read_text(encoding="utf-8")
    questions = [json.loads(line) for line in lines.splitlines() if line.strip()]
    env = {"LTP_DATA_DIR": str(indexed.settings.data_dir), "LTP_CORPUS_DIR": str(indexed.settings.corpus_dir)}
    seed = 2 if os.environ.get("PYTHONHASHSEED") == "1" else 1
    with Child(["-c", "from assistant.cli import main; main()", "ask", "--json", "--batch", "-"], seed, env,
               lines) as other:
        here = [json.loads(json.dumps(indexed.ask(q["question"], q.get("history"), id=q["id"]).to_dict()))
                for q in questions]
        there = [json.loads(line) for line in other.output().splitlines()]
    assert [a["id"] for a in there] == [q["id"] for q in questions]
    assert {a["abstained"] for a in here} == {True, False}, "the set should exercise answers and refusals"
    for one, other_answer in zip(here, there, strict=True):
        assert (one["answer"], one["abstained"], one["citations"]) == (
            other_answer["answer"], other_answer["abstained"], other_answer["citations"]), one["id"]


def test_the_bundled_corpus_gives_the_same_passages_in_the_same_order_under_two_hash_seeds(tmp_path):
    env = {"LTP_DATA_DIR": str(tmp_path), "LTP_CORPUS_DIR": str(PROJECT_ROOT / "corpus")}
    with Child(["-c", PARSE_CORPUS], 3, env) as one, Child(["-c", PARSE_CORPUS], 4, env) as two:
        first, second = json.loads(one.output()), json.loads(two.output())
    assert len(first) > 300
    assert first == second


def test_indexing_twice_stores_the_same_passages_in_the_same_order(fresh_fake_assistant, tmp_path):
    from conftest import make_assistant

    again = make_assistant(fresh_fake_assistant.settings.corpus_dir, tmp_path / "again", fresh_fake_assistant.embeddings,
                           fresh_fake_assistant.reranker)
    stored = []
    for assistant in (fresh_fake_assistant, again):
        assistant.index(progress=False)
        passages = assistant.store.all_passages(assistant.store.current_name())
        stored.append([(p.id, p.text, p.section_path, p.para, p.page) for p in passages])
    assert len(stored[0]) > 3
    assert stored[0] == stored[1]
