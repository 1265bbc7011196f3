"""Generated draft plans whose coverage of the system-plan checklist is known, to calibrate and measure `ltp review`.

Each plan takes some requirements in full (a paragraph that develops the point), some only in passing (a clause
that names the topic), and leaves the rest out. Run on the bundled index:

    python -m bench.review_plans [--plans 40] [--seed 7]

It prints precision and recall of "missing" (the status a commissioner acts on) and of "partial".
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass

from assistant.plan_files import PlanSentence, PlanText
from indexer.passage import sentences

# requirement key → (pattern an item's action matches, full paragraph, passing mention)
BANK: dict[str, tuple[str, str, str]] = {
    "clinically-led": (r"clinically led",
                       "Clinicians lead this plan. Senior clinical leaders from our trusts and primary care networks chair "
                       "the boards that wrote each proposal, and clinical leads signed off every change to care.",
                       "Several partners, including some clinicians, commented on the layout of this document."),
    "locally-owned": (r"locally owned",
                      "This plan belongs to our local partners. The county council, the voluntary sector and patient groups "
                      "helped write it, and people who use services shaped our priorities at listening events.",
                      "The appendix lists local partner organisations by name."),
    "workforce": (r"realistic workforce",
                  "Our workforce plan is realistic. The staff numbers we assume match the activity we plan to deliver and "
                  "the money we have, and they are consistent with the Interim NHS People Plan.",
                  "Workforce is one of the words used in our glossary."),
    "financial-balance": (r"financially balanced",
                          "The system will be financially balanced. Our financial model shows every organisation returning "
                          "to balance within our allocation, with demand moderated and recovery plans agreed.",
                          "Finance colleagues attended two of the workshops."),
    "prevention": (r"focused on prevention",
                   "Prevention runs through this plan. We will fund tobacco treatment for every smoker admitted to hospital, "
                   "expand weight management services and put alcohol care teams in our hospitals.",
                   "Topics such as prevention will be covered in a later document."),
    "inequalities": (r"health inequalities and unwarranted variation$",
                     "We will reduce health inequalities and unwarranted variation. Our allocation is targeted at the most "
                     "deprived neighbourhoods, with actions for people with a learning disability or autism.",
                     "Inequalities were raised once at the public meeting."),
    "local-authorities": (r"engaged with local authorities",
                          "We have worked closely with our three local authorities on public health and social care. The "
                          "health and wellbeing boards have agreed this plan and councils co-chair our place boards.",
                          "Council offices hosted one of the meetings."),
    "innovation": (r"driving innovation",
                   "We will drive innovation in how care is provided. We joined the regional test bed programme and will "
                   "adopt proven digital tools across every practice within a year of their approval.",
                   "Innovation is a word partners often use."),
    "ics": (r"STP will become an ICS",
            "Our STP will become an integrated care system by April 2021. We describe how commissioning will come together "
            "across the system and how our providers will work as one partnership board.",
            "ICS is among the acronyms listed at the back."),
    "phased": (r"phased over the full five years",
               "The plan is phased over the five years from 2019/20 to 2023/24. We start with urgent community response "
               "and primary care networks, where we are furthest behind, and sequence the rest to our local priorities.",
               "Some pages of this document are phased in colour."),
}
FILLER = [
    "This document was prepared by the programme office.",
    "Our area has three hospitals, two community providers and forty GP practices.",
    "The population is older than the England average and growing.",
]


@dataclass(frozen=True)
class GeneratedPlan:
    plan: PlanText
    truth: dict[str, str]
    """Requirement key → the status a correct review gives it."""


def generate(keys: list[str], rng: random.Random) -> GeneratedPlan:
    truth = {key: rng.choice(["covered", "covered", "partial", "missing", "missing"]) for key in keys}
    paragraphs = list(FILLER)
    for key, status in truth.items():
        _, full, passing = BANK[key]
        if status != "missing":
            paragraphs.append(full if status == "covered" else passing)
    rng.shuffle(paragraphs)
    found = [PlanSentence(s, n // 3 + 1) for n, p in enumerate(paragraphs) for s in sentences(p)]
    return GeneratedPlan(PlanText("generated.md", max(1, len(paragraphs) // 3), found), truth)


def item_for(key: str, actions: list[str]) -> int | None:
    pattern = re.compile(BANK[key][0], re.I)
    return next((n for n, action in enumerate(actions) if pattern.search(action)), None)


def measure(review_of, checklist, plans: int = 40, seed: int = 7) -> dict[str, float]:
    """Precision and recall of "missing" and of "partial" over `plans` generated plans."""
    rng = random.Random(seed)
    actions = [i.action for i in checklist.items]
    keys = [k for k in BANK if item_for(k, actions) is not None]
    pairs = []
    for _ in range(plans):
        generated = generate(keys, rng)
        review = review_of(generated.plan, checklist)
        pairs += [(truth, review.items[item_for(key, actions)].status) for key, truth in generated.truth.items()]
    result = {"plans": plans, "judgements": len(pairs), "requirements": len(keys)}
    for status in ("missing", "partial", "covered"):
        said = sum(1 for _, got in pairs if got == status)
        right = sum(1 for truth, got in pairs if got == status and truth == status)
        real = sum(1 for truth, _ in pairs if truth == status)
        result[f"{status}_precision"] = round(right / said, 3) if said else 0.0
        result[f"{status}_recall"] = round(right / real, 3) if real else 0.0
    result["accuracy"] = round(sum(1 for t, g in pairs if t == g) / len(pairs), 3)
    return result


def main() -> None:
    from assistant.engine import Assistant
    from assistant.review import review_text, system_plan_checklist
    from assistant.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from assistant.rerank import CrossEncoderReranker

    assistant = Assistant(Settings.from_env())
    checklist = system_plan_checklist(assistant)
    reranker = CrossEncoderReranker()
    for name, judge in (("embeddings only", None), ("with cross-encoder", reranker)):
        result = measure(lambda plan, cl: review_text(plan, cl, assistant.embeddings, reranker=judge), checklist,
                         args.plans, args.seed)
        print(name, result)


if __name__ == "__main__":
    main()
