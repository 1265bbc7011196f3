"""Built files under LTP_DATA_DIR/cache that are named for what they were built from (the cross-encoder's [CLS]
rewrite, assistant/rerank_graph.py): when the model they come from changes, a new name is written and the old file
would stay behind for good (34 MB a time). So whoever writes or loads the current one removes the stale ones of its
kind, but never one another worker is using, and never one being written.

Every worker that uses such a file holds a shared advisory lock on it (fcntl.flock) from before it loads it until the
holder is closed or the process ends; the remover takes each stale file's lock exclusively without waiting, and
skips any file it cannot lock. A worker of another version (a rolling restart, two checkouts sharing one data dir)
therefore keeps its file while it runs. Files are only ever replaced whole or unlinked (indexer/atomic_files.py), so
a race costs at worst one rebuild, never a half-read file. Temporaries being written (".NAME.*.part") are left alone
unless a crashed writer left them hours ago. Without fcntl (Windows) nothing is removed.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: no advisory locks, so nothing is ever removed
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)
ABANDONED_SECONDS = 3600.0
"""A temporary this old belongs to a writer that died: a live one finishes in seconds (indexer/atomic_files.py)."""


class HeldFile:
    """A shared lock on one cached file, kept while the file's user lives: no other process removes the file.
    It keeps a bare descriptor, not a Python file object: a holder collected with its owner's reference cycle (at
    exit, in any order) closes it quietly."""

    def __init__(self, path: Path, descriptor: int):
        self.path = path
        self._descriptor: int | None = descriptor

    def close(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)  # releases the lock
            self._descriptor = None

    def __del__(self) -> None:
        self.close()


def hold(path: Path) -> HeldFile | None:
    """Hold `path` for as long as the returned holder lives; None when it cannot be opened (missing: build it)."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_SH)
    except OSError:  # a file system without locks: nothing is removed from it either (remove_stale cannot lock)
        pass
    return HeldFile(path, descriptor)


def in_use(path: Path, pattern: str, held: HeldFile | None = None) -> HeldFile | None:
    """Hold `path` for as long as the returned holder lives (or keep `held`, taken before the file was read), then
    remove the files matching `pattern` beside it that no process holds; None when `path` is gone."""
    held = held or hold(path)
    if held is not None:
        remove_stale(path, pattern)
    return held


def remove_stale(current: Path, pattern: str) -> list[Path]:
    """Remove the files matching `pattern` beside `current`, other than it, that no process holds, and temporaries of
    that kind a crashed writer left; the paths removed. Never raises: a file that cannot be removed stays."""
    if fcntl is None:
        return []
    removed = []
    folder = current.parent
    for path in sorted(folder.glob(pattern)):
        if path.name != current.name and _remove_unheld(path):
            removed.append(path)
    for temporary in sorted(folder.glob(f".{pattern}.*.part")):
        try:
            if time.time() - temporary.stat().st_mtime > ABANDONED_SECONDS:
                temporary.unlink()
                removed.append(temporary)
        except OSError:
            continue
    if removed:
        log.info("removed %d stale cached file(s) beside %s: %s", len(removed), current.name,
                 ", ".join(p.name for p in removed))
    return removed


def _remove_unheld(path: Path) -> bool:
    """Unlink `path` if no process holds it: its lock taken exclusively without waiting, and still the same file at
    that name (not one replaced meanwhile)."""
    assert fcntl is not None
    try:
        with open(path, "rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if not os.path.samestat(os.fstat(handle.fileno()), os.stat(path)):
                return False
            path.unlink()
            return True
    except OSError:  # held (BlockingIOError), already gone, or not ours to remove
        return False
