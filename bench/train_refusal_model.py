"""Fit and judge the learned refusal signal (assistant/refusal_model.py) by leave-sets-out cross-validation.

    PYTHONPATH=. OMP_NUM_THREADS=1 .venv/bin/python -m bench.train_refusal_model [--refit] [--shipped] [--pairs]
        [--c C] [--rule cv:X|ratio:X|budget:X] [--groups N] [--paired] [--summary] [--write [--out FILE]]

Reads the tuning batches only (assistant.question_sets.tuning_batches: the tune split of bench/dev_questions.jsonl
as two batches, the first questions and batch 4, and every blind tuning probe). One retrieval pass per question
(kept in var/refusal_features.pkl, written batch by batch while it runs; --refit reads them again) records what the
classifier reads and what the refusal rules decide (bench.abstention.refusal_rule: safety, the scope rules, the
similarity floor). Then, for each held-out batch (and with --pairs each pair of batches), a classifier fitted on the
other batches picks its threshold by `--rule` inside its own training batches (their questions scored by
classifiers fitted without their batch, or with --groups N without their group of batches, so the threshold is not
set on scores of questions it was fitted to), and is scored on the held-out batch: how many more out-of-scope and
how many more answerable questions rules OR classifier refuse than the rules alone; --paired sets those held-out
decisions against the shipped weights' per question. --shipped scores the weights file as it is. --write fits on
every batch and writes --out (the shipped assistant/refusal_model.json is `--write` with C 0.05 and rule cv:0.2 on
22 batches, docs/history/round-16.md "A stricter operating point (refuse16b)"; round 22's refusal_model_22.json, read
with `refit22`, was removed in round 26: "The learned refusal signal refitted, round 22 (refit22)").
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from sklearn.linear_model import LogisticRegression

from assistant import refusal_model
from assistant.config import DEFAULT_CONFIG
from assistant.evaluate import Question
from assistant.question_sets import BLIND_TUNING_BATCHES, tuning_batches
from assistant.refusal_model import RefusalModel, question_row
from assistant.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from assistant.engine import Assistant

PROBES = BLIND_TUNING_BATCHES
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
    reason: str | None = None
    """Which rule refuses it (bench.abstention.refusal_rule), None when none does."""


def collect() -> list[Row]:
    """One retrieval pass over every tuning question: the classifier's features and the rules' decision, the
    cache written after each batch (a long pass on a shared machine can be read, or resumed, part way)."""
    from assistant.engine import Assistant
    from assistant.settings import Settings
    from bench.abstention import refusal_rule, retrieve_all

    assistant = Assistant(Settings.from_env())
    snapshot = assistant.snapshot()
    partial = CACHE.with_suffix(".partial.pkl")
    rows = [Row(**row) for row in pickle.loads(partial.read_bytes())] if partial.exists() else []
    done = {r.batch for r in rows}
    for name, questions in tuning_batches(PROBES):
        if name in done:
            continue
        for item in retrieve_all(assistant, questions):
            q = item.question
            signposts = item.early is None and signposted(assistant, q)  # refused whatever the classifier says
            reason = refusal_rule(item, assistant, DEFAULT_CONFIG) or ("signposted" if signposts else None)
            if item.early or signposts:
                rows.append(Row(q.id, name, q.answerable, q.kind, reason is not None, True, None, reason))
                continue
            hits = snapshot.retriever.search_question(item.query, k=5)  # cached vectors: no second embedding
            rows.append(Row(q.id, name, q.answerable, q.kind, reason is not None, False,
                            question_row(item.text, item.query, hits, snapshot, assistant.embeddings), reason))
        partial.write_bytes(pickle.dumps([vars(row) for row in rows]))
        print(f"{name}: {len(questions)} questions", flush=True)
    partial.unlink()
    return rows


def signposted(assistant: Assistant, q: Question) -> bool:
    """Does `Assistant.ask` signpost the question before the classifier could read it, by the defaults' own-care
    rules (refuse17) or the learned personal clinical signal (clinical19m)? bench.abstention's
    `early` knows only safety.py's patterns: a question those later signals signpost is refused by the defaults
    whatever the classifier says, so it is no refusal the classifier can add."""
    from assistant import safety_own_care
    from assistant.conversation import clean_question, parse_history

    text = clean_question(q.question)
    if safety_own_care.signposting_answer(text, DEFAULT_CONFIG) is not None:
        return True
    if not DEFAULT_CONFIG.clinical19m:
        return False
    query = assistant._query(text, parse_history(list(q.history)))
    return assistant.personal_clinical.signposting(text, assistant.embeddings.embed_query(query)) is not None


def mark_signposted(rows: list[Row]) -> list[Row]:
    """`rows` with each question the defaults signpost before the classifier marked `early` (a cache collected
    before `collect` did so)."""
    from assistant.engine import Assistant
    from assistant.settings import Settings

    assistant = Assistant(Settings.from_env())
    questions = {(name, q.id): q for name, batch in tuning_batches(PROBES) for q in batch}
    return [replace(r, early=True, rules=True, reason="signposted")
            if not r.early and signposted(assistant, questions[(r.batch, r.id)]) else r
            for r in rows]


def fit(rows: Sequence[Row], c: float) -> RefusalModel:
    """A logistic regression on standardised features: out of scope = 1."""
    x = np.stack([r.features for r in rows])
    y = np.array([not r.answerable for r in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit((x - mean) / scale, y)
    return RefusalModel(mean, scale, clf.coef_[0], float(clf.intercept_[0]), 0.5)


class Fits:
    """Classifiers fitted on the questions that reach the classifier, leaving out given batches; each is fitted once,
    since a held-out batch's inner folds (it and one training batch left out) are also another batch's."""

    def __init__(self, rows: Sequence[Row], c: float, groups: int = 0) -> None:
        self.seen = [r for r in rows if not r.early]
        self.c = c
        self.groups = groups
        """0: each training batch is scored by a classifier fitted without it (a fold's inner loop then needs fits
        without three batches: too many for 66 batches); else the training batches, in `order`, dealt into this
        many groups, each scored by a classifier fitted without its group, and the cv rule's inner loop reads those
        scores (no further fits)."""
        self._x = np.stack([r.features for r in self.seen])
        self._batch = np.array([r.batch for r in self.seen])
        self._models: dict[frozenset[str], RefusalModel] = {}
        self._oof: dict[frozenset[str], tuple[list[Row], np.ndarray]] = {}

    def without(self, batches: frozenset[str]) -> RefusalModel:
        if batches not in self._models:
            self._models[batches] = fit([r for r in self.seen if r.batch not in batches], self.c)
        return self._models[batches]

    def units(self, left_out: frozenset[str]) -> list[frozenset[str]]:
        """The sets of training batches (all but `left_out`) scored out of fold together: one batch each, or
        `groups` groups."""
        batches = order(set(self._batch) - left_out)
        if not self.groups:
            return [frozenset({b}) for b in batches]
        return [frozenset(batches[i::self.groups]) for i in range(min(self.groups, len(batches)))]

    def out_of_fold(self, left_out: frozenset[str]) -> tuple[list[Row], np.ndarray]:
        """The questions of every batch but `left_out` that reach the classifier, each scored by a classifier fitted
        without its own batch (nor `left_out`): scores the threshold can be chosen on honestly."""
        if left_out not in self._oof:
            rows = [r for r in self.seen if r.batch not in left_out]
            scores = np.zeros(len(self.seen))
            for unit in self.units(left_out):
                mask = np.isin(self._batch, list(unit))
                model = self.without(left_out | unit)
                z = ((self._x[mask] - model.mean) / model.scale) @ model.weights + model.bias
                scores[mask] = 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))
            keep = ~np.isin(self._batch, list(left_out))
            self._oof[left_out] = (rows, scores[keep])
        return self._oof[left_out]


def ratio_threshold(rows: Sequence[Row], scores: np.ndarray, ratio: float) -> float:
    """The lowest threshold (at least 0.5) at which the answerable questions the classifier adds to the rules'
    refusals are at most `ratio` times the out-of-scope ones; 0.999 when none is."""
    passed = sorted(((s, r.answerable) for s, r in zip(scores, rows, strict=True) if not r.rules),
                    key=lambda p: -p[0])
    best, ins, out = 0.999, 0, 0
    for s, answerable in passed:
        if s < 0.5:
            break
        ins, out = ins + answerable, out + (not answerable)
        if ins <= ratio * out:
            best = float(s)
    return best


RATIOS = (0.05, 0.075, 0.1, 0.125, 0.15, 0.175, 0.2)
"""The ratio targets a "cv" rule tries inside its training batches."""


@dataclass(frozen=True)
class Rule:
    """How a training fold chooses its threshold from its batches' out-of-fold scores. "cv" x: the ratio target (of
    `RATIOS`) that, cross-validated batch by batch inside the training batches, adds the most out-of-scope refusals
    with answerable ones at most x of them, then that target's threshold on all of them. "ratio" x: the lowest
    threshold at which the answerable questions added are at most x times the out-of-scope ones added. "budget" x:
    the lowest adding answerable questions of at most x of all answerable questions (refuse16's rule)."""

    kind: str
    value: float

    def __str__(self) -> str:
        return f"{self.kind} {self.value:g}"

    def threshold(self, fits: Fits, left_out: frozenset[str]) -> tuple[float, str]:
        """The threshold for a classifier fitted without `left_out`, chosen on the other batches alone, and how."""
        rows, scores = fits.out_of_fold(left_out)
        if self.kind == "budget":
            wrong = np.sort([s for s, r in zip(scores, rows, strict=True) if r.answerable and not r.rules])[::-1]
            allowed = int(self.value * sum(r.answerable for r in rows))
            return (float(min(0.999, wrong[allowed] + 1e-9)) if allowed < len(wrong) else 0.5), ""
        if self.kind == "ratio":
            return ratio_threshold(rows, scores, self.value), ""
        best, most = RATIOS[0], -1
        if fits.groups:
            best = grouped_ratio(fits, left_out, self.value)
            return ratio_threshold(rows, scores, best), f" (inner ratio {best:g})"
        inner = sorted({r.batch for r in rows})
        for ratio in RATIOS:
            ins = out = 0
            for batch in inner:
                inner_rows, inner_scores = fits.out_of_fold(left_out | {batch})
                tally = score(fits.without(left_out | {batch}), ratio_threshold(inner_rows, inner_scores, ratio),
                              [r for r in rows if r.batch == batch])
                ins, out = ins + tally.ins_added, out + tally.out_added
            if ins <= self.value * out and out > most:
                best, most = ratio, out
        return ratio_threshold(rows, scores, best), f" (inner ratio {best:g})"


def grouped_ratio(fits: Fits, left_out: frozenset[str], most_ins: float) -> float:
    """The cv rule's ratio target with grouped out-of-fold scores: for each group, the threshold is chosen on the
    other groups' scores and the group's own scores are counted against it; the target adding the most out-of-scope
    refusals with answerable ones at most `most_ins` of them (the smallest target when none does)."""
    rows, scores = fits.out_of_fold(left_out)
    batch = np.array([r.batch for r in rows])
    passed = np.array([not r.rules for r in rows])
    answerable = np.array([r.answerable for r in rows])
    best, most = RATIOS[0], -1
    for ratio in RATIOS:
        ins = out = 0
        for unit in fits.units(left_out):
            mask = np.isin(batch, list(unit))
            limit = ratio_threshold([r for r, m in zip(rows, mask, strict=True) if not m], scores[~mask], ratio)
            fired = mask & passed & (scores >= limit)
            ins, out = ins + int((fired & answerable).sum()), out + int((fired & ~answerable).sum())
        if ins <= most_ins * out and out > most:
            best, most = ratio, out
    return best


C = 0.05
RULE = Rule("cv", 0.2)
"""The shipped file's settings (docs/history/round-16.md "A stricter operating point (refuse16b)")."""


def parse_rule(text: str) -> Rule:
    kind, value = text.split(":")
    if kind not in ("cv", "ratio", "budget"):
        raise argparse.ArgumentTypeError("a rule is cv:X, ratio:X or budget:X")
    return Rule(kind, float(value))


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

    def count(self, row: Row, fired: bool) -> None:
        if fired:
            self.kinds[("answerable" if row.answerable else "out of scope", row.kind or "-")] += 1
        if row.answerable:
            self.ins += 1
            self.ins_rules += row.rules
            self.ins_added += fired
        else:
            self.out += 1
            self.out_rules += row.rules
            self.out_added += fired

    def line(self, name: str, extra: str = "") -> str:
        return (f"| {name} | {self.out} | {self.out_rules} ({self.out_rules / max(self.out, 1):.3f}) | +{self.out_added} "
                f"({(self.out_rules + self.out_added) / max(self.out, 1):.3f}) | {self.ins} | {self.ins_rules} "
                f"({self.ins_rules / max(self.ins, 1):.3f}) | +{self.ins_added} "
                f"({(self.ins_rules + self.ins_added) / max(self.ins, 1):.3f}) |{extra}")


def adds(model: RefusalModel, limit: float, row: Row) -> bool:
    """Does the classifier refuse a question the rules let through?"""
    return not row.early and not row.rules and model.probability(row.features) >= limit


def score(model: RefusalModel, limit: float, test: Sequence[Row]) -> Tally:
    """What rules OR classifier add to the rules alone on `test`."""
    tally = Tally()
    for row in test:
        tally.count(row, adds(model, limit, row))
    return tally


def against_shipped(rows: Sequence[Row], fired: dict[tuple[str, str], bool]) -> None:
    """The held-out refit's decisions paired per question against the shipped weights' (on every batch, and on the
    batches the shipped weights were not fitted on): refusals added and removed, out of scope and answerable."""
    text = refusal_model.SHIPPED.read_text(encoding="utf-8")
    model = RefusalModel.from_json(text)
    fitted_on = set(json.loads(text)["about"]["batches"])
    for name, subset in (("every batch", rows), ("batches the shipped weights were not fitted on",
                                                 [r for r in rows if r.batch not in fitted_on])):
        moves: Counter = Counter()
        for r in subset:
            old, new = adds(model, model.threshold, r), fired[(r.batch, r.id)]
            if old != new:
                moves[("answerable" if r.answerable else "out of scope", "newly refused" if new else "let through",
                       r.kind or "-")] += 1
        total = Counter()
        for (who, how, _), n in moves.items():
            total[(who, how)] += n
        print(f"refit (held out) vs shipped, {name} ({len(subset)} questions): "
              + ", ".join(f"{who} {how} {n}" for (who, how), n in sorted(total.items())))
        print("  by kind: " + ", ".join(f"{w} {h} {k} x{n}" for (w, h, k), n in sorted(moves.items())))


HEADER = ("| held out | out of scope | rules refuse | classifier adds (rules OR it) | answerable | rules refuse | "
          "classifier adds (rules OR it) | threshold |\n|---|---|---|---|---|---|---|---|")
POOL = {f"b{n}" for n in range(22, 30)}
"""Round 16's pooled confirmation set, tuning data since it was scored."""


def order(batches: set[str]) -> list[str]:
    return sorted(batches, key=lambda b: (not b.startswith("dev"), len(b), b))


def cross_validate(rows: list[Row], fits: Fits, rule: Rule, pairs: bool, quiet: bool = False,
                   fired: dict[tuple[str, str], bool] | None = None) -> Tally:
    """Hold out each batch (or pair of batches), choose the threshold by `rule` on the other batches' out-of-fold
    scores, and score the held-out batch; prints the table and returns the pooled tally. With one batch held out,
    `fired` gets each question's held-out decision (the classifier adds a refusal), by (batch, id)."""
    batches = order({r.batch for r in rows})
    folds = list(combinations(batches, 2)) if pairs else [(b,) for b in batches]
    if not quiet:
        print(f"\nC={fits.c}, rule {rule}, {'pairs of batches' if pairs else 'one batch'} held out\n{HEADER}")
    pooled, pool = Tally(), Tally()
    for held in folds:
        left_out = frozenset(held)
        limit, how = rule.threshold(fits, left_out)
        model = fits.without(left_out)
        tally = score(model, limit, [r for r in rows if r.batch in left_out])
        pooled.add(tally)
        if fired is not None and not pairs:
            fired.update({(r.batch, r.id): adds(model, limit, r) for r in rows if r.batch in left_out})
        if left_out <= POOL and not pairs:
            pool.add(tally)
        if not pairs and not quiet:
            print(tally.line(" + ".join(held), f" {limit:.3f}{how} |"), flush=True)
    if not quiet:
        if not pairs:
            print(pool.line("round 16's pool (b22-b29)", " |"))
        print(pooled.line("pooled" + (" (each question counted in every pair holding it)" if pairs else ""), " |"))
        print("added refusals by kind: " + ", ".join(f"{a} {k} x{n}" for (a, k), n in sorted(pooled.kinds.items())))
    return pooled


def shipped_weights(rows: list[Row]) -> None:
    """The weights file as it is now, on every batch (in-sample on the batches it was fitted on)."""
    model = refusal_model.RefusalModel.from_json(refusal_model.SHIPPED.read_text(encoding="utf-8"))
    fitted_on = set(json.loads(refusal_model.SHIPPED.read_text(encoding="utf-8"))["about"]["batches"])
    print(f"\nthe shipped weights (threshold {model.threshold:.3f}); * = a batch they were fitted on\n{HEADER}")
    fresh = Tally()
    for batch in order({r.batch for r in rows}):
        tally = score(model, model.threshold, [r for r in rows if r.batch == batch])
        if batch not in fitted_on:
            fresh.add(tally)
        print(tally.line(batch + (" *" if batch in fitted_on else ""), " |"))
    print(fresh.line("batches they were not fitted on", " |"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refit", action="store_true", help="retrieve every question again (var/ cache ignored)")
    parser.add_argument("--c", type=float, action="append", help=f"inverse regularisation strength (default {C})")
    parser.add_argument("--rule", type=parse_rule, action="append",
                        help=f"how each training fold chooses its threshold: ratio:X or budget:X (default {RULE.kind}:"
                             f"{RULE.value:g})")
    parser.add_argument("--pairs", action="store_true", help="also hold out every pair of batches")
    parser.add_argument("--shipped", action="store_true", help="score the weights file as it is on every batch")
    parser.add_argument("--summary", action="store_true", help="one pooled line per C and rule, no tables")
    parser.add_argument("--write", action="store_true", help="fit on every batch and write the weights to --out")
    parser.add_argument("--out", default=str(refusal_model.SHIPPED), help="the weights file --write writes")
    parser.add_argument("--groups", type=int, default=0,
                        help="score training batches out of fold in this many groups (0: one batch at a time)")
    parser.add_argument("--mark-signposted", action="store_true",
                        help="mark in the cache the questions the defaults signpost before the classifier reads them")
    parser.add_argument("--no-cv", action="store_true", help="no held-out tables (e.g. with --write alone)")
    parser.add_argument("--paired", action="store_true",
                        help="pair the held-out decisions per question against the shipped weights'")
    parser.add_argument("--without", action="append", default=[],
                        help="leave this batch out of every fit and table (e.g. to write a file for it to score)")
    args = parser.parse_args()
    if args.refit or not CACHE.exists():
        CACHE.write_bytes(pickle.dumps([vars(row) for row in collect()]))  # plain dicts: readable from any module
    if args.mark_signposted:
        rows = mark_signposted([Row(**row) for row in pickle.loads(CACHE.read_bytes())])
        CACHE.write_bytes(pickle.dumps([vars(row) for row in rows]))
    rows = [Row(**row) for row in pickle.loads(CACHE.read_bytes()) if row["batch"] not in args.without]
    print(f"{len(rows)} tuning questions in {len({r.batch for r in rows})} batches, "
          f"{sum(not r.answerable for r in rows)} to refuse, {sum(r.early for r in rows)} answered before retrieval")
    if args.shipped:
        shipped_weights(rows)
    rules = args.rule or [RULE]
    for c in [] if args.no_cv else args.c or [C]:
        fits = Fits(rows, c, args.groups)
        for rule in rules:
            fired: dict[tuple[str, str], bool] = {}
            pooled = cross_validate(rows, fits, rule, pairs=False, quiet=args.summary, fired=fired)
            if args.summary:
                print(f"C {c}, {rule}: out of scope +{pooled.out_added}, answerable +{pooled.ins_added}", flush=True)
            if args.paired:
                against_shipped(rows, fired)
            if args.pairs:
                cross_validate(rows, fits, rule, pairs=True)
    if args.write:
        from assistant.engine import Assistant
        from assistant.settings import Settings

        c, rule = (args.c or [C])[0], rules[0]
        fits = Fits(rows, c, args.groups)
        limit, how = rule.threshold(fits, frozenset())
        model = fits.without(frozenset())
        shipped = RefusalModel(model.mean, model.scale, model.weights, model.bias, limit)
        flags = f" --groups {args.groups}" if args.groups else ""
        about = {"fitted_by": f"python -m bench.train_refusal_model --write --c {c} --rule {rule.kind}:{rule.value:g}"
                              f"{flags}",
                 "corpus": Assistant(Settings.from_env()).snapshot().passages_fingerprint,
                 "c": c, "rule": str(rule) + how, "batches": order({r.batch for r in rows}),
                 "questions": sum(not r.early for r in rows)}
        Path(args.out).write_text(shipped.to_json(about) + "\n", encoding="utf-8")
        print(f"wrote {args.out} (threshold {limit:.3f}{how})")
        print(json.dumps(about))


if __name__ == "__main__":
    main()
