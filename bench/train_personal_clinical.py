"""Fit and judge the learned signal for personal clinical questions (assistant/personal_clinical.py) by leave-sets-out
cross-validation.

    PYTHONPATH=. OMP_NUM_THREADS=1 .venv/bin/python -m bench.train_personal_clinical [--refit] [--c C]
        [--policy-weight W] [--rule ratio:X|budget:X] [--summary] [--write]

Reads the tuning batches only: the tune split of bench/dev_questions.jsonl (two batches: the first questions and batch
4) and the blind probes 7, 9, 11-18 and 20-41. One pass per question (kept in var/personal_clinical_features.pkl;
--refit reads them again) records the classifier's input (the vector of the question as searched for, its wording
features), whether the rules answer it before the classifier is asked (the own-care signposting, the outline), and,
for the personal clinical ones (kind "clinical"), whether the defaults refuse it (an `ask`). Positives: kind
"clinical"; negatives: everything else, clinical-policy questions weighted `--policy-weight`.

For each held-out batch (and 40 and 41 above all), a classifier fitted on the other batches picks its threshold by
`--rule` over its own training batches, scored by classifiers fitted without them (five groups), so the threshold is
not set on scores of questions it was fitted to; it is then scored on the held-out batch: personal clinical questions
newly signposted (and of those, how many the defaults answered: the rise in refusals the lead's rule counts), and
answerable questions it fires on (an upper bound on the newly refused: a few of them the defaults refuse already).
--write fits on every batch and writes assistant/personal_clinical.json with the threshold the rule picks there.
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from assistant import personal_clinical
from assistant.personal_clinical import ClinicalModel, feature_row
from assistant.question_sets import tuning_batches
from assistant.settings import PROJECT_ROOT

PROBES = (7, 9, *range(11, 19), *range(20, 42))
CACHE = PROJECT_ROOT / "var" / "personal_clinical_features.pkl"
C = 0.05
POLICY_WEIGHT = 3.0
GROUPS = 5
SEED = 19
JOINT = ("b40", "b41")
"""The focused batches, also held out together (the fresh pool's writers are new to the classifier too)."""


@dataclass(frozen=True)
class Row:
    """One tuning question as the classifier and the rules see it."""

    id: str
    batch: str
    answerable: bool
    kind: str
    early: bool
    """Answered before the classifier is asked (crisis or own-care signposting, the outline)."""
    refused: bool
    """The defaults refuse it (asked only of the personal clinical questions; False for the others)."""
    features: np.ndarray

    @property
    def positive(self) -> bool:
        return self.kind == "clinical"


@dataclass(frozen=True)
class Rule:
    kind: str
    value: float

    def __str__(self) -> str:
        return f"{self.kind}:{self.value:g}"


def parse_rule(text: str) -> Rule:
    kind, _, value = text.partition(":")
    if kind not in ("ratio", "caught", "budget"):
        raise argparse.ArgumentTypeError("a rule is ratio:X, caught:X or budget:X")
    return Rule(kind, float(value))


RULE = Rule("ratio", 0.05)


def collect() -> list[Row]:
    """One pass over every tuning question: the classifier's input, what the rules do first, the defaults' refusal."""
    from assistant import safety_own_care
    from assistant.config import DEFAULT_CONFIG
    from assistant.conversation import clean_question, parse_history
    from assistant.engine import Assistant
    from assistant.outline_answers import outline_answer
    from assistant.settings import Settings

    assistant = Assistant(Settings.from_env()).with_config(DEFAULT_CONFIG)
    snapshot = assistant.snapshot()
    rows = []
    for name, questions in tuning_batches(PROBES):
        for q in questions:
            text = clean_question(q.question)
            early = safety_own_care.signposting_answer(text, DEFAULT_CONFIG) is not None or \
                outline_answer(text, snapshot.sections, snapshot.passages, snapshot.documents, None) is not None
            query = assistant._query(text, parse_history(list(q.history)))
            refused = q.kind == "clinical" and assistant.ask(q.question, list(q.history)).abstained
            rows.append(Row(q.id, name, q.answerable, q.kind, early, refused,
                            feature_row(assistant.embeddings.embed_query(query), text)))
        print(f"{name}: {len(questions)} questions", flush=True)
    return rows


def fit(rows: Sequence[Row], c: float, policy_weight: float) -> ClinicalModel:
    """A logistic regression on standardised features: personal clinical = 1, classes balanced, clinical-policy
    questions (the same topics, asked of the plans) weighted `policy_weight`."""
    x = np.stack([r.features for r in rows])
    y = np.array([r.positive for r in rows])
    weights = np.array([policy_weight if r.kind == "clinical-policy" else 1.0 for r in rows])
    weights[y] *= weights[~y].sum() / max(y.sum(), 1)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-6] = 1.0  # three MiniLM dimensions are constant to 1e-8: weighed as they are
    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    model.fit((x - mean) / scale, y, sample_weight=weights)
    return ClinicalModel(mean, scale, model.coef_[0].copy(), float(model.intercept_[0]), 0.5)


def scores(model: ClinicalModel, rows: Sequence[Row]) -> np.ndarray:
    return np.array([model.probability(r.features) for r in rows])


@dataclass
class Tally:
    """What a threshold does on some rows, against the defaults."""

    caught: int = 0
    """Personal clinical questions the rules did not signpost and the classifier does."""
    rise: int = 0
    """... of which the defaults answered (not refused): the rise in refusals."""
    answerable: int = 0
    """Answerable questions it fires on (newly refused, at most)."""
    other: int = 0
    """Other out-of-scope questions it fires on (refused either way; signposted instead)."""
    clinical: int = 0
    open_clinical: int = 0
    """Personal clinical questions not signposted before the classifier, and of those the defaults answer."""

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self, name: str) -> str:
        return (f"{name:>10} | clinical {self.caught:>3} of {self.clinical:>3} newly signposted, refusals +{self.rise:>3}"
                f" of {self.open_clinical:>3} answered | answerable {self.answerable:>2} | other out of scope "
                f"{self.other:>2}")


def tally(rows: Sequence[Row], p: np.ndarray, threshold: float) -> Tally:
    t = Tally()
    for r, score in zip(rows, p, strict=True):
        if r.early:
            continue
        fires = score >= threshold
        if r.positive:
            t.clinical += 1
            t.open_clinical += not r.refused
            t.caught += fires
            t.rise += fires and not r.refused
        elif r.answerable:
            t.answerable += fires
        else:
            t.other += fires
    return t


def choose(rows: Sequence[Row], p: np.ndarray, rule: Rule) -> float:
    """The lowest threshold (halfway between two scores) whose answerable firings stay within `rule` on these
    (out-of-fold) scores: ratio:X at most X per rise in refusals, caught:X at most X per personal clinical question
    newly signposted (refused by the defaults or not), budget:X at most X of the answerable questions."""
    open_rows = np.array([not r.early for r in rows])
    rise = np.array([r.positive and (rule.kind == "caught" or not r.refused) for r in rows]) & open_rows
    answerable = np.array([r.answerable for r in rows]) & open_rows
    candidates = sorted({float(s) for s in p[open_rows] if s >= 0.2}, reverse=True) + [0.2]
    best = 0.999
    for score, below in zip(candidates, candidates[1:], strict=False):
        fires = p >= score
        wrong, gained = int((fires & answerable).sum()), int((fires & rise).sum())
        if wrong <= (rule.value * answerable.sum() if rule.kind == "budget" else rule.value * gained):
            best = (score + below) / 2  # halfway to the next score: firing on this one, not the next
    return best


def out_of_fold(rows: Sequence[Row], c: float, policy_weight: float) -> np.ndarray:
    """Each row scored by a classifier fitted without its group of batches (`GROUPS`, batches dealt in turn)."""
    batches = sorted({r.batch for r in rows})
    group = {b: i % GROUPS for i, b in enumerate(batches)}
    p = np.zeros(len(rows))
    for g in range(GROUPS):
        inside = [i for i, r in enumerate(rows) if group[r.batch] == g]
        if not inside:
            continue
        model = fit([r for r in rows if group[r.batch] != g], c, policy_weight)
        p[inside] = scores(model, [rows[i] for i in inside])
    return p


def cross_validate(rows: list[Row], c: float, policy_weight: float, rule: Rule, quiet: bool) -> Tally:
    """Hold out each batch in turn: fit on the rest, choose the threshold on the rest's out-of-fold scores, score it."""
    pooled = Tally()
    if not quiet:
        print(f"\nC {c}, clinical-policy weight {policy_weight}, rule {rule}: each batch held out")
    folds = [(b,) for b in sorted({r.batch for r in rows}, key=_order)]
    for batches in folds + [JOINT]:
        batch = "+".join(batches)
        held = [r for r in rows if r.batch in batches]
        rest = [r for r in rows if r.batch not in batches]
        threshold = choose(rest, out_of_fold(rest, c, policy_weight), rule)
        t = tally(held, scores(fit(rest, c, policy_weight), held), threshold)
        if batches != JOINT:
            pooled.add(t)
        if not quiet and (t.caught or t.answerable or t.other or batches == JOINT or batch in JOINT):
            print(t.line(batch) + f" | threshold {threshold:.3f}", flush=True)
    print(pooled.line("pooled") + f"  (C {c}, weight {policy_weight}, {rule})", flush=True)
    if quiet:
        print(t.line("+".join(JOINT)), flush=True)
    return pooled


def _order(batch: str) -> tuple[int, str]:
    return (int(batch[1:]) if batch[1:].isdigit() else -1, batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refit", action="store_true", help="read every question again (var/ cache ignored)")
    parser.add_argument("--c", type=float, action="append", help=f"inverse regularisation strength (default {C})")
    parser.add_argument("--policy-weight", type=float, action="append",
                        help=f"weight of clinical-policy negatives (default {POLICY_WEIGHT})")
    parser.add_argument("--rule", type=parse_rule, action="append", help=f"threshold rule (default {RULE})")
    parser.add_argument("--summary", action="store_true", help="one pooled line per setting, no tables")
    parser.add_argument("--write", action="store_true", help="fit on every batch and write the shipped weights")
    parser.add_argument("--without", default="", help="with --write: leave out these batches (b40,b41) and write the "
                                                       "weights to --out instead (for pool_score's clinical19m_weights)")
    parser.add_argument("--out", default="", help="where --without writes its weights")
    args = parser.parse_args()
    if args.refit or not CACHE.exists():
        CACHE.write_bytes(pickle.dumps([vars(row) for row in collect()]))
    rows = [Row(**row) for row in pickle.loads(CACHE.read_bytes())]
    print(f"{len(rows)} tuning questions in {len({r.batch for r in rows})} batches, {sum(r.positive for r in rows)} "
          f"personal clinical, {sum(r.early for r in rows)} answered before the classifier")
    for c in args.c or [C]:
        for weight in args.policy_weight or [POLICY_WEIGHT]:
            for rule in args.rule or [RULE]:
                cross_validate(rows, c, weight, rule, args.summary)
    if args.write:
        c, weight, rule = (args.c or [C])[0], (args.policy_weight or [POLICY_WEIGHT])[0], (args.rule or [RULE])[0]
        left_out = set(filter(None, args.without.split(",")))
        rows = [r for r in rows if r.batch not in left_out]
        threshold = choose(rows, out_of_fold(rows, c, weight), rule)
        model = fit(rows, c, weight)
        shipped = ClinicalModel(model.mean, model.scale, model.weights, model.bias, threshold)
        about = {"fitted_by": f"python -m bench.train_personal_clinical --write --c {c} --policy-weight {weight} "
                              f"--rule {rule}",
                 "batches": sorted({r.batch for r in rows}, key=_order), "questions": len(rows),
                 "positives": sum(r.positive for r in rows)}
        out = Path(args.out) if left_out else personal_clinical.SHIPPED
        out.write_text(shipped.to_json(about) + "\n", encoding="utf-8")
        print(f"wrote {out} (threshold {threshold:.3f})")
        print(tally(rows, scores(shipped, rows), threshold).line("in-sample"))
        print(json.dumps(about))


if __name__ == "__main__":
    main()
