"""Folded follow-ups' answers replayed under several answer-stage settings in one pass (docs/history/round-23.md,
"Follow-up sentence choice, round 23 (followup23)"):

    .venv/bin/python -m bench.followup23_replay OUT.json [--base field=value,...] [--arm name:field=value,...]...
        [--part 0/2]

Each tuning question with a history (assistant.question_sets.tuning_batches: no held-out split is read) is asked once
with the `--base` settings; where the answer stage reads a folded follow-up (its own words beside the folded query),
the same passages are answered again under each arm's settings over the base. followup23 changes nothing before the
answer stage (the search, the refusal rules), so a replay is the arm's answer; the cross-encoder's cache makes it
cheap. Per question and arm: the answer, whether it holds every fact, and whether its first sentence does; for the
base also the earlier answer in the history and the top-5 sentences holding a fact.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import assistant.question_route as route
from assistant.answer_style import first_sentence
from assistant.carried_on import asks_broadly, asks_for_several, carried_on
from assistant.config import DEFAULT_CONFIG
from assistant.conversation import parse_history
from assistant.engine import Assistant
from assistant.evaluate import contains_facts
from assistant.follow_up_choice import earlier_answer
from assistant.question_sets import tuning_batches
from assistant.settings import Settings
from assistant.subquestions import split_question
from assistant.summary import is_broad
from assistant.wording import normalise
from indexer.passage import sentences


def flags(text: str, abstained: bool, facts) -> dict:
    has = not abstained and bool(facts) and contains_facts(text, tuple(facts))
    return {"answer": text, "abstained": abstained, "has": has,
            "first": has and any(normalise(f) in normalise(first_sentence(text)) for f in facts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--base", default="")
    parser.add_argument("--arm", action="append", default=[])
    parser.add_argument("--part", default="0/1")
    parser.add_argument("--sets", default="", help="only these tuning sets, comma-separated (b98,b99)")
    args = parser.parse_args()
    base = DEFAULT_CONFIG.with_values([c for c in args.base.split(",") if c])
    arms = {spec.partition(":")[0]: base.with_values([c for c in spec.partition(":")[2].split(",") if c])
            for spec in args.arm}
    assistant = Assistant(Settings.from_env()).with_config(base)
    original = route.extractive_answer
    seen: dict = {}

    def replayed(text, query, hits, documents, embeddings, parts=(), config=base, reranker=None, asked=None,
                 earlier=None):
        answer = original(text, query, hits, documents, embeddings, parts=parts, config=config, reranker=reranker,
                          asked=asked, earlier=earlier)
        if asked:
            seen["hits"] = hits
            for name, arm in arms.items():
                other = original(text, query, hits, documents, embeddings, parts=parts, config=arm, reranker=reranker,
                                 asked=asked, earlier=seen["earlier"] if arm.followup23 else None)
                if arm.lists20 and (arm.broad21 and (is_broad(text) or asks_broadly(text) or asks_broadly(asked))
                                    or asks_for_several(asked, len(split_question(asked)), is_broad(text))):
                    other = carried_on(other, arm.lists20_longest, named=arm.broad21 and (
                        is_broad(text) or asks_broadly(text) or asks_broadly(asked)))
                seen.setdefault("arms", {})[name] = other
        return answer

    route.extractive_answer = replayed
    part, parts = (int(x) for x in args.part.split("/"))
    out = {}
    only = {name for name in args.sets.split(",") if name}
    questions = [(f"{name}/{q.id}", q) for name, qs in tuning_batches() for q in qs
                 if q.history and (not only or name in only)]
    for n, (key, q) in enumerate(questions):
        if n % parts != part:
            continue
        seen.clear()
        seen["earlier"] = earlier_answer(parse_history(list(q.history)))
        answer = assistant.ask(q.question, list(q.history))
        facts = tuple(q.facts or ())
        row = {"question": q.question, "answerable": q.answerable, "kind": q.kind, "facts": list(facts),
               "earlier": seen["earlier"], "folded": "hits" in seen, "base": flags(answer.answer, answer.abstained, facts)}
        if "hits" in seen:
            row["fact_sentences"] = [[rank, s] for rank, h in enumerate(seen["hits"][:5]) for s in sentences(h.passage.text)
                                     if any(normalise(f) in normalise(s) for f in facts)]
            row["arms"] = {name: flags(a.answer, a.abstained, facts) for name, a in seen.get("arms", {}).items()}
        out[key] = row
        if len(out) % 20 == 0:  # partial results are usable while a long run goes on
            args.out.write_text(json.dumps(out))
    args.out.write_text(json.dumps(out))


if __name__ == "__main__":
    main()
