"""Question sets: the JSONL files `ltp eval` and the benchmarks read, and their splits.

A line is {"id", "question", "facts": [...], "history": [...], "answerable": bool, "split": "tune"|"holdout"|...}
(no split means tune; "unseen" marks a probe written blind after the dev set, such as bench/unseen_probe_5.jsonl).
Settings are chosen on the tune split only; the held-out splits are reported, never tuned on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.settings import PROJECT_ROOT
from indexer.errors import BadInput

DEV_SET = PROJECT_ROOT / "bench" / "dev_questions.jsonl"
UNSEEN_PROBES = tuple(PROJECT_ROOT / "bench" / f"unseen_probe_{batch}.jsonl" for batch in (5, 6, 10, 12, 19))
"""Question files written blind after the dev set's last tuning round (split "unseen", one batch each): scored by
`make bench`, never tuned on (docs/history/question-sets.md, "Unseen probe 5" and after)."""
BLIND_TUNING_BATCHES = (7, 9, *range(11, 19), *range(20, 160))
"""The batches of bench/blind_probe_NN.jsonl (split "probe"): each was written blind, scored once as a fresh pool to
decide a round's switches, and is tuning data since (docs/history/round-25.md, "Round 25's pool: results" and the
rounds before). Batches 8, 10 and 19 are held-out probes, not listed here."""
SPLITS = ("holdout", "unseen", "probe-sealed", "tune", "probe")
"""In report order: held out first. "probe"/"probe-sealed" are a probe file's tuned and sealed halves
(bench/refusal_probe_8.jsonl)."""
HELD_OUT = ("holdout", "unseen", "probe-sealed")
"""Splits nobody tunes on: their misses are never listed."""


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    facts: tuple[str, ...] = ()
    history: tuple = ()
    answerable: bool = True
    doc: str | None = None
    split: str = "tune"
    kind: str = ""
    batch: int | None = None
    """The batch a question was written in (none for the first three; see docs/history/question-sets.md)."""


def load_questions(path: Path | str) -> list[Question]:
    """Every question of a JSONL file; BadInput naming the line that is not a question."""
    questions: list[Question] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            questions.append(
                Question(
                    id=str(item.get("id", number)),
                    question=item["question"],
                    facts=tuple(item.get("facts", ())),
                    history=tuple(item.get("history", ())),
                    answerable=item.get("answerable", True),
                    doc=item.get("doc"),
                    split=_split(item.get("split")),
                    kind=item.get("kind", ""),
                    batch=item.get("batch"),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise BadInput(f"{path}:{number}: not a question line ({exc})") from exc
    return questions


def blind_probe(batch: int) -> Path:
    return PROJECT_ROOT / "bench" / f"blind_probe_{batch}.jsonl"


def tuning_batches(batches: tuple[int, ...] = BLIND_TUNING_BATCHES) -> list[tuple[str, list[Question]]]:
    """(name, questions) of every set a threshold may be chosen on: the dev set's tune split ("dev", and its batch 4
    as "dev-4") and each blind tuning probe ("bNN"), for leave-sets-out cross-validation. No held-out split is read."""
    tune = select_split(load_questions(DEV_SET), "tune")
    named = [("dev", [q for q in tune if q.batch is None]), ("dev-4", [q for q in tune if q.batch == 4])]
    return named + [(f"b{n}", select_split(load_questions(blind_probe(n)), "probe")) for n in batches]


def tuning_questions() -> list[Question]:
    """Every question of `tuning_batches`, in one list: for tools that count over all of them."""
    return [q for _, questions in tuning_batches() for q in questions]


def _split(value: object) -> str:
    split = "tune" if value is None else value
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, not {value!r}")
    return split


def select_split(questions: list[Question], split: str) -> list[Question]:
    """The questions of one split, or all for "all"."""
    return questions if split == "all" else [q for q in questions if q.split == split]
