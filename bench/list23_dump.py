"""Dump, per answerable list or two-part tune or blind tuning probe question, what `QuestionRoute._answer` returned
(the Answer and the top 10 passages searched, as pickles) with the question's parts and route, and for the programme
finder's answers the extractive answer the passages would have given: so a rule applied to the finished answer
(list23) can be replayed offline on exactly the pipeline's objects (docs/history/round-23.md, "List and two-part
answers, round 23 (list23)").

    PYTHONPATH=. python -m bench.list23_dump --out /tmp/dump.pkl [--set list23=true] [--shard 0/2] [--ids FILE]

Held-out splits (holdout, unseen) are dropped before anything is read. To see the route without hooks in the pipeline,
this script (only it, in its own process) wraps one method for the run; it calls the original.
"""

from __future__ import annotations

import argparse
import pickle
import sys

import assistant.question_route as route_module
from assistant.answer import extractive_answer
from assistant.carried_on import asks_broadly, asks_for_several, carried_on
from assistant.config import DEFAULT_CONFIG
from assistant.follow_ups import follow_up_words
from assistant.glossary import expand_acronyms
from assistant.programmes import is_programme_question
from assistant.question_sets import tuning_questions
from assistant.subquestions import split_question
from assistant.summary import is_broad
from bench.lists20_dump import add_dump_arguments, this_shard

KINDS = ("list", "two-part")


def passages_answer(route, text: str, query: str, hits: list):
    """The extractive answer (with lists20's and broad21's carrying on) the route gives when the finder does not."""
    config = route.config
    asked = follow_up_words(expand_acronyms(text), query)
    parts = split_question(asked or query)
    answer = extractive_answer(text, query, hits, route.snapshot.documents, route.embeddings, parts=parts,
                               config=config, reranker=route.reranker, asked=asked)
    broad = is_broad(text)
    broadly = config.broad21 and (broad or asks_broadly(text) or asks_broadly(asked or query))
    if config.lists20 and (broadly or asks_for_several(asked or query, len(parts), broad)):
        answer = carried_on(answer, config.lists20_longest, named=broadly)
    return answer


def main() -> None:
    from assistant.engine import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser()
    add_dump_arguments(parser)
    parser.add_argument("--finder", action="store_true",
                        help="instead: the other questions (any kind, answerable or not) the finder may answer")
    parser.add_argument("--any-kind", action="store_true", help="with --ids: those questions, of any kind")
    args = parser.parse_args()
    config = DEFAULT_CONFIG.with_values(args.set)
    calls: list = []
    route_class = route_module.QuestionRoute
    original = route_class._answer

    def answer(self, text, query, k, doc_id):
        routed = original(self, text, query, k, doc_id)
        asked = follow_up_words(expand_acronyms(text), query)
        row = {"text": text, "query": query, "asked": asked, "parts": split_question(asked or query),
               "answer": routed.answer, "hits": routed.hits[:10], "grounded": routed.grounded}
        if not routed.grounded and not routed.answer.abstained and routed.hits:
            row["route"] = "finder"
            row["passages_answer"] = passages_answer(self, text, query, routed.hits)
        else:
            row["route"] = "refused" if routed.answer.abstained else "passages"
        calls.append(row)
        return routed

    route_class._answer = answer
    assistant = Assistant(Settings.from_env(), config)
    questions = [q for q in tuning_questions() if q.answerable and q.kind in KINDS] if not args.finder else \
        [q for q in tuning_questions() if is_programme_question(q.question) and not (q.answerable and q.kind in KINDS)]
    if args.any_kind:
        questions = list(tuning_questions())
    questions = this_shard(questions, args)
    with args.out.open("wb") as out:
        for number, q in enumerate(questions):
            calls.clear()
            final = assistant.ask(q.question, list(q.history))
            chosen = next((c for c in calls if c["answer"] is final), None)
            row = {"id": q.id, "batch": q.batch, "split": q.split, "kind": q.kind, "question": q.question,
                   "answerable": q.answerable,
                   "history": list(q.history), "facts": list(q.facts), "final": final, "call": chosen}
            pickle.dump(row, out)
            out.flush()
            if number % 50 == 0:
                print(number, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
