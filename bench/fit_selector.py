"""Fit the sentence selector (assistant/sentence_selector.py) and print its coefficients and cross-validated scores.

    PYTHONPATH=. OMP_NUM_THREADS=1 python -m bench.fit_selector --cache /tmp/selector_rows.json
    PYTHONPATH=. python -m bench.fit_selector --cache /tmp/selector_rows.json --sweep   # thresholds and budgets

Data: the answerable questions of the TUNE split of bench/dev_questions.jsonl (holdout is dropped before anything
is read) and of blind probes 7, 9 and 11 (split "probe"). Each is asked as `ltp ask` would; for every extractive
answer the candidate sentences of its top passages are recorded with the selector's features, today's chosen
sentences, and which pairs restate each other. A sentence is positive when it holds one of the question's expected
facts (assistant.evaluate.contains_facts). Logistic regression, cross-validated in folds grouped by question (a
question's sentences never sit on both sides), fixed seed; the coefficients printed go into
`PipelineConfig.selector_coefficients`. `--sweep` replays the composition offline for each threshold and budget
with the cross-validated probabilities and prints answer-contains and the one-fact median length per set.
"""

from __future__ import annotations

import argparse
import json
import statistics
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.answer_style import LIST_KINDS
from assistant.evaluate import Question, contains_facts, load_questions
from assistant.settings import PROJECT_ROOT

SETS = {
    "tune": PROJECT_ROOT / "bench" / "dev_questions.jsonl",
    "p7": PROJECT_ROOT / "bench" / "blind_probe_7.jsonl",
    "p9": PROJECT_ROOT / "bench" / "blind_probe_9.jsonl",
    "p11": PROJECT_ROOT / "bench" / "blind_probe_11.jsonl",
}
SEED = 12


def questions(name: str) -> list[Question]:
    """A set's answerable questions with facts: tune only from the dev set, probe only from a probe file."""
    wanted = "tune" if name == "tune" else "probe"
    return [q for q in load_questions(SETS[name]) if q.split == wanted and q.answerable and q.facts]


def record(names: list[str]) -> list[dict]:
    """Ask every question with the selector's hook recording what it reads; the answers themselves are today's."""
    from assistant import sentence_selector
    from assistant.config import DEFAULT_CONFIG
    from assistant.engine import Assistant
    from assistant.settings import Settings

    rows: list[dict] = []
    current: dict = {}
    real_features = sentence_selector.features

    def features(query, candidates, scores, ranked, chosen, passage_rerank, one_fact, config):
        table = real_features(query, candidates, scores, ranked, chosen, passage_rerank, one_fact, config)
        current["call"] = {"query": query, "texts": [t for _, t in candidates], "ranks": [r for r, _ in candidates],
                           "rows": table.round(5).tolist(), "chosen": list(chosen), "one_fact": one_fact}
        return table

    def compose(chosen, candidates, probability, repeats, config):
        n = len(candidates)
        current["call"]["repeats"] = [[j for j in range(n) if j != i and repeats(i, [j])] for i in range(n)]
        return list(chosen)

    sentence_selector.features, sentence_selector.compose = features, compose
    config = replace(DEFAULT_CONFIG, sentence_selector=True,
                     selector_coefficients=(0.0,) * (len(sentence_selector.FEATURES) + 1))
    assistant = Assistant(Settings.from_env(), config)
    for name in names:
        for q in questions(name):
            current.clear()
            answer = assistant.ask(q.question, list(q.history))
            call = current.get("call")
            if answer.abstained or call is None:
                continue
            call.update(id=q.id, set=name, kind=q.kind, facts=list(q.facts), answer=answer.answer,
                        labels=[int(any(contains_facts(t, (f,)) for f in q.facts)) for t in call["texts"]])
            rows.append(call)
        print(name, "recorded", sum(1 for r in rows if r["set"] == name), flush=True)
    return rows


def fit(rows: list[dict]) -> tuple[list[float], dict, np.ndarray]:
    """The logistic regression on every recorded sentence, its grouped cross-validated scores, and each sentence's
    cross-validated probability (predicted by a model that never saw its question)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss, roc_auc_score
    from sklearn.model_selection import GroupKFold

    x = np.array([f for r in rows for f in r["rows"]])
    y = np.array([label for r in rows for label in r["labels"]])
    groups = np.array([r["id"] for r in rows for _ in r["labels"]])
    model = LogisticRegression(C=1.0, max_iter=5000)
    predicted = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5, shuffle=True, random_state=SEED).split(x, y, groups):
        predicted[test] = model.fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    scores = {"sentences": len(y), "positives": int(y.sum()), "cv_auc": round(roc_auc_score(y, predicted), 3),
              "cv_log_loss": round(log_loss(y, predicted), 3)}
    model.fit(x, y)
    return [round(float(model.intercept_[0]), 4), *(round(float(c), 4) for c in model.coef_[0])], scores, predicted


def replay(row: dict, probability: np.ndarray, config) -> list[int]:
    """sentence_selector.compose on a recorded answer, a restatement judged pairwise as recorded."""
    from assistant.sentence_selector import compose

    candidates = list(zip(row["ranks"], row["texts"], strict=True))
    return compose(row["chosen"], candidates, probability,
                   lambda i, kept: any(j in kept for j in row["repeats"][i]), config)


def measure(rows: list[dict], chosen_of) -> dict:
    """Answer-contains (over recorded answers), leads holding a fact (a count), one-fact median characters."""
    contains = first = 0
    lengths = []
    for row in rows:
        kept = chosen_of(row)
        text = " ".join(row["texts"][i] for i in kept)
        contains += contains_facts(text, tuple(row["facts"]))
        first += any(contains_facts(row["texts"][kept[0]], (f,)) for f in row["facts"])
        if row["kind"] not in LIST_KINDS:
            lengths.append(len(text) + 4 * len(kept))
    return {"n": len(rows), "contains": round(contains / len(rows), 3), "lead_fact": first,
            "one_fact_p50": round(statistics.median(lengths)) if lengths else None}


def sweep(rows: list[dict], predicted: np.ndarray) -> None:
    """Each pair of thresholds (any sentence, the lead's next) and budget replayed with the cross-validated
    probabilities, beside today's answers."""
    from assistant.config import DEFAULT_CONFIG

    probability, start = {}, 0
    for row in rows:
        probability[row["id"]] = predicted[start:start + len(row["texts"])]
        start += len(row["texts"])
    names = sorted({r["set"] for r in rows})
    today = {n: measure([r for r in rows if r["set"] == n], lambda r: r["chosen"]) for n in names}
    print("today", today)
    grid = [(threshold, following, budget) for threshold in (0.5, 0.6, 0.7) for following in (0.2, 0.25, 0.3, 0.5, 1.0)
            for budget in (500, 600, 700)]
    for threshold, following, budget in grid:
        following = min(following, threshold)
        config = replace(DEFAULT_CONFIG, selector_threshold=threshold, selector_next_threshold=following,
                         selector_budget=budget)
        result = {n: measure([r for r in rows if r["set"] == n],
                             lambda r, config=config: replay(r, probability[r["id"]], config)) for n in names}
        gain = np.mean([result[n]["contains"] - today[n]["contains"] for n in names])
        grown = [result[n]["one_fact_p50"] - today[n]["one_fact_p50"] for n in names]
        print(f"threshold={threshold} next={following} budget={budget} contains {gain:+.3f} (mean of sets) "
              f"one-fact p50 {grown}", {n: result[n]["contains"] for n in names})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, help="recorded rows: read if present, else written")
    parser.add_argument("--sets", default="tune,p7,p9,p11")
    parser.add_argument("--sweep", action="store_true")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        rows = json.loads(args.cache.read_text())
    else:
        rows = record(args.sets.split(","))
        if args.cache:
            args.cache.write_text(json.dumps(rows))
    coefficients, scores, predicted = fit(rows)
    print("cv", scores)
    print("selector_coefficients =", tuple(coefficients))
    if args.sweep:
        sweep(rows, predicted)


if __name__ == "__main__":
    main()
