"""Split the dev questions once, reproducibly, into "tune" and "holdout" (issue 16).

    python bench/split_questions.py           # give every line without a "split" one; rewrite the file
    python bench/split_questions.py --check   # change nothing: print the counts, exit 1 if a line lacks a split

Why: the refusal rule and the weights were tuned on the first 110 questions and did not carry over to unseen
ones, so a score on questions nobody tuned on has to be reported first. Standard library only.

The rule (also in docs/history/question-sets.md, "The question set and its split"):

- The 110 questions that existed before issue 16 (PRE_EXISTING) all go to "tune". Earlier rounds chose the
  abstention thresholds, answer margins and retrieval weights while looking at them, so none of them may be
  held out: they are no longer unseen.
- Every other question without a split is assigned by stratified sampling with a fixed seed. Questions are
  grouped by (doc, kind); out-of-scope questions have no doc and are grouped by kind alone. Groups are taken
  in sorted order, each group's ids are sorted and then shuffled by one shared random.Random(SEED), SEED =
  20261129; the first HOLDOUT_SHARE of each group, rounded half up (so a group of one goes to holdout), goes
  to "holdout", the rest to "tune".
- A question that already has a split keeps it, so running the script again changes nothing. Lines keep
  their order and their keys; "split" is added last. A later batch of new questions is split among itself
  by the same rule.

Thresholds and weights are chosen on "tune" only; "holdout" is never tuned on, nor looked at answer by
answer, and its scores are reported first.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

QUESTIONS = Path(__file__).resolve().parent / "dev_questions.jsonl"
SEED = 20261129
HOLDOUT_SHARE = 0.6
SPLITS = ("tune", "holdout")

PRE_EXISTING = frozenset((
    "ltp-why-achievable-now", "ltp-engagement-scale", "ltp-five-service-changes", "ltp-five-financial-tests",
    "ltp-pcn-size", "ltp-primary-community-floor", "ltp-urgent-community-response", "ltp-ehch-commitment",
    "ltp-sdec-where", "ltp-acute-frailty", "ltp-long-stays", "ltp-personalised-care-components", "ltp-link-workers",
    "ltp-link-worker-referrals", "ltp-outpatient-redesign", "ltp-ics-coverage", "ltp-ics-single-ccg",
    "ltp-vanguard-admissions", "ltp-tobacco-treatment", "ltp-dpp-expansion", "ltp-alcohol-care-teams",
    "ltp-fleet-emissions", "ltp-inequalities-funding", "ltp-rough-sleepers", "ltp-ld-life-expectancy",
    "ltp-maternity-safety-ambition", "ltp-continuity-of-carer", "ltp-continuity-2019",
    "ltp-perinatal-mental-health", "ltp-postnatal-physio", "ltp-cyp-mental-health-access", "ltp-ld-inpatients",
    "ltp-cancer-early-diagnosis", "ltp-faster-diagnosis-standard", "ltp-bowel-screening-age",
    "ltp-cardiac-rehab-uptake", "ltp-thrombectomy", "ltp-thrombolysis", "ltp-stroke-unit-care", "ltp-flash-glucose",
    "ltp-pulmonary-rehab", "ltp-mental-health-funding", "ltp-msk-fcp-pilots", "ltp-msk-burden",
    "ltp-nhs-workforce-size", "ltp-nursing-placements", "ltp-medical-school-places", "ltp-retention-nurses",
    "ltp-fully-digitised", "ltp-cyber-security", "ltp-ccio-on-boards", "ltp-provider-balance", "ltp-frf-efficiency",
    "ltp-control-totals-end", "ltp-over-85s", "ltp-nhs-assembly", "ltp-legislation-engagement",
    "ltp-transition-year", "fw-draft-plans-due", "fw-final-plans-due", "fw-national-plan-publication",
    "fw-plan-two-parts", "fw-ten-plan-features", "fw-clinically-led", "fw-workforce-assumptions", "fw-stp-to-ics",
    "fw-foundational-vs-opt-in", "fw-pcn-count", "fw-pcn-specifications", "fw-pcn-additional-roles",
    "fw-ehch-rollout", "fw-mh-implementation-plan", "fw-continuity-bame", "fw-stroke-six-month-reviews",
    "fw-low-calorie-diet-pilot", "fw-genome-sequencing", "fw-people-plan-themes", "fw-financial-assumptions-annex",
    "fw-headline-metrics-annex", "fw-emergency-care-metric", "fw-screening-metrics", "fw-community-response-metric",
    "fw-alcohol-harm-cost", "fw-smoking-by-march-2024", "fw-support-offer", "csp-foundational-physio",
    "csp-three-opt-ins", "csp-opt-in-deadline", "csp-fcp-gp-forward-view", "csp-four-initial-roles",
    "csp-support-workers-gap", "csp-ucr-start", "csp-ucr-full-coverage", "csp-cardiac-rehab-reaction",
    "csp-influence-local-plans", "csp-editor-concerns", "csp-pelvic-floor-surgery", "csp-stroke-briefing-acpin",
    "oos-scotland-waiting-times", "oos-wales-physio-funding", "oos-workforce-plan-2023", "oos-parking-charges",
    "oos-mileage-claim", "oos-paracetamol-dose", "oos-afc-pay-2025", "oos-annual-leave", "oos-hcpc-fee",
    "oos-covid-booster", "oos-sourdough", "oos-premier-league",
))
"""The 110 question ids of bench/dev_questions.jsonl before issue 16 (commit 48a2072): always "tune"."""


def stratum(question: dict) -> tuple[str, str]:
    """(doc, kind); out-of-scope questions have no doc."""
    return (question.get("doc") or "", question["kind"])


def assign(questions: list[dict]) -> int:
    """Give every question without a split one, in place, by the rule above; returns how many were new."""
    ids = [q["id"] for q in questions]
    if len(ids) != len(set(ids)):
        raise SystemExit(f"duplicate ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    for q in questions:
        if q.get("split") not in (None, *SPLITS):
            raise SystemExit(f"{q['id']}: unknown split {q['split']!r}")
        if q["id"] in PRE_EXISTING and q.get("split", "tune") != "tune":
            raise SystemExit(f"{q['id']} was tuned on before issue 16 and cannot be held out")
    unassigned = [q for q in questions if "split" not in q]
    for q in unassigned:
        if q["id"] in PRE_EXISTING:
            q["split"] = "tune"
    groups: dict[tuple[str, str], list[dict]] = {}
    for q in unassigned:
        if "split" not in q:
            groups.setdefault(stratum(q), []).append(q)
    rng = random.Random(SEED)
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda q: q["id"])
        rng.shuffle(group)
        held = int(HOLDOUT_SHARE * len(group) + 0.5)  # half up; 0.6 n never ends in .5, so no tie
        for position, q in enumerate(group):
            q["split"] = "holdout" if position < held else "tune"
    return len(unassigned)


def counts(questions: list[dict]) -> Counter:
    """(doc or "out of scope", kind, answerable, split) -> number of questions."""
    return Counter(
        (q.get("doc") or "out of scope", q["kind"], q.get("answerable", True), q.get("split", "none")) for q in questions
    )


def describe(questions: list[dict]) -> str:
    by_split = Counter(q.get("split", "none") for q in questions)
    unanswerable = Counter(q.get("split", "none") for q in questions if not q.get("answerable", True))
    lines = [f"{len(questions)} questions: " + ", ".join(
        f"{by_split[s]} {s} ({unanswerable[s]} not answerable)" for s in sorted(by_split))]
    for (doc, kind, answerable, split), n in sorted(counts(questions).items()):
        lines.append(f"  {doc:>13}  {kind:<16} {'answerable' if answerable else 'refuse':<10} {split:<8} {n}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(QUESTIONS))
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a line lacks a split")
    args = parser.parse_args(argv)
    path = Path(args.path)
    questions = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.check:
        print(describe(questions))
        missing = [q["id"] for q in questions if "split" not in q]
        if missing:
            print(f"{len(missing)} question(s) without a split, e.g. {missing[0]}", file=sys.stderr)
        return 1 if missing else 0
    new = assign(questions)
    path.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions), encoding="utf-8")
    print(f"{new} question(s) given a split\n" + describe(questions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
