"""Vectors of texts the assistant derives from the corpus, kept on disk: a broad question's bullet forms and the
section titles it is matched against, embedded by `ltp index` into the generation (`index_texts`,
`prime_from_index`); checklist actions under LTP_DATA_DIR (`remember`).

Bullet forms are a passage's sentences as a summary shows them (acronyms spelt out, asides trimmed, a leaning
sentence joined to the one before): embedded per broad question they cost each worker CPU and about 25 MB of peak
memory, and their vectors varied with what else was in the batch (docs/history/speed.md, speed10).

The index stores the vectors of the passages' sentences, but a checklist compares its items' actions, which are
rewritten sentences ("Show the plan is clinically led"): embedding the ~130 of the system-plan checklist took
27 s of a first call on a loaded machine (docs/history/plan-review.md, "Plan review"). A text's vector depends only on the
text and the model, so the file is keyed by model and shared by every process and index generation; a new
process reads it instead of loading the model at all.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from assistant.section_summary import plain_title, units
from assistant.summary import _shown, _stands_alone
from indexer import text_vectors
from indexer.passage import Passage

log = logging.getLogger(__name__)
FOLDER = "cache"
MAX_TEXTS = 50_000
"""Past this the file starts afresh (384 floats a text: 50,000 is about 75 MB)."""


def cache_path(data_dir: Path, model_name: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", model_name).strip("-")[-80:] or "model"
    return data_dir / FOLDER / f"vectors-{slug}.npz"


def index_texts(passages: list[Passage], sections: Sequence[Mapping]) -> list[str]:
    """What a broad question embeds from the index (assistant/summary.py, section_summary.py): every bullet form
    of every passage, and every section's title as its topic is matched against."""
    forms = [_shown(p, unit) for p in passages for unit in units(p.text, _stands_alone)]
    return forms + [plain_title(s["title"]) for s in sections]


def prime_from_index(embeddings, folder: Path, info: Mapping) -> int:
    """Take a generation's stored text vectors into the embeddings' sentence cache (mmap rows: the pages are
    shared by workers); how many. None stored (an index built before them): they are embedded when first asked."""
    digest = (info.get("derived_texts") or {}).get("digest")
    stored = text_vectors.read(folder, digest) if digest else None
    if stored is None:
        return 0
    embeddings.prime_sentences(stored.by_text())
    return len(stored.texts)


def remember(assistant, texts: list[str]) -> None:
    """Make the assistant's embeddings hold `texts`, from LTP_DATA_DIR's file where it has them."""
    embed_remembered(assistant.embeddings, texts, cache_path(assistant.settings.data_dir, assistant.embeddings.name))


def embed_remembered(embeddings, texts: list[str], path: Path) -> np.ndarray:
    """Unit vectors of `texts` (one row each), from the file at `path` where it has them, embedding and adding
    the rest. The embeddings' own cache is primed too, so later calls in this process are free."""
    known = _read(path)
    wanted = list(dict.fromkeys(texts))
    missing = [t for t in wanted if t not in known]
    if missing:
        known.update(zip(missing, np.asarray(embeddings.embed_sentences(missing)), strict=True))
        _write(path, known)
    embeddings.prime_sentences({t: known[t] for t in wanted})
    return np.array([known[t] for t in texts]) if texts else np.zeros((0, 0))


def _read(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as stored:
            return dict(zip(stored["texts"].tolist(), stored["vectors"], strict=True))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError) as exc:  # a damaged or half-written cache is only a cache
        log.warning("ignoring unreadable vector cache %s: %s", path, exc)
        return {}


def _write(path: Path, known: dict[str, np.ndarray]) -> None:
    if len(known) > MAX_TEXTS:
        known = dict(list(known.items())[-MAX_TEXTS:])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as handle:
            np.savez(handle, texts=np.array(list(known), dtype=str), vectors=np.stack(list(known.values())))
        os.replace(handle.name, path)
    except OSError as exc:  # a read-only data dir still gets its checklists, only slower
        log.warning("could not write the vector cache %s: %s", path, exc)
