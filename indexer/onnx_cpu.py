"""Running a BERT-style ONNX model (MiniLM, bge-small, the re-ranker) with onnxruntime on the CPU, one text at a
time: the session options every model here shares, so no model's session is set up differently by accident."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np


def cpu_session(model: Path | bytes, threads: int, disabled_optimizers: Sequence[str] = ()):
    """An onnxruntime session of `model` (a file, or a serialized graph) on the CPU with `threads` threads. Idle
    threads sleep instead of spinning: on a busy machine (a server's other workers) spinning threads steal the very
    cores the scoring needs. `disabled_optimizers`: onnxruntime graph rewrites left off."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    return ort.InferenceSession(str(model) if isinstance(model, Path) else model, options,
                                providers=["CPUExecutionProvider"], disabled_optimizers=list(disabled_optimizers))


def unpadded_tokenizer(path: Path, limit: int):
    """The model's tokenizer, cutting a text at `limit` tokens and never padding (each text runs alone)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.enable_truncation(limit)
    tokenizer.no_padding()
    return tokenizer


def run_each(session, tokenizer, texts: Sequence[str | tuple[str, str]],
             inputs: list[str] | tuple[str, ...]) -> list[np.ndarray]:
    """The session's first output for each text (or text pair, for the cross-encoder) run alone: with no padding
    and no batch neighbours, a text's output depends on its text only."""
    outputs = []
    for encoding in tokenizer.encode_batch(list(texts)):
        feeds = {"input_ids": encoding.ids, "attention_mask": encoding.attention_mask, "token_type_ids": encoding.type_ids}
        outputs.append(session.run(None, {name: np.array([feeds[name]], dtype=np.int64) for name in inputs})[0][0])
    return outputs
