"""Round 18's personal clinical signposting (PipelineConfig.clinical18) against main's defaults over the tuning
questions, per batch: personal clinical questions newly signposted, answerable questions newly signposted (each one
newly refused: signposting comes before any passage is read), other out-of-scope ones newly signposted.

    .venv/bin/python -m bench.clinical18_compare     # seconds: patterns only, no retrieval
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from assistant import safety_own_care
from assistant.config import DEFAULT_CONFIG
from assistant.question_sets import tuning_questions


def main() -> None:
    on = replace(DEFAULT_CONFIG, clinical18=True)
    per_batch: dict[str, Counter] = {}
    for q in tuning_questions():
        before = safety_own_care.signposting_answer(q.question, DEFAULT_CONFIG) is not None
        after = safety_own_care.signposting_answer(q.question, on) is not None
        batch = per_batch.setdefault(f"p{q.batch}" if q.batch else "tune", Counter())
        personal = q.kind == "clinical" and not q.answerable
        batch["personal clinical"] += personal
        batch["answerable"] += q.answerable
        if after != before:
            change = "gain" if personal else "LOST" if q.answerable else "other"
            batch[change] += 1
            print(f"{change}: {q.id} [{q.kind}] {q.question!r}")
    print("\n| batch | personal clinical | newly signposted | answerable | newly refused | other out of scope |")
    print("|---|---|---|---|---|---|")
    total: Counter = Counter()
    for name, batch in sorted(per_batch.items()):
        total.update(batch)
        print(f"| {name} | {batch['personal clinical']} | {batch['gain']} | {batch['answerable']} | {batch['LOST']} | "
              f"{batch['other']} |")
    print(f"| all | {total['personal clinical']} | {total['gain']} | {total['answerable']} | {total['LOST']} | "
          f"{total['other']} |")


if __name__ == "__main__":
    main()
