"""Fit the query adapter (assistant/query_adapter.py) on tuning questions, choose its settings by leave-sets-out
cross-validation, and write it.

Pairs: each answerable question of the tuning batches (the dev set's tune split, blind probes 7, 9, 11-18, 20, 21)
with the bundled passages whose text holds every one of its facts (as `ltp eval` scores a hit). A question no passage
answers alone is left out, and so is one several passages answer equally (kept only up to MAX_POSITIVES, all counted
as right). Its search text is what the pipeline embeds: the question made standalone, acronyms spelt out, and the
question without its background clause too when that differs. Refusal questions are left out: a softmax over
passages has no right answer for them.

Loss: cross-entropy of the right passages against the NEGATIVES passages the plain question vector ranks nearest (hard
negatives: wrong passages that already rank high), with a temperature, plus weight decay of W - I towards the
identity; W = I + down @ up, low rank, up starting at 0 (so W starts as the identity). Full batch, Adam, fixed seed,
one thread: seconds per fit.

    PYTHONPATH=. OMP_NUM_THREADS=1 python -m bench.train_query_adapter cv --out /tmp/cv.json   # the grid, per fold
    PYTHONPATH=. OMP_NUM_THREADS=1 python -m bench.train_query_adapter cv --only rank=16,decay=0.01 \
        --write-folds var/adapter-cv     # the chosen setting's fold adapters, for bench/query_adapter_eval.py
    PYTHONPATH=. OMP_NUM_THREADS=1 python -m bench.train_query_adapter fit      # writes assistant/data/query_adapter.npz
"""

from __future__ import annotations

import argparse
import itertools
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from assistant.query_adapter import SHIPPED
from bench.query_adapter_eval import BATCHES, batch_questions

MAX_POSITIVES = 3
NEGATIVES = 64
"""Each text is scored against its right passages and the passages its plain vector ranks nearest, this many in all."""
SEED = 16


@dataclass(frozen=True)
class FitSettings:
    rank: int = 16
    decay: float = 0.01
    """Weight of ||W - I||^2 (squared Frobenius norm of down @ up) in the loss."""
    temperature: float = 0.05
    steps: int = 200
    learning_rate: float = 0.01


CHOSEN = FitSettings()
"""What `fit` writes: the candidate the full-pipeline cross-validation scored (docs/history/round-16.md, "A query adapter for
user wording"); rank 64 gained 0.006 dense hit@5 more in the grid and the same answers."""
GRID = [FitSettings(rank=r, decay=d) for r, d in itertools.product((4, 16, 64), (0.01, 0.1))] + \
    [FitSettings(temperature=0.1)]
"""Small on purpose: the pooled held-out score that compares them is also the score reported, so few are tried."""


@dataclass
class Pairs:
    """Search texts' vectors, their batch, question id, and right passages (row numbers in the passage matrix)."""
    vectors: np.ndarray
    batches: list[str]
    ids: list[str]
    positives: list[list[int]]
    passages: np.ndarray
    counts: dict


def collect_pairs() -> Pairs:
    from assistant.config import DEFAULT_CONFIG
    from assistant.conversation import clean_question, parse_history
    from assistant.engine import Assistant
    from assistant.evaluate import contains_facts
    from assistant.search_query import without_background
    from assistant.settings import Settings
    from indexer.build import embed_key

    assistant = Assistant(Settings.from_env(), DEFAULT_CONFIG)
    snapshot = assistant.snapshot()
    passages = snapshot.passages
    by_key = assistant.store.embeddings_by_key(snapshot.generation)
    matrix = np.array([by_key[embed_key(assistant.embeddings.name, p)] for p in passages], dtype=np.float32)
    texts = [p.search_text for p in passages]
    vectors, batches, ids, positives = [], [], [], []
    counts: dict = {}
    for batch in BATCHES:
        tally = counts.setdefault(batch, {"answerable": 0, "none": 0, "several": 0, "kept": 0})
        for q in batch_questions(batch):
            if not q.answerable:
                continue
            tally["answerable"] += 1
            right = [n for n, text in enumerate(texts) if contains_facts(text, q.facts)] if q.facts else []
            if not right or len(right) > MAX_POSITIVES:
                tally["none" if not right else "several"] += 1
                continue
            tally["kept"] += 1
            query = assistant._query(clean_question(q.question), parse_history(list(q.history)))
            core = without_background(query)
            for text in dict.fromkeys([query, core or query]):
                vectors.append(assistant.embeddings.embed_query(text))
                batches.append(batch)
                ids.append(q.id)
                positives.append(right)
    return Pairs(np.array(vectors, dtype=np.float32), batches, ids, positives, matrix, counts)


def fit(vectors: np.ndarray, positives: list[list[int]], passages: np.ndarray, settings: FitSettings) -> tuple:
    """(down, up) minimising the softmax loss over every passage plus `decay` * ||down @ up||^2."""
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    dims = vectors.shape[1]
    q = torch.tensor(vectors)
    # each text's candidates: its right passages first, then the passages the plain vector ranks nearest
    nearest = np.argsort(-(vectors @ passages.T), axis=1, kind="stable")
    rows = [list(dict.fromkeys([*right, *nearest[n, :NEGATIVES]]))[:NEGATIVES] for n, right in enumerate(positives)]
    candidates = torch.tensor(passages[np.array(rows)])  # texts x NEGATIVES x dims
    mask = torch.tensor([[column < len(right) for column in range(NEGATIVES)] for right in positives])
    down = torch.nn.Parameter(torch.randn(dims, settings.rank) / dims ** 0.5)
    up = torch.nn.Parameter(torch.zeros(settings.rank, dims))
    optimiser = torch.optim.Adam([down, up], lr=settings.learning_rate)
    for _ in range(settings.steps):
        optimiser.zero_grad()
        mapped = q + (q @ down) @ up
        mapped = mapped / mapped.norm(dim=1, keepdim=True)
        logits = torch.einsum("nd,nkd->nk", mapped, candidates) / settings.temperature
        loss = (torch.logsumexp(logits, 1) - torch.logsumexp(logits.masked_fill(~mask, -1e9), 1)).mean()
        loss = loss + settings.decay * ((down @ up) ** 2).sum()
        loss.backward()
        optimiser.step()
    return down.detach().numpy().astype(np.float32), up.detach().numpy().astype(np.float32)


def ranks(vectors: np.ndarray, positives: list[list[int]], passages: np.ndarray, adapter: tuple | None) -> np.ndarray:
    """Each search text's dense rank (1 = first) of its best-placed right passage."""
    if adapter is not None:
        vectors = vectors + (vectors @ adapter[0]) @ adapter[1]
        vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    scores = vectors @ passages.T
    best = np.array([scores[row, right].max() for row, right in enumerate(positives)])
    return (scores > best[:, None]).sum(axis=1) + 1


def scored(found: np.ndarray) -> dict:
    return {"hit@5": round(float((found <= 5).mean()), 3), "hit@20": round(float((found <= 20).mean()), 3),
            "texts": int(len(found))}


def cross_validate(pairs: Pairs, grid: list[FitSettings], write_folds: Path | None) -> dict:
    """Per setting: each fold (one batch held out) scored on the held-out batch's texts, then pooled."""
    batches = np.array(pairs.batches)
    out: dict = {}
    for settings in grid:
        per_fold, pooled_before, pooled_after = {}, [], []
        for held in BATCHES:
            train, test = batches != held, batches == held
            adapter = fit(pairs.vectors[train], [r for r, t in zip(pairs.positives, train, strict=True) if t],
                          pairs.passages, settings)
            right = [r for r, t in zip(pairs.positives, test, strict=True) if t]
            before = ranks(pairs.vectors[test], right, pairs.passages, None)
            after = ranks(pairs.vectors[test], right, pairs.passages, adapter)
            per_fold[held] = {"identity": scored(before), "adapter": scored(after)}
            pooled_before.append(before)
            pooled_after.append(after)
            if write_folds is not None:
                write(adapter, write_folds / f"without-{held}.npz", settings, [b for b in BATCHES if b != held])
        key = json.dumps(asdict(settings))
        out[key] = {"folds": per_fold, "identity": scored(np.concatenate(pooled_before)),
                    "adapter": scored(np.concatenate(pooled_after))}
        print(key, out[key]["identity"], out[key]["adapter"], flush=True)
    return out


def write(adapter: tuple, path: Path, settings: FitSettings, batches: list[str]) -> None:
    from indexer.embeddings import BUNDLED_MODEL_NAME

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        np.savez_compressed(file, down=adapter[0], up=adapter[1], model=np.array(BUNDLED_MODEL_NAME),
                            settings=np.array(json.dumps(asdict(settings))), batches=np.array(",".join(batches)))


def parse_settings(text: str) -> FitSettings:
    types = {name: type(value) for name, value in asdict(FitSettings()).items()}
    return FitSettings(**{k: types[k](v) for k, v in (item.split("=") for item in text.split(","))})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=("cv", "fit", "pairs"))
    parser.add_argument("--only", help='one setting instead of the grid, e.g. "rank=16,decay=0.01"')
    parser.add_argument("--write-folds", type=Path, help="cv: write each fold's adapter here (without-BATCH.npz)")
    parser.add_argument("--out", type=Path, help="cv: the per-fold results; fit: the adapter file")
    args = parser.parse_args()
    pairs = collect_pairs()
    print("pairs:", json.dumps(pairs.counts), "search texts:", len(pairs.ids), flush=True)
    if args.command == "cv":
        grid = [parse_settings(args.only)] if args.only else GRID
        results = cross_validate(pairs, grid, args.write_folds)
        if args.out:
            args.out.write_text(json.dumps({"counts": pairs.counts, "results": results}, indent=1))
    elif args.command == "fit":
        settings = parse_settings(args.only) if args.only else CHOSEN
        adapter = fit(pairs.vectors, pairs.positives, pairs.passages, settings)
        write(adapter, args.out or SHIPPED, settings, list(BATCHES))
        print("wrote", args.out or SHIPPED, (args.out or SHIPPED).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
