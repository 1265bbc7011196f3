"""Fit and judge the learned refusal signal (assistant/refusal_model.py) by leave-sets-out cross-validation.

    PYTHONPATH=. OMP_NUM_THREADS=1 .venv/bin/python -m bench.train_refusal_model [--refit] [--pairs] [--write]

Reads the tuning batches only: the tune split of bench/dev_questions.jsonl (two batches: the first questions and
batch 4) and the blind probes 7, 9, 11-18, 20, 21. One retrieval pass per question (about 7 min on this machine,
kept in var/refusal_features.pkl; --refit reads them again) records what the classifier reads and what the refusal
rules decide (bench.abstention.refusal_rule: safety, the scope rules, the similarity floor). Then, for each held-out
batch (and with --pairs each pair of batches), a classifier fitted on the other batches picks its threshold inside its own
training batches (their questions scored by classifiers fitted without their batch, so the threshold is not set on
scores of questions it was fitted to) so that it adds refusals of at most `--in-scope-budget` of their answerable
questions, and is scored on the held-out batch: how many more out-of-scope and how many more answerable questions
rules OR classifier refuse than the rules alone. --write fits on every batch and writes assistant/refusal_model.json
(the shipped file: `--write` with the defaults, C 0.2 and a 0.005 budget; docs/benchmarks.md "A learned refusal
signal (refuse16)").
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from sklearn.linear_model import LogisticRegression

from assistant import refusal_model
from assistant.config import DEFAULT_CONFIG
from assistant.evaluate import DEV_SET, Question, load_questions, select_split
from assistant.refusal_model import RefusalModel, feature_vector, scalar_features
from assistant.scope import unknown_names
from assistant.settings import PROJECT_ROOT

PROBES = (7, 9, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21)
CACHE = PROJECT_ROOT / "var" / "refusal_features.pkl"


@dataclass(frozen=True)
class Row:
    """One tuning question as the classifier and the rules see it."""

    id: str
    batch: str
    answerable: bool
    kind: str
    rules: bool
    """The refusal rules refuse it (or signpost it: safety)."""
    early: bool
    """Answered before retrieval (safety signposting, the outline): the classifier never sees it."""
    features: np.ndarray | None


def tuning_batches() -> list[tuple[str, list[Question]]]:
    """(batch name, questions) of every tuning batch; no held-out split is read."""
    tune = select_split(load_questions(DEV_SET), "tune")
    batches = [("dev", [q for q in tune if q.batch is None]), ("dev-4", [q for q in tune if q.batch == 4])]
    for n in PROBES:
        batches.append((f"b{n}", select_split(load_questions(PROJECT_ROOT / "bench" / f"blind_probe_{n}.jsonl"),
                                              "probe")))
    return batches


def collect() -> list[Row]:
    """One retrieval pass over every tuning question: the classifier's features and the rules' decision."""
    from assistant.engine import Assistant
    from assistant.settings import Settings
    from bench.abstention import refusal_rule, retrieve_all

    assistant = Assistant(Settings.from_env())
    snapshot = assistant.snapshot()
    rows = []
    for name, questions in tuning_batches():
        for item in retrieve_all(assistant, questions):
            q = item.question
            rules = refusal_rule(item, assistant, DEFAULT_CONFIG) is not None
            if item.early:
                rows.append(Row(q.id, name, q.answerable, q.kind, rules, True, None))
                continue
            hits = snapshot.retriever.search_question(item.query, k=5)  # cached vectors: no second embedding
            lexical = snapshot.retriever.lexical.search(item.query, 1)
            scalars = scalar_features(item.text, [h.similarity for h in hits], [h.rerank_score for h in hits],
                                      lexical[0][1] if lexical else 0.0,
                                      len(unknown_names(item.text, snapshot.vocabulary)))
            rows.append(Row(q.id, name, q.answerable, q.kind, rules, False,
                            feature_vector(assistant.embeddings.embed_query(item.query), scalars)))
        print(f"{name}: {len(questions)} questions", flush=True)
    return rows


def fit(rows: Sequence[Row], c: float) -> RefusalModel:
    """A logistic regression on standardised features: out of scope = 1."""
    x = np.stack([r.features for r in rows])
    y = np.array([not r.answerable for r in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit((x - mean) / scale, y)
    return RefusalModel(mean, scale, clf.coef_[0], float(clf.intercept_[0]), 0.5)


def scores(model: RefusalModel, rows: Sequence[Row]) -> np.ndarray:
    return np.array([model.probability(r.features) for r in rows])


def threshold(rows: Sequence[Row], c: float, budget: float) -> float:
    """The lowest threshold at which the classifier, fitted batch by batch without each batch, adds refusals of at
    most `budget` of these rows' answerable questions the rules let through."""
    seen = [r for r in rows if not r.early]
    out_of_fold = np.zeros(len(seen))
    for batch in sorted({r.batch for r in seen}):
        held = [i for i, r in enumerate(seen) if r.batch == batch]
        model = fit([r for r in seen if r.batch != batch], c)
        out_of_fold[held] = scores(model, [seen[i] for i in held])
    answerable = sum(r.answerable for r in rows)
    passed = np.array([s for s, r in zip(out_of_fold, seen, strict=True) if r.answerable and not r.rules])
    allowed = int(budget * answerable)
    ordered = np.sort(passed)[::-1]
    return float(min(0.999, ordered[allowed] + 1e-9)) if allowed < len(ordered) else 0.5


@dataclass
class Tally:
    kinds: Counter = field(default_factory=Counter)
    """(answerable, kind) of each question the classifier adds a refusal of."""
    out: int = 0
    ins: int = 0
    out_rules: int = 0
    ins_rules: int = 0
    out_added: int = 0
    ins_added: int = 0

    def add(self, other: Tally) -> None:
        self.kinds.update(other.kinds)
        for name in vars(self):
            if name != "kinds":
                setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self, name: str, extra: str = "") -> str:
        return (f"| {name} | {self.out} | {self.out_rules} ({self.out_rules / max(self.out, 1):.3f}) | +{self.out_added} "
                f"({(self.out_rules + self.out_added) / max(self.out, 1):.3f}) | {self.ins} | {self.ins_rules} "
                f"({self.ins_rules / max(self.ins, 1):.3f}) | +{self.ins_added} "
                f"({(self.ins_rules + self.ins_added) / max(self.ins, 1):.3f}) |{extra}")


def held_out(train: Sequence[Row], test: Sequence[Row], c: float, budget: float) -> tuple[Tally, float]:
    """Fit on `train`, choose the threshold there, score `test`: what rules OR classifier add to the rules alone."""
    limit = threshold(train, c, budget)
    model = fit([r for r in train if not r.early], c)
    tally = Tally()
    for row in test:
        fired = not row.early and not row.rules and model.probability(row.features) >= limit
        if fired:
            tally.kinds[("answerable" if row.answerable else "out of scope", row.kind or "-")] += 1
        if row.answerable:
            tally.ins += 1
            tally.ins_rules += row.rules
            tally.ins_added += fired
        else:
            tally.out += 1
            tally.out_rules += row.rules
            tally.out_added += fired
    return tally, limit


HEADER = ("| held out | out of scope | rules refuse | classifier adds (rules OR it) | answerable | rules refuse | "
          "classifier adds (rules OR it) | threshold |\n|---|---|---|---|---|---|---|---|")


def cross_validate(rows: list[Row], c: float, budget: float, pairs: bool) -> None:
    batches = sorted({r.batch for r in rows}, key=lambda b: (len(b), b))
    folds = list(combinations(batches, 2)) if pairs else [(b,) for b in batches]
    print(f"\nC={c}, in-scope budget {budget}, {'pairs of batches' if pairs else 'one batch'} held out\n{HEADER}")
    pooled = Tally()
    for held in folds:
        test = [r for r in rows if r.batch in held]
        tally, limit = held_out([r for r in rows if r.batch not in held], test, c, budget)
        pooled.add(tally)
        if not pairs:
            print(tally.line(" + ".join(held), f" {limit:.3f} |"), flush=True)
    print(pooled.line("pooled" + (" (each question counted in every pair holding it)" if pairs else ""), " |"))
    print("added refusals by kind: " + ", ".join(f"{a} {k} x{n}" for (a, k), n in sorted(pooled.kinds.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refit", action="store_true", help="retrieve every question again (var/ cache ignored)")
    parser.add_argument("--c", type=float, action="append",
                        help="inverse regularisation strength (default 0.2; 0.01 to 1 scored alike)")
    parser.add_argument("--in-scope-budget", type=float, default=0.005,
                        help="share of answerable questions the classifier may add refusals of (default 0.005)")
    parser.add_argument("--pairs", action="store_true", help="also hold out every pair of batches")
    parser.add_argument("--write", action="store_true", help="fit on every batch and write the shipped weights")
    args = parser.parse_args()
    if args.refit or not CACHE.exists():
        CACHE.write_bytes(pickle.dumps([vars(row) for row in collect()]))  # plain dicts: readable from any module
    rows = [Row(**row) for row in pickle.loads(CACHE.read_bytes())]
    print(f"{len(rows)} tuning questions, {sum(not r.answerable for r in rows)} to refuse, "
          f"{sum(r.early for r in rows)} answered before retrieval")
    for c in args.c or [0.2]:
        cross_validate(rows, c, args.in_scope_budget, pairs=False)
        if args.pairs:
            cross_validate(rows, c, args.in_scope_budget, pairs=True)
    if args.write:
        c = (args.c or [0.2])[0]
        model = fit([r for r in rows if not r.early], c)
        limit = threshold(rows, c, args.in_scope_budget)
        shipped = RefusalModel(model.mean, model.scale, model.weights, model.bias, limit)
        about = {"fitted_by": f"python -m bench.train_refusal_model --write --c {c} --in-scope-budget {args.in_scope_budget}",
                 "c": c,
                 "in_scope_budget": args.in_scope_budget, "batches": sorted({r.batch for r in rows}),
                 "questions": sum(not r.early for r in rows)}
        refusal_model.SHIPPED.write_text(shipped.to_json(about) + "\n", encoding="utf-8")
        print(f"wrote {refusal_model.SHIPPED} (threshold {limit:.3f})")
        print(json.dumps(about))


if __name__ == "__main__":
    main()
