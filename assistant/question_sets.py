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
`make bench`, never tuned on (docs/benchmarks.md, "Unseen probe 5" and after)."""
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
    """The batch a question was written in (none for the first three; see docs/benchmarks.md)."""


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


def _split(value: object) -> str:
    split = "tune" if value is None else value
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, not {value!r}")
    return split


def select_split(questions: list[Question], split: str) -> list[Question]:
    """The questions of one split, or all for "all"."""
    return questions if split == "all" else [q for q in questions if q.split == split]
