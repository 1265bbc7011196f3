"""One Chroma collection handle kept per index generation, for the store (`indexer/store.py`).

Why: looking a collection up costs Chroma about 2 ms, and every search needs one. Why it stays right: a kept
handle is dropped when its generation is pruned or discarded (the store calls `forget`), and when using it fails
for any reason but an unreachable server it is dropped and looked up again, so a generation deleted elsewhere
reports what a fresh lookup reports instead of a stale handle's error.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from indexer.errors import BackendUnavailable

Handle = TypeVar("Handle")
Result = TypeVar("Result")


class CollectionHandles:
    """Handles by generation name; safe to share between threads. A lookup runs outside the lock."""

    def __init__(self) -> None:
        self._handles: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, generation: str, look_up: Callable[[], Handle]) -> Handle:
        """The kept handle for `generation`, or `look_up()`'s, which is kept from now on."""
        with self._lock:
            kept = self._handles.get(generation)
        if kept is not None:
            return kept
        handle = look_up()
        with self._lock:
            self._handles[generation] = handle
        return handle

    def forget(self, generation: str) -> None:
        """Drop the handle for `generation` (pruned, discarded, or gone stale): the next use looks it up anew."""
        with self._lock:
            self._handles.pop(generation, None)

    def __contains__(self, generation: object) -> bool:
        with self._lock:
            return generation in self._handles


def call_with_kept_handle(
    open_handle: Callable[[], Handle], call: Callable[[Handle], Result], forget: Callable[[], None]
) -> Result:
    """`call` on the handle `open_handle` gives (usually a kept one). When that fails for any reason but an
    unreachable server, the kept handle may have gone stale (its generation deleted by another process): `forget`
    it and try once more on a fresh lookup, so the caller sees what a fresh lookup reports."""
    try:
        return call(open_handle())
    except BackendUnavailable:
        raise
    except Exception:
        forget()
        return call(open_handle())
