"""Rate-limit counts in a SQLite file, so every gunicorn worker on a machine enforces one shared limit.

flask-limiter's `memory://` store is per process: with N workers a client would get N times the limit set
in LTP_RATE_LIMIT (issue 22, M4). `sqlite:///PATH` (registered with the `limits` library by subclassing its
Storage) shares the counts between the workers of one machine without another service to run; several
machines share a `redis://` store instead (docs/deployment.md).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

from limits.storage import Storage

SCHEMA = "CREATE TABLE IF NOT EXISTS hits (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires REAL NOT NULL)"


class SQLiteStorage(Storage):
    """Fixed-window counters (flask-limiter's default strategy) in one SQLite table; each change is one
    IMMEDIATE transaction, so concurrent workers never lose a hit."""

    STORAGE_SCHEME = ["sqlite"]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.path = Path(uri.removeprefix("sqlite://"))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with closing(self._connect()) as connection:
            connection.execute(SCHEMA)

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10, isolation_level=None)

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with self._lock, closing(self._connect()) as connection:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("DELETE FROM hits WHERE expires <= ?", (now,))
            connection.execute(
                "INSERT INTO hits (key, count, expires) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET count = count + excluded.count", (key, amount, now + expiry))
            (count,) = connection.execute("SELECT count FROM hits WHERE key = ?", (key,)).fetchone()
            connection.execute("COMMIT")
        return int(count)

    def get(self, key: str) -> int:
        row = self._row(key)
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return float(row[1]) if row else time.time()

    def _row(self, key: str):
        with closing(self._connect()) as connection:
            return connection.execute("SELECT count, expires FROM hits WHERE key = ? AND expires > ?",
                                      (key, time.time())).fetchone()

    def check(self) -> bool:
        with closing(self._connect()) as connection:
            connection.execute("SELECT 1")
        return True

    def reset(self) -> int | None:
        with closing(self._connect()) as connection:
            return connection.execute("DELETE FROM hits").rowcount

    def clear(self, key: str) -> None:
        with closing(self._connect()) as connection:
            connection.execute("DELETE FROM hits WHERE key = ?", (key,))
