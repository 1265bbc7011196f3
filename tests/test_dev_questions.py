"""The dev question set (bench/dev_questions.jsonl) is sound: a score on it means what docs/benchmarks.md says.

Every answerable question's facts are found, as `ltp eval` matches them, in the bundled digest (a fact may sit in
another document than the question's: a framework question answered from the plan's own words), so a miss is the
system's and never a typo in the file; ids are unique; out-of-scope questions carry no facts;
and the recorded split is the one bench/split_questions.py's rule gives. No model is loaded."""

from __future__ import annotations

import json
from collections import Counter
from functools import cache

import pytest

from assistant.evaluate import DEV_SET, UNSEEN_PROBES, load_questions, normalise
from assistant.question_sets import BLIND_TUNING_BATCHES, blind_probe, tuning_batches
from assistant.settings import PROJECT_ROOT
from bench.split_questions import PRE_EXISTING, assign
from indexer.documents import load_source
from indexer.manifest import load_manifest

CORPUS = PROJECT_ROOT / "corpus"
LINES = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def passage_texts() -> tuple[str, ...]:
    """What retrieval and `ltp eval` see of each passage of the bundled digest, normalised as facts are."""
    return tuple(normalise(p.search_text) for source in load_manifest(CORPUS)
                 for p in load_source(source, CORPUS).passages)


def test_ids_are_unique_and_every_line_loads():
    repeated = [qid for qid, n in Counter(line["id"] for line in LINES).items() if n > 1]
    assert not repeated
    assert len(load_questions(DEV_SET)) == len(LINES)


@pytest.mark.parametrize("line", [q for q in LINES if q.get("answerable", True)], ids=lambda q: q["id"])
def test_every_fact_of_an_answerable_question_is_in_the_digest(line):
    assert line["doc"] in ("ltp", "framework", "csp") and line["facts"]
    missing = [fact for fact in line["facts"] if not any(normalise(fact) in text for text in passage_texts())]
    assert not missing, "not found verbatim in any passage of the bundled digest"


def test_out_of_scope_questions_have_no_facts_and_no_document():
    for line in LINES:
        if line.get("answerable", True) is False:
            assert not line.get("facts") and not line.get("doc"), line["id"]


def test_follow_ups_carry_the_conversation_they_follow():
    for line in LINES:
        if line["kind"] == "follow-up":
            roles = [turn["role"] for turn in line.get("history", ())]
            assert roles[:1] == ["user"] and "assistant" in roles, line["id"]


def test_the_recorded_split_is_the_rule_and_rerunning_it_changes_nothing():
    assert all(line["split"] in ("tune", "holdout") for line in LINES)
    assert all(line["split"] == "tune" for line in LINES if line["id"] in PRE_EXISTING)
    again = [dict(line) for line in LINES]
    assert assign(again) == 0 and again == LINES


def test_a_later_batch_split_among_itself_reproduces_from_the_seed():
    """Batch 4 was split by the script alone: dropping its splits and assigning again gives the same ones."""
    batch = [dict(line) for line in LINES if line.get("batch") == 4]
    assert len(batch) >= 150
    for line in batch:
        del line["split"]
    assert assign(batch) == len(batch)
    recorded = {line["id"]: line["split"] for line in LINES if line.get("batch") == 4}
    assert {line["id"]: line["split"] for line in batch} == recorded


PROBES = {path.name: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
          for path in UNSEEN_PROBES}
PROBE = [line for lines in PROBES.values() for line in lines]


@pytest.mark.parametrize("path", UNSEEN_PROBES, ids=lambda path: path.name)
def test_each_unseen_probe_is_held_out_and_apart_from_the_dev_set(path):
    """Written blind after the dev set (docs/history/question-sets.md, "Unseen probe 5" and after): its own ids, split "unseen"
    (never listed among misses), one batch, both answerable and out-of-scope questions, and every line loads as
    `ltp eval` reads it."""
    probe = PROBES[path.name]
    ids = [line["id"] for line in probe]
    others = {line["id"] for line in LINES} | {line["id"] for name, lines in PROBES.items() if name != path.name
                                                for line in lines}
    assert len(ids) == len(set(ids)) >= 100 and not set(ids) & others
    assert {line["split"] for line in probe} == {"unseen"}
    assert len({line["batch"] for line in probe}) == 1
    assert {line.get("answerable", True) for line in probe} == {True, False}
    assert len(load_questions(path)) == len(probe)


@pytest.mark.parametrize("line", [q for q in PROBE if q.get("answerable", True)], ids=lambda q: q["id"])
def test_every_fact_of_an_unseen_probe_question_is_in_the_digest(line):
    missing = [fact for fact in line["facts"] if not any(normalise(fact) in text for text in passage_texts())]
    assert line["facts"] and not missing, "not found verbatim in any passage of the bundled digest"


BLIND_TUNING = tuple(blind_probe(batch) for batch in BLIND_TUNING_BATCHES)
TUNING = {path.name: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
          for path in BLIND_TUNING}


@pytest.mark.parametrize("path", BLIND_TUNING, ids=lambda path: path.name)
def test_each_blind_tuning_probe_is_tunable_and_apart_from_every_other_question(path):
    """Written blind like the unseen probes but for tuning (docs/history/round-08-09.md, "Blind probe 7";
    docs/history/round-10-11.md, "Blind probe 9"): split "probe", so `ltp eval --split probe` lists its misses, and
    none of its ids is a dev, unseen or other probe's question."""
    lines = TUNING[path.name]
    ids = [line["id"] for line in lines]
    others = {line["id"] for line in LINES} | {line["id"] for line in PROBE} | {
        line["id"] for name, probe in TUNING.items() if name != path.name for line in probe}
    assert len(ids) == len(set(ids)) >= 100 and not set(ids) & others
    assert {line["split"] for line in lines} == {"probe"}
    assert [q.split for q in load_questions(path)] == ["probe"] * len(lines)


@pytest.mark.parametrize("line", [q for lines in TUNING.values() for q in lines if q.get("answerable", True)],
                         ids=lambda q: q["id"])
def test_every_fact_of_a_blind_tuning_question_is_in_the_digest(line):
    missing = [fact for fact in line["facts"] if not any(normalise(fact) in text for text in passage_texts())]
    assert line["facts"] and not missing, "not found verbatim in any passage of the bundled digest"


def test_tuning_batches_list_every_tuning_set_and_no_held_out_question():
    """`tuning_batches` feeds the training scripts' cross-validation: every set listed, none held out."""
    batches = dict(tuning_batches())
    assert list(batches) == ["dev", "dev-4", *(f"b{n}" for n in BLIND_TUNING_BATCHES)]
    assert all(batches.values()) and {q.split for qs in batches.values() for q in qs} == {"tune", "probe"}
    assert not set(BLIND_TUNING_BATCHES) & {8, 10, 19}  # the held-out probes' batch numbers
