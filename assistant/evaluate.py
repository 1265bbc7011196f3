"""`ltp eval`: retrieval and answer quality on a question set (assistant/question_sets.py), with latency.
Out-of-scope questions (answerable: false) measure abstention.

Retrieval, over the passages `Assistant.retrieve` returns (the ones the answer reads), best first:
- hit@k: ONE of the top k passages holds every fact of the question. Strict: a list or two-part question whose
  facts sit in two passages never hits, however good the retrieval.
- facts_covered@5: the top 5 passages TOGETHER hold every fact (each fact in at least one of them). This is what
  an answer built from several passages needs; it is never lower than hit@5.
Answers:
- answer_contains_fact: the answer's text holds every fact.
- shown_holds_facts: what the chat shows without a click holds every fact: the answer's text plus, when the chat
  shows its first source open (an ordinary answer: assistant/answer_display.py), that source's passage; the
  answer's text alone otherwise. Reported beside answer_contains_fact, never instead of it.
- citation_correct: one of the answer's citations holds every fact; citations_cover_facts: its citations together
  do (the answer cites where each of its facts came from).

Settings are chosen on the tune split only; the held-out splits (holdout, unseen) are reported first, and their
misses are never listed, so nobody tunes on them by accident.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.answer_display import opens_first_source
from assistant.answer_style import LIST_KINDS, first_sentence, repeated_figures
from assistant.question_sets import (  # noqa: F401 (re-exported: the CLI, bench/ and tests import them from here)
    DEV_SET,
    HELD_OUT,
    SPLITS,
    UNSEEN_PROBES,
    Question,
    load_questions,
    select_split,
)
from assistant.wording import normalise

CITATION_MARK = re.compile(r"\[(\d+)\]")


@dataclass
class QuestionResult:
    question: Question
    rank: int | None
    """1-based rank of the first retrieved passage holding every fact; None when none does."""
    answer_has_facts: bool
    citation_has_facts: bool
    abstained: bool
    seconds: float
    answer: str = ""
    marks_valid: bool = True
    """Every [n] of the answer names one of its citations."""
    covered_at: int | None = None
    """How many of the top retrieved passages it takes to hold every fact between them; None when all do not."""
    citations_cover_facts: bool = False
    """The answer's citations between them hold every fact."""
    shown_has_facts: bool = False
    """The answer's text and the passages shown open under it (in the chat) hold every fact between them."""


@dataclass
class EvalReport:
    results: list[QuestionResult] = field(default_factory=list)

    def split(self, name: str) -> EvalReport:
        return EvalReport([r for r in self.results if r.question.split == name])

    def splits(self) -> dict[str, EvalReport]:
        """The non-empty splits, holdout first."""
        return {name: part for name in SPLITS if (part := self.split(name)).results}

    def metrics(self) -> dict:
        answerable = [r for r in self.results if r.question.answerable]
        out_of_scope = [r for r in self.results if not r.question.answerable]
        abstained = [r for r in self.results if r.abstained]
        times = sorted(r.seconds for r in self.results)

        def rate(items, test):
            return round(sum(1 for r in items if test(r)) / len(items), 3) if items else None

        return {
            "questions": len(self.results),
            "hit@1": rate(answerable, lambda r: r.rank == 1),
            "hit@5": rate(answerable, lambda r: r.rank is not None and r.rank <= 5),
            "facts_covered@5": rate(answerable, lambda r: r.covered_at is not None and r.covered_at <= 5),
            "mrr": round(sum(1 / r.rank for r in answerable if r.rank) / len(answerable), 3) if answerable else None,
            "answer_contains_fact": rate(answerable, lambda r: r.answer_has_facts),
            "shown_holds_facts": rate(answerable, lambda r: r.shown_has_facts),
            "citation_correct": rate([r for r in answerable if not r.abstained], lambda r: r.citation_has_facts),
            "citations_cover_facts": rate([r for r in answerable if not r.abstained],
                                          lambda r: r.citations_cover_facts),
            "citation_marks_valid": rate(self.results, lambda r: r.marks_valid),
            "abstention_precision": rate(abstained, lambda r: not r.question.answerable),
            "abstention_recall": rate(out_of_scope, lambda r: r.abstained),
            "in_scope_refused": rate(answerable, lambda r: r.abstained),
            **style_metrics(self.results),
            "latency_p50_ms": round(1000 * statistics.median(times), 1) if times else None,
            "latency_p95_ms": round(1000 * percentile(times, 0.95), 1) if times else None,
        }

    def misses(self) -> list[dict]:
        """Questions answered wrongly, tune split only (held-out misses stay unread)."""
        return [
            {"id": r.question.id, "question": r.question.question, "rank": r.rank, "answer": r.answer}
            for r in self.results
            if r.question.split not in HELD_OUT and (
                (r.question.answerable and (not r.answer_has_facts or r.rank is None))
                or r.abstained != (not r.question.answerable))
        ]

    def to_dict(self) -> dict:
        return {
            "metrics": self.metrics(),
            "splits": {name: part.metrics() for name, part in self.splits().items()},
            "misses": self.misses(),
        }

    def describe(self) -> str:
        splits = self.splits()
        names = list(splits)
        lines = [f"{'':>22}  " + "  ".join(f"{n:>9}" for n in names)]
        for metric in self.metrics():
            values = [splits[n].metrics()[metric] for n in names]
            lines.append(f"{metric:>22}: " + "  ".join(f"{str(v):>9}" for v in values))
        misses = self.misses()
        if misses:
            lines.append(f"\n{len(misses)} tune question(s) missed (held-out misses are not listed):")
            lines += [f"  {m['id']}: {m['question']} (fact rank {m['rank']})" for m in misses]
        return "\n".join(lines)


def contains_facts(text: str, facts: tuple[str, ...]) -> bool:
    body = normalise(text)
    return all(normalise(f) in body for f in facts)


@dataclass(frozen=True)
class SystemAnswer:
    text: str
    abstained: bool
    cited_texts: tuple[str, ...]
    citation_numbers: tuple[int, ...] | None = None
    """The n of each citation, when the system numbers them; checked against the answer's [n] marks."""
    shown_open: tuple[str, ...] = ()
    """The cited passages the chat shows open under the answer, without a click (none for the baselines)."""


class AssistantSystem:
    """The assistant as `evaluate` sees it; the benchmark's baseline offers the same two methods."""

    name = "ltp-assistant"

    def __init__(self, assistant):
        self.assistant = assistant
        assistant.snapshot()

    def answer(self, question: str, history: list) -> SystemAnswer:
        answer = self.assistant.ask(question, history)
        return SystemAnswer(answer.answer, answer.abstained, tuple(c.text for c in answer.citations),
                            tuple(c.n for c in answer.citations),
                            (answer.citations[0].text,) if opens_first_source(answer) else ())

    def ranked_texts(self, question: str, history: list, depth: int) -> list[str]:
        return [h.passage.search_text for h in self.assistant.retrieve(question, history, k=depth)]


def evaluate(system, questions: list[Question], depth: int = 10) -> EvalReport:
    """Score `system` (anything with `answer` and `ranked_texts`) on `questions`."""
    report = EvalReport()
    for q in questions:
        started = time.perf_counter()
        answer = system.answer(q.question, list(q.history))
        seconds = time.perf_counter() - started
        ranked = system.ranked_texts(q.question, list(q.history), depth) if q.answerable else []
        report.results.append(
            QuestionResult(
                question=q,
                rank=_fact_rank(ranked, q.facts) if q.answerable else None,
                answer_has_facts=not answer.abstained and contains_facts(answer.text, q.facts),
                citation_has_facts=any(contains_facts(t, q.facts) for t in answer.cited_texts),
                abstained=answer.abstained,
                seconds=seconds,
                answer=answer.text,
                marks_valid=marks_valid(answer),
                covered_at=_covered_at(ranked, q.facts) if q.answerable else None,
                citations_cover_facts=covers_facts(answer.cited_texts, q.facts),
                shown_has_facts=not answer.abstained and covers_facts((answer.text, *answer.shown_open), q.facts),
            )
        )
    return report


def marks_valid(answer: SystemAnswer) -> bool:
    """Every [n] in the text names a citation (always true for a system that does not number citations)."""
    if answer.citation_numbers is None:
        return True
    return all(int(n) in answer.citation_numbers for n in CITATION_MARK.findall(answer.text))


def _fact_rank(texts: list[str], facts: tuple[str, ...]) -> int | None:
    for rank, text in enumerate(texts, start=1):
        if contains_facts(text, facts):
            return rank
    return None


def covers_facts(texts: Sequence[str], facts: tuple[str, ...]) -> bool:
    """Every fact is in at least one of `texts` (a fact split across two texts does not count)."""
    bodies = [normalise(t) for t in texts]
    return all(any(normalise(f) in body for body in bodies) for f in facts)


def _covered_at(texts: list[str], facts: tuple[str, ...]) -> int | None:
    """The fewest top texts that hold every fact between them."""
    for depth in range(1, len(texts) + 1):
        if covers_facts(texts[:depth], facts):
            return depth
    return None


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile of `values` (0.0 for none); shared with the benchmarks."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))] if ordered else 0.0


def style_metrics(results: list) -> dict:
    """How the answered answerable questions read (assistant/answer_style.py measures each answer)."""
    answered = [r for r in results if r.question.answerable and not r.abstained]
    with_fact = [r for r in answered if r.answer_has_facts and r.question.facts]
    one_fact = [len(r.answer) for r in answered if r.question.kind not in LIST_KINDS]

    def share(items, test):
        return round(sum(1 for r in items if test(r)) / len(items), 3) if items else None

    return {
        "fact_in_first_sentence": share(
            with_fact, lambda r: any(contains_facts(first_sentence(r.answer), (f,)) for f in r.question.facts)),
        "answers_repeating_a_figure": share(answered, lambda r: bool(repeated_figures(r.answer))),
        "one_fact_answer_chars_p50": round(statistics.median(one_fact)) if one_fact else None,
        "one_fact_answer_chars_p90": round(percentile(one_fact, 0.9)) if one_fact else None,
    }

