"""Sweep the refusal thresholds on the tune split: the similarity floor and the combined weak-match rule (cosine
similarity AND cross-encoder score both low), beside the scope rules of assistant/scope.py.

    .venv/bin/python -m bench.abstention [--data DIR] [--questions bench/refusal_probe.jsonl]

Retrieves each tune question once (the expensive part), then decides every setting from those passages, so the
sweep takes as long as one pass. Prints the Markdown table of docs/history/quality.md ("Refusals"): out-of-scope questions
refused and in-scope questions refused for each setting, then, for the chosen setting, what each rule refused per
question kind. Without --data it indexes the bundled corpus in a temporary folder first.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from assistant import safety
from assistant.config import DEFAULT_CONFIG, PipelineConfig
from assistant.conversation import clean_question, parse_history
from assistant.engine import Assistant
from assistant.evaluate import DEV_SET, Question, load_questions, select_split
from assistant.outline_answers import outline_answer
from assistant.scope import best_rerank, unsupported
from assistant.scope_floor import names_every_word
from assistant.settings import Settings

FLOORS = (0.33, 0.35, 0.37, 0.40)
WEAK = ((0.0, 0.0), (0.45, 0.01), (0.45, 0.05), (0.50, 0.01), (0.50, 0.05), (0.55, 0.02))
"""(weak_similarity, weak_rerank) pairs; (0, 0) switches the combined rule off."""


@dataclass(frozen=True)
class Retrieved:
    """One tune question and what `Assistant.ask` would read for it; `early` names an answer given before retrieval."""

    question: Question
    text: str
    early: str | None = None
    query: str = ""
    passages: tuple[str, ...] = ()
    similarity: float = 0.0
    rerank: float | None = None


def retrieve_all(assistant: Assistant, questions: list[Question]) -> list[Retrieved]:
    """What the pipeline reads for each question, the way `Assistant._answer_events` gets it."""
    snapshot = assistant.snapshot()
    found = []
    for q in questions:
        text = clean_question(q.question)
        if safety.signposting_answer(text) is not None:
            found.append(Retrieved(q, text, early="safety"))
            continue
        if outline_answer(text, snapshot.sections, snapshot.passages, snapshot.documents, None):
            found.append(Retrieved(q, text, early="outline"))
            continue
        query = assistant._query(text, parse_history(list(q.history)))
        hits = snapshot.retriever.search_question(query, k=5)
        found.append(Retrieved(q, text, None, query, tuple(h.passage.search_text for h in hits),
                               max(h.similarity for h in hits), best_rerank(hits)))
    return found


def refusal_rule(item: Retrieved, assistant: Assistant, config: PipelineConfig) -> str | None:
    """Which rule refuses the question under `config` ("safety", "floor", a scope reason's start), or None."""
    if item.early:
        return "safety" if item.early == "safety" else None
    snapshot = assistant.snapshot()
    refusal = unsupported(item.text, list(item.passages), item.similarity, snapshot.vocabulary, snapshot.corpus_text,
                          config.name_gate_similarity, item.rerank, config, item.query)
    if refusal:
        return refusal.reason
    rescued = item.rerank is not None and item.rerank >= config.floor_rerank \
        or names_every_word(item.text, list(item.passages))  # as answer.extractive_answer
    return "floor" if item.similarity < config.abstain_similarity and not rescued else None


def rates(found: list[Retrieved], assistant: Assistant, config: PipelineConfig) -> tuple[float, float]:
    """(out-of-scope refused, in-scope refused) under `config`."""
    out = [f for f in found if not f.question.answerable]
    ins = [f for f in found if f.question.answerable]
    refused = {id(f) for f in found if refusal_rule(f, assistant, config)}
    return (sum(id(f) in refused for f in out) / len(out), sum(id(f) in refused for f in ins) / len(ins))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="an indexed data dir to read instead of indexing afresh")
    parser.add_argument("--questions", type=Path, default=DEV_SET,
                        help="a question file (its tune split is read), e.g. bench/refusal_probe.jsonl")
    args = parser.parse_args()
    questions = select_split(load_questions(args.questions), "tune")
    with tempfile.TemporaryDirectory(prefix="ltp-abstention-") as scratch:
        settings = Settings.from_env().with_data_dir(args.data or scratch)
        assistant = Assistant(settings)
        if not args.data:
            assistant.index(progress=False)
        found = retrieve_all(assistant, questions)
        print(f"{args.questions.name}, tune split: {sum(not f.question.answerable for f in found)} out-of-scope, "
              f"{sum(f.question.answerable for f in found)} in-scope questions.\n")
        print("| similarity floor | weak match (similarity, cross-encoder) | out-of-scope refused | in-scope refused |")
        print("|---|---|---|---|")
        for floor in FLOORS:
            for weak_similarity, weak_rerank in WEAK:
                config = replace(DEFAULT_CONFIG, abstain_similarity=floor, weak_similarity=weak_similarity,
                                 weak_rerank=weak_rerank)
                out, ins = rates(found, assistant, config)
                weak = f"< {weak_similarity} and < {weak_rerank}" if weak_similarity else "off"
                print(f"| {floor} | {weak} | {out:.3f} | {ins:.3f} |", flush=True)
        print("\nWith the default settings, what refused each question, by kind:")
        by_kind: Counter = Counter()
        for f in found:
            rule = refusal_rule(f, assistant, DEFAULT_CONFIG)
            by_kind[(f.question.answerable, f.question.kind or "-", short_rule(rule))] += 1
        for (answerable, kind, rule), n in sorted(by_kind.items()):
            print(f"  {'in-scope' if answerable else 'out-of-scope'} {kind}: {rule} x{n}")


def short_rule(rule: str | None) -> str:
    """The deciding rule's message without the sentence every refusal shares, for one-line listings."""
    if rule is None:
        return "answered"
    return rule.split("guidance on them, all about the NHS in England. ")[-1][:70]


if __name__ == "__main__":
    main()
