"""The cross-encoder's graph with its last layer computed for the [CLS] token only, built once from the shipped file.

The model's score reads one vector: the last layer's output at [CLS] (the pooler takes that row, the classifier
its result). The shipped graph still runs the last layer's query projection, attention output, feed-forward and
LayerNorms for every token, then drops all rows but the first. This rewrite slices the layer's input to that row
where only the row is needed (the query projection's quantized input, the residual, the attention mask's query
rows), while keys and values still read every token. The weights are untouched and the query is computed from the
very same quantized input; the layer's later INT8 quantizations see one row instead of all, so scores move a little
(0.002 at most on 133 tune pairs; docs/history/round-14.md, "Fused cross-encoder graph"). About 8% less CPU per
pair.

The file is written under LTP_DATA_DIR/cache at the first `warm_up` (about a second: `onnx` loads and saves the
34 MB graph), keyed by a fingerprint of the shipped file; a worker holds the file it runs while it lives, and the
rewrites of other shipped files are removed once no worker holds them (indexer/cache_files.py). It records the
score it gave a probe pair when built beside the shipped graph's: a loaded file must reproduce its own, so a damaged
or stale file is rebuilt, and any failure to build or check it leaves the shipped graph in use (a rewrite that checks
out but cannot be saved, in a read-only data dir, still runs, so every worker scores alike).

    path = cls_graph_path(cache_dir, shipped)        # cache_dir / "reranker-cls-<fingerprint>.onnx"
    model = cls_graph(shipped)                       # once: check its probe score, then
    save(model, path, probe_logit)
    held = cache_files.in_use(path, NAMES)           # held while the re-ranker lives; stale rewrites removed
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from indexer.atomic_files import replaced_whole

LAST_LAYER = "/bert/encoder/layer.11"
VERSION = "1"
"""Bumped when the rewrite changes, so an older cached file is never read as the new one."""
PROBE_KEY = "ltp_probe_logit"
NAMES = "reranker-cls-*.onnx"
"""Every rewrite's name, whatever shipped file or VERSION it was built from (cls_graph_path)."""


class GraphUnexpected(ValueError):
    """The shipped graph is not laid out as this rewrite expects (another export of the model)."""


def cls_graph_path(cache_dir: Path, shipped: Path) -> Path:
    """Where the rewrite of `shipped` lives: its name changes whenever the shipped file or the rewrite does."""
    stat = shipped.stat()
    digest = hashlib.sha256(f"{VERSION}:{shipped.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return Path(cache_dir) / f"reranker-cls-{digest.hexdigest()[:16]}.onnx"


def cls_graph(shipped: Path):
    """The rewrite of the graph in `shipped`, as an onnx ModelProto (checked by onnx's checker)."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(shipped))
    graph = model.graph
    nodes = {n.name: n for n in graph.node}
    try:
        query = nodes[f"{LAST_LAYER}/attention/self/query/MatMul_quant"]
        residual = nodes[f"{LAST_LAYER}/attention/output/Add"]
        scores = nodes[f"{LAST_LAYER}/attention/self/Add"]
        context_shape = nodes[f"{LAST_LAYER}/attention/self/Concat_3"]
    except KeyError as missing:
        raise GraphUnexpected(f"no node {missing} in {shipped}") from None
    hidden = [i for i in residual.input if not i.startswith(f"{LAST_LAYER}/")]
    if query.op_type != "MatMulInteger" or len(hidden) != 1 or len(context_shape.input) != 3:
        raise GraphUnexpected(f"the last layer of {shipped} is not the quantized BERT layer expected")
    hidden_in, quantized_in, mask = hidden[0], query.input[0], scores.input[1]
    graph.initializer.extend(numpy_helper.from_array(np.array([v], np.int64), name) for name, v in
                             (("cls_start", 0), ("cls_end", 1), ("cls_token_axis", 1), ("cls_query_axis", 2),
                              ("cls_rows", -1)))
    slices = [helper.make_node("Slice", [source, "cls_start", "cls_end", axis], [source + "_cls"], name=name)
              for source, axis, name in ((quantized_in, "cls_token_axis", "cls_query_input"),
                                         (hidden_in, "cls_token_axis", "cls_residual"),
                                         (mask, "cls_query_axis", "cls_mask_rows"))]
    query.input[0] = quantized_in + "_cls"
    residual.input[:] = [hidden_in + "_cls" if i == hidden_in else i for i in residual.input]
    scores.input[1] = mask + "_cls"
    context_shape.input[1] = "cls_rows"  # (batch, rows, hidden): the rows are now 1, not the token count
    ordered = list(graph.node)
    at = ordered.index(query)
    ordered[at:at] = slices
    del graph.node[:]
    graph.node.extend(ordered)
    del graph.value_info[:]  # the exported shapes say every row is there; let onnxruntime infer them afresh
    onnx.checker.check_model(model)
    return model


def save(model, out: Path, probe_logit: float) -> None:
    """Write `model` to `out` atomically (a half-written file is never seen by another worker), recording
    `probe_logit`, its own score of the probe pair, which a later load must reproduce."""
    import onnx
    from onnx import helper

    helper.set_model_props(model, {PROBE_KEY: repr(float(probe_logit))})
    with replaced_whole(out) as temporary:
        onnx.save(model, str(temporary))


def recorded_probe_logit(session) -> float | None:
    """The probe score a built file recorded, from its loaded onnxruntime session (None if it has none)."""
    value = session.get_modelmeta().custom_metadata_map.get(PROBE_KEY)
    return float(value) if value is not None else None
