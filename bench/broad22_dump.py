"""Dump, per answerable list, broad or two-part tuning question, what `bench/lists20_dump.py` records plus the
passages a broad question's summary chose its bullets from (its interleaved search): to tell, for an item in a top-5
passage nothing cites, whether the summary saw that passage at all (docs/history/round-22.md, "Broad and list
answers, round 22 (broad22)").

    PYTHONPATH=. python -m bench.broad22_dump --out /tmp/dump.jsonl [--set broad22=true] [--shard 0/2] [--ids FILE]

Held-out splits (holdout, unseen) are dropped before anything is read; only this script's process wraps the
summary stage (each wrapper calls the original).
"""

from __future__ import annotations

import argparse
from dataclasses import replace

import assistant.question_route as route_module
import assistant.summary as summary_module
import assistant.summary_uncited as summary_uncited
from assistant.answer_style import LIST_KINDS
from assistant.config import DEFAULT_CONFIG
from assistant.question_sets import tuning_questions
from assistant.summary import is_broad
from bench.contains19_dump import dump
from bench.lists20_dump import add_dump_arguments, recording_answer, this_shard


def main() -> None:
    from assistant.engine import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser()
    add_dump_arguments(parser)
    parser.add_argument("--record", action="store_true",
                        help="answer with the defaults, recording what broad22 would add under any of its settings")
    parser.add_argument("--broad", action="store_true",
                        help="every answerable question the summary stage may answer (worded broadly), of any kind")
    args = parser.parse_args()
    config = DEFAULT_CONFIG.with_values(args.set)
    capture: dict = {}
    route_class = route_module.QuestionRoute
    original_answer, original_summary = route_class._answer, route_module.summary_answer

    answer = recording_answer(original_answer, capture)

    def summary(question, query, hits, *rest, **kw):
        result = original_summary(question, query, hits, *rest, **kw)
        capture["summary"] = result is not None
        capture["summary_hits"] = [h.passage.text for h in hits]
        return result

    def widened(points, own, focus, embeddings, documents, leading, config):
        # The answer stays the default's; what broad22 would add is recorded for each headline weight, with every
        # uncited top-5 passage's rank and cross-encoder score, so that its settings can be replayed offline.
        def extras(weight):
            wide = replace(config, broad22_top=5, broad22_rerank=-1.0, broad22_max_bullets=99, broad22_headline=weight,
                           broad22_needs_fact=False)
            return [(e.rank, e.hit.rerank_score, e.sentence, e.hit.passage.text) for e in summary_uncited.uncited_extras(
                points, own or [], focus, embeddings, summary_module._stands_alone, summary_module._shown, wide)]

        capture["points"] = len(points)
        capture["extras"] = {str(weight): extras(weight) for weight in (0.0, 0.5, 1.0)}
        return points

    route_class._answer = answer
    if args.record:
        config = replace(config, broad22=True)
        summary_module._widened = widened
    route_module.summary_answer = summary
    assistant = Assistant(Settings.from_env(), config)
    questions = this_shard([q for q in tuning_questions() if q.answerable and (
        is_broad(q.question) if args.broad else (q.kind in LIST_KINDS) != args.one_fact)], args)
    dump(assistant, questions, args.out, capture, every=50)


if __name__ == "__main__":
    main()
