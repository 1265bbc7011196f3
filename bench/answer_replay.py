"""Record once, replay cheaply: each tuning question's extractive-answer inputs (the question, its query, the hits,
its parts) and every cross-encoder score the ask read, so an answer-stage switch can be scored on ~2,300 questions
in minutes instead of an hour of retrieval and cross-encoding per arm. Answers made elsewhere (summaries,
refusals, programmes) are kept as recorded; a switch of the answer stages cannot change them.

    PYTHONPATH=. OMP_NUM_THREADS=1 python -m bench.answer_replay record --out /tmp/replay.0.pkl --part 0/2
    PYTHONPATH=. OMP_NUM_THREADS=1 python -m bench.answer_replay record --out /tmp/replay.1.pkl --part 1/2  # in parallel
    PYTHONPATH=. OMP_NUM_THREADS=1 python -m bench.answer_replay score '/tmp/replay.?.pkl' --summary \
        --config "lead25:lead25=True"

Only the tune split and the blind tuning probes' split "probe" are read (holdout and unseen never).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

from assistant.evaluate import load_questions
from assistant.question_sets import BLIND_TUNING_BATCHES, blind_probe
from assistant.settings import PROJECT_ROOT


def tuning_questions(batches=BLIND_TUNING_BATCHES, tune: bool = True):
    """(set name, question) for tune (unless `tune` is False) and each tuning probe, answerable questions only."""
    out = [("tune", q) for q in load_questions(PROJECT_ROOT / "bench" / "dev_questions.jsonl")
           if tune and q.split == "tune" and q.answerable]
    for batch in batches:
        out += [(f"p{batch}", q) for q in load_questions(blind_probe(batch))
                if q.split == "probe" and q.answerable]
    return out


class CachedScores:
    """Wraps a re-ranker's `score` to remember every (query, text) score it returns."""

    def __init__(self, reranker):
        self.reranker = reranker
        self.inner_score = reranker.score
        self.cache: dict[tuple[str, str], float] = {}
        reranker.score = self.score

    def score(self, query, texts):
        missing = [t for t in texts if (query, t) not in self.cache]
        if missing:
            self.cache.update(zip(((query, t) for t in missing), self.inner_score(query, missing), strict=True))
        return [self.cache[(query, t)] for t in texts]


def record(out: Path, limit: int | None, part: str = "0/1", batches: tuple[int, ...] | None = None) -> None:
    import assistant.question_route as route
    from assistant.config import DEFAULT_CONFIG
    from assistant.engine import Assistant
    from assistant.settings import Settings

    assistant = Assistant(Settings.from_env(), DEFAULT_CONFIG)
    assistant.snapshot()
    cached = CachedScores(assistant.reranker)
    original = route.extractive_answer
    seen: dict = {}

    def recording(text, query, hits, documents, embeddings, parts=(), config=DEFAULT_CONFIG, reranker=None,
                  asked=None):
        seen["inputs"] = (text, query, hits, tuple(parts), asked)
        return original(text, query, hits, documents, embeddings, parts=parts, config=config, reranker=reranker,
                        asked=asked)

    route.extractive_answer = recording
    rows = []
    index, count = (int(n) for n in part.split("/"))
    chosen = tuning_questions() if batches is None else tuning_questions(batches, tune=False)
    questions = chosen[:limit][index::count]
    for number, (set_name, q) in enumerate(questions, start=1):
        seen.clear()
        answer = assistant.ask(q.question, list(q.history))
        rows.append({"set": set_name, "question": q, "answer": answer.answer, "abstained": answer.abstained,
                     "inputs": seen.get("inputs")})
        if number % 50 == 0:
            print(number, len(questions), flush=True, file=sys.stderr)
    out.write_bytes(pickle.dumps({"rows": rows, "scores": cached.cache}))


class ReplayReranker:
    """The recorded scores; a pair never recorded (a switch reading new sentences) is scored by the model."""

    def __init__(self, scores, real):
        self.scores = scores
        self.real = real

    def room(self, wanted):
        return wanted

    def score(self, query, texts):
        missing = [t for t in texts if (query, t) not in self.scores]
        if missing:
            self.scores.update(zip(((query, t) for t in missing), self.real.score(query, missing), strict=True))
        return [self.scores[(query, t)] for t in texts]

    def __getattr__(self, name):
        return getattr(self.real, name)


def recorded(path: Path) -> dict:
    """The rows and scores of every file `path` (a glob: the parts of one recording) names."""
    data: dict = {"rows": [], "scores": {}}
    for part in sorted(path.parent.glob(path.name)):
        loaded = pickle.loads(part.read_bytes())
        data["rows"] += loaded["rows"]
        data["scores"].update(loaded["scores"])
    return data


def recorded_rows(path: Path) -> list[dict]:
    return recorded(path)["rows"]


def replayed(path: Path, config):
    """Each recorded row with its answer made again under `config` (None: as recorded)."""
    from assistant.answer import extractive_answer
    from assistant.engine import Assistant
    from assistant.settings import Settings

    data = recorded(path)
    assistant = Assistant(Settings.from_env(), config)
    snapshot = assistant.snapshot()
    reranker = ReplayReranker(data["scores"], assistant.reranker)
    for row in data["rows"]:
        if row["inputs"] is None or config is None:
            yield row, row["answer"], row["abstained"]
            continue
        text, query, hits, parts, asked = row["inputs"]
        answer = extractive_answer(text, query, hits, snapshot.documents, assistant.embeddings, parts=parts,
                                   config=config, reranker=reranker, asked=asked)
        yield row, answer.answer, answer.abstained


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    rec = commands.add_parser("record")
    rec.add_argument("--out", type=Path, required=True)
    rec.add_argument("--limit", type=int)
    rec.add_argument("--part", default="0/1", help="i/n: every n-th question from the i-th")
    rec.add_argument("--batches", help="only these tuning probes, e.g. 34-41 (a recording's later batches)")
    score = commands.add_parser("score")
    score.add_argument("path", type=Path)
    score.add_argument("--config", action="append", default=[])
    score.add_argument("--out", type=Path)
    score.add_argument("--summary", action="store_true", help="also score summary_points_first on the recorded answers")
    args = parser.parse_args()
    if args.command == "record":
        low, _, high = (args.batches or "").partition("-")
        batches = tuple(range(int(low), int(high or low) + 1)) if args.batches else None
        record(args.out, args.limit, args.part, batches)
        return
    from bench.fact_first_compare import compare, cross_validated, summary_arm
    results = compare(args.path, args.config, args.out) if args.config else {}
    if len(results) > 1:
        print("leave-one-set-out", json.dumps(cross_validated(results)))
    if args.summary:
        for set_name, line in summary_arm(args.path).items():
            print("summary_points_first", set_name, json.dumps(line))


if __name__ == "__main__":
    main()
