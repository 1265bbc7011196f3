"""Reading margins (speed17): CPU per ask and answers of several configurations taking turns question by question
in one process, and a leave-one-batch-out choice among them (docs/history/round-17.md, "CPU per ask, round 17 (speed17)").

    python -m bench.reading_margins run --out /tmp/tune.json --every 2 --questions bench/dev_questions.jsonl \
        p10=rerank_margin=0.10 s20=sentence_rerank_margin=0.20 p10s20=rerank_margin=0.10+sentence_rerank_margin=0.20
    python -m bench.reading_margins cv /tmp/tune.json /tmp/probes.json

`run` asks the tune split of the dev set, or the probe split of blind tuning probes (never holdout or unseen), with
one onnxruntime thread as a server worker has. `cv` fixes its rule before scoring: on the training batches it picks
the arm with the least CPU per ask whose answers holding their facts are at least the default's less 0.5% of the
training answerable questions, with no more answerable questions refused and no fewer out-of-scope ones; it then
reports that arm on the held-out batch, paired question by question against the default.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path

from assistant.config import DEFAULT_CONFIG
from assistant.engine import Assistant
from assistant.evaluate import contains_facts, load_questions, select_split
from assistant.settings import Settings
from bench.cpu_per_answer import measure


def run(out: Path, every: int, files: list[Path], arms: list[str], data_dir: Path) -> None:
    named = {"base": DEFAULT_CONFIG.with_values(["rerank_threads=1"])}
    for arm in arms:
        name, _, values = arm.partition("=")
        named[name] = named["base"].with_values(values.split("+"))
    questions = [q for f in files for q in select_split(load_questions(f), "tune" if f.name == "dev_questions.jsonl"
                                                         else "probe")[::every]]
    first = Assistant(Settings.from_env().with_data_dir(data_dir), named["base"])
    assistants = [first] + [first.with_config(config) for name, config in named.items() if name != "base"]
    for assistant in assistants:
        assistant.warm()
        assistant.warm_sentences()
        assistant.ask("how many people does a primary care network cover?")
    meta = {q.id: {"facts": list(q.facts), "answerable": q.answerable,
                   "batch": q.batch if q.split == "probe" else "tune"} for q in questions}
    out.write_text(json.dumps({"arms": list(named), "runs": measure(assistants, questions), "meta": meta}))


def has_facts(answer: dict, facts: list[str]) -> bool:
    return not answer["abstained"] and contains_facts(answer["answer"], tuple(facts))


def totals(records: dict, meta: dict, ids: list[str]) -> Counter:
    t: Counter = Counter()
    for q in ids:
        r, m = records[q], meta[q]
        t["cpu"] += r["cpu"]
        t["pairs"] += sum(v for k, v in r["stages"].items() if k.endswith("pairs"))
        t["tokens"] += sum(v for k, v in r["stages"].items() if k.endswith("tokens"))
        t["answerable"] += m["answerable"]
        t["facts"] += m["answerable"] and has_facts(r["answer"], m["facts"])
        t["in_scope_refused"] += m["answerable"] and r["answer"]["abstained"]
        t["out_of_scope_refused"] += not m["answerable"] and r["answer"]["abstained"]
    return t


def paired(base: dict, arm: dict, meta: dict, ids: list[str]) -> Counter:
    p: Counter = Counter()
    for q in ids:
        a, b, m = base[q]["answer"], arm[q]["answer"], meta[q]
        same = (a["answer"], a["abstained"], a.get("citations")) == (b["answer"], b["abstained"], b.get("citations"))
        p["changed"] += not same
        p["pointers"] += same and a.get("related") != b.get("related")  # only the related passages beside a refusal
        if m["answerable"]:
            before, after = has_facts(a, m["facts"]), has_facts(b, m["facts"])
            p["gained"] += after and not before
            p["lost"] += before and not after
    return p


def acceptable(arm: Counter, base: Counter) -> bool:
    return arm["facts"] >= base["facts"] - math.floor(0.005 * base["answerable"]) and \
        arm["in_scope_refused"] <= base["in_scope_refused"] and arm["out_of_scope_refused"] >= base["out_of_scope_refused"]


def cross_validate(files: list[Path]) -> None:
    arms, meta, records = [], {}, {}
    for f in files:
        data = json.loads(f.read_text())
        arms = data["arms"]
        meta.update(data["meta"])
        for name, run_records in zip(arms, data["runs"], strict=True):
            records.setdefault(name, {}).update({r["id"]: r for r in run_records})
    ids = list(meta)
    base = totals(records["base"], meta, ids)
    print("in sample (every batch):")
    for name in arms:
        t, p = totals(records[name], meta, ids), paired(records["base"], records[name], meta, ids)
        print(f"  {name:8s} CPU per ask {1000 * t['cpu'] / len(ids):6.1f} ms ({t['cpu'] / base['cpu']:.3f}), pairs "
              f"{t['pairs'] / len(ids):.2f}, tokens {t['tokens'] / len(ids):.0f}, facts {t['facts']}/{t['answerable']} "
              f"(+{p['gained']} -{p['lost']}), answers changed {p['changed']} (pointers alone {p['pointers']}), "
              f"refused in scope {t['in_scope_refused']} / out of scope {t['out_of_scope_refused']}")
    batches = sorted({str(m["batch"]) for m in meta.values()})
    pooled: Counter = Counter()
    print("leave one batch out:")
    for held in batches:
        held_ids = [q for q in ids if str(meta[q]["batch"]) == held]
        train = [q for q in ids if str(meta[q]["batch"]) != held]
        train_base = totals(records["base"], meta, train)
        fits = [(totals(records[n], meta, train)["cpu"], n) for n in arms
                if acceptable(totals(records[n], meta, train), train_base)]
        chosen = min(fits)[1]
        t, b = totals(records[chosen], meta, held_ids), totals(records["base"], meta, held_ids)
        p = paired(records["base"], records[chosen], meta, held_ids)
        pooled.update({"cpu": t["cpu"], "base_cpu": b["cpu"], "answerable": b["answerable"], "questions": len(held_ids),
                       **p, "in_scope": t["in_scope_refused"] - b["in_scope_refused"],
                       "out_of_scope": t["out_of_scope_refused"] - b["out_of_scope_refused"]})
        print(f"  held out {held:5s}: chose {chosen:8s} CPU {t['cpu'] / b['cpu']:.3f}, facts +{p['gained']} -{p['lost']} "
              f"of {b['answerable']}, answers changed {p['changed']}/{len(held_ids)}, refused in scope "
              f"{t['in_scope_refused'] - b['in_scope_refused']:+d}, out of scope "
              f"{t['out_of_scope_refused'] - b['out_of_scope_refused']:+d}")
    print(f"  pooled held-out: CPU {pooled['cpu'] / pooled['base_cpu']:.3f}, facts +{pooled['gained']} "
          f"-{pooled['lost']} of {pooled['answerable']}, answers changed {pooled['changed']}/{pooled['questions']}, "
          f"refused in scope {pooled['in_scope']:+d}, out of scope {pooled['out_of_scope']:+d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("run")
    ask.add_argument("--out", type=Path, required=True)
    ask.add_argument("--every", type=int, default=1)
    ask.add_argument("--data-dir", type=Path, default=Path("var"))
    ask.add_argument("--questions", type=Path, action="append", required=True)
    ask.add_argument("arms", nargs="*", metavar="NAME=FIELD=VALUE[+FIELD=VALUE]")
    score = commands.add_parser("cv")
    score.add_argument("runs", type=Path, nargs="+")
    args = parser.parse_args()
    if args.command == "run":
        if any("unseen" in f.name for f in args.questions):
            parser.error("unseen probes are never asked here")
        run(args.out, args.every, args.questions, args.arms, args.data_dir)
    else:
        cross_validate(args.runs)


if __name__ == "__main__":
    main()
