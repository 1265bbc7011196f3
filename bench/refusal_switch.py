"""What a refusal switch changes, question by question: every tuning question refused (rules OR the learned signal,
as `Assistant.ask` decides) with the switch off and with it on, per file and in total, and each question whose
refusal changed with the rule that decided it:

    PYTHONPATH=. .venv/bin/python -m bench.refusal_switch inscope17 bench/blind_probe_30.jsonl ... [--split probe]

One retrieval per question with the switch off; with it on, a question is searched for again only when its search
query changes (a follow-up read differently). Held-out splits print nothing but their counts.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from assistant import safety
from assistant.config import DEFAULT_CONFIG
from assistant.conversation import clean_question, parse_history
from assistant.engine import Assistant
from assistant.evaluate import HELD_OUT, SPLITS, Question, load_questions, select_split
from assistant.outline_answers import outline_answer
from assistant.refusal_model import question_row
from assistant.scope import best_rerank
from assistant.settings import Settings
from bench.abstention import Retrieved, refusal_rule, short_rule


def decided(assistant: Assistant, q: Question, query: str | None = None) -> tuple[Retrieved, float | None]:
    """What the refusal rules read for `q` under `assistant`'s config, and the learned signal's probability."""
    snapshot = assistant.snapshot()
    text = clean_question(q.question)
    if safety.signposting_answer(text) is not None:
        return Retrieved(q, text, early="safety"), None
    if outline_answer(text, snapshot.sections, snapshot.passages, snapshot.documents, None):
        return Retrieved(q, text, early="outline"), None
    query = query or assistant._query(text, parse_history(list(q.history)))
    hits = snapshot.retriever.search_question(query, k=5)
    item = Retrieved(q, text, None, query, tuple(h.passage.search_text for h in hits),
                     max(h.similarity for h in hits), best_rerank(hits))
    model = assistant.learned_refusals.model() if assistant.config.learned_refusals else None
    fits = model is not None and assistant.learned_refusals.fits(snapshot)
    return item, model.probability(question_row(text, query, hits, snapshot, assistant.embeddings)) if fits else None


def refusal(assistant: Assistant, item: Retrieved, probability: float | None) -> str | None:
    """The rule that refuses `item` ("learned" for the classifier), or None when it is answered."""
    rule = refusal_rule(item, assistant, assistant.config)
    if rule:
        return short_rule(rule)
    model = assistant.learned_refusals.model()
    return "learned" if probability is not None and model is not None and probability >= model.threshold else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("switch", help="a boolean PipelineConfig field, compared off (default) and on")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--data", type=Path, help="an indexed data dir (default: the settings' data dir)")
    parser.add_argument("--split", choices=SPLITS, default="probe", help="which split of each file (default probe)")
    args = parser.parse_args()
    settings = Settings.from_env()
    if args.data:
        settings = settings.with_data_dir(args.data)
    off = Assistant(settings, replace(DEFAULT_CONFIG, **{args.switch: False}))
    on = off.with_config(replace(off.config, **{args.switch: True}))
    total = [0, 0, 0, 0, 0, 0]
    for path in args.files:
        counts = compare(off, on, select_split(load_questions(path), args.split), args.split not in HELD_OUT)
        total = [t + c for t, c in zip(total, counts, strict=True)]
        print(f"{path.name}: " + line(counts), flush=True)
    print("all: " + line(total))


def compare(off: Assistant, on: Assistant, questions: list[Question], show: bool) -> list[int]:
    """[answerable, refused off, refused on, out of scope, refused off, refused on]; prints changed questions."""
    counts = [0, 0, 0, 0, 0, 0]
    for q in questions:
        item, probability = decided(off, q)
        before = refusal(off, item, probability)
        query = None if item.early else on._query(item.text, parse_history(list(q.history)))
        if query is not None and query != item.query:
            item, probability = decided(on, q, query)
        after = refusal(on, item, probability)
        at = 0 if q.answerable else 3
        counts[at] += 1
        counts[at + 1] += before is not None
        counts[at + 2] += after is not None
        if show and (before is None) != (after is None):
            kind = "answerable" if q.answerable else "out of scope"
            print(f"  {kind} {'no longer refused' if before else 'newly refused'}: {q.id} [{q.kind}] "
                  f"{q.question!r}: {before or after}")
    return counts


def line(counts: list[int]) -> str:
    return (f"answerable refused {counts[1]} -> {counts[2]} of {counts[0]}; "
            f"out of scope refused {counts[4]} -> {counts[5]} of {counts[3]}")


if __name__ == "__main__":
    main()
