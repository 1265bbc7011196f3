"""Dump, per answerable tune or blind tuning probe question, the answer, its citations, the passages read and the
sentences the answer was chosen from (similarity and cross-encoder scores): to study answers whose passages hold the
facts while their text does not (docs/history/round-19.md, "Answers that hold their passages' facts, round 19 (contains19)").

    PYTHONPATH=. python -m bench.contains19_dump --out /tmp/dump.jsonl [--set contains19=true] [--shard 0/2]
        [--ids FILE] [--also contains19=true --only-asked]

`--also` answers each question a second time at the extractive stage with those settings (retrieval shared), recorded
as "also_answer" beside that stage's default ("extractive_answer"): one run pairs a switch against the defaults.
`--only-asked` keeps follow-ups and questions with a part asking for a figure, date or share (contains19 changes no
other answer).

Held-out splits (holdout, unseen) are dropped before anything is read. To see inside an answer without hooks in the
pipeline, this script (only it, in its own process) wraps two functions for the run; each calls the original.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import assistant.answer as answer_module
import assistant.question_route as route_module
from assistant.config import DEFAULT_CONFIG
from assistant.part_figures import wanted_kinds
from assistant.question_sets import tuning_questions
from assistant.subquestions import split_question


def main() -> None:
    from assistant.engine import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--set", action="append", default=[], help="field=value over the defaults")
    parser.add_argument("--shard", default="0/1")
    parser.add_argument("--also", action="append", default=[], help="field=value: a second extractive answer")
    parser.add_argument("--only-asked", action="store_true")
    parser.add_argument("--ids", type=Path, help="a file of question ids, one a line: only these are asked, in its order")
    args = parser.parse_args()
    part, parts = (int(x) for x in args.shard.split("/"))
    config = DEFAULT_CONFIG.with_values(args.set)
    also = config.with_values(args.also) if args.also else None
    capture: dict = {}
    original_ce, original_answer = answer_module._cross_encoded, route_module.extractive_answer

    def cross_encoded(query, candidates, scores, reranker, cfg):
        ranked = original_ce(query, candidates, scores, reranker, cfg)
        capture.setdefault("candidates", [list(c) for c in candidates])
        capture.setdefault("scores", [round(float(s), 4) for s in scores])
        capture.setdefault("ranked", [round(float(s), 4) for s in ranked])
        return ranked

    def extractive(text, query, hits, *a, **k):
        capture["passages"] = [h.passage.text for h in hits[: config.passages_read]]
        capture["rerank"] = [h.rerank_score for h in hits[: config.passages_read]]
        capture["retrieved"] = [h.passage.text for h in hits]  # every hit: a fact in the 5th passage, unread
        capture["parts"] = len(k.get("parts") or ())
        capture["query"] = query
        answer = original_answer(text, query, hits, *a, **k)
        capture["extractive_answer"] = answer.answer
        if also is not None:
            capture["also_answer"] = original_answer(text, query, hits, *a, **{**k, "config": also}).answer
        return answer

    answer_module._cross_encoded = cross_encoded
    route_module.extractive_answer = extractive
    assistant = Assistant(Settings.from_env(), config)
    questions = [q for q in tuning_questions() if q.answerable]
    if args.only_asked:
        questions = [q for q in questions if q.history or any(wanted_kinds(p) for p in split_question(q.question))]
    if args.ids:
        order = {qid: n for n, qid in enumerate(args.ids.read_text().split())}
        questions = sorted((q for q in questions if q.id in order), key=lambda q: order[q.id])
    questions = questions[part::parts]
    dump(assistant, questions, args.out, capture)


def dump(assistant, questions: list, path: Path, capture: dict, every: int = 100) -> None:
    """One JSON line per question: the question, its facts, the answer, what it cites and what `capture` (a dict the
    caller's instrumented stages fill per ask) holds; written as it goes, so a long run can be read part-way."""
    with path.open("w") as out:
        for number, q in enumerate(questions):
            capture.clear()
            answer = assistant.ask(q.question, list(q.history))
            row = {"id": q.id, "batch": q.batch, "split": q.split, "kind": q.kind, "question": q.question,
                   "history": list(q.history), "facts": list(q.facts), "answer": answer.answer,
                   "abstained": answer.abstained, "cited": [c.text for c in answer.citations], **capture}
            out.write(json.dumps(row) + "\n")
            out.flush()
            if number % every == 0:
                print(number, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
