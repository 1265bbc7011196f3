"""The app's own tables (feedback), in SQLite under LTP_DATA_DIR or in PostgreSQL (LTP_DATABASE_URL).

One SQLAlchemy Core code path serves both: SQLite is the embedded default for one machine; several machines
behind a load balancer share one PostgreSQL server, so ratings given on any of them land in one table and
`ltp feedback export` sees them all. The schema is created or brought up to date on first use (idempotent:
tables are created if missing, missing columns added, a version row kept), never at import time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (
    CheckConstraint,
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    SmallInteger,
    Table,
    Text,
    create_engine,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.schema import CreateColumn

from assistant.settings import Settings
from indexer.errors import BackendUnavailable, BadInput

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
"""Raise when a table or column is added below; a machine running older code then refuses a newer schema."""
MIGRATION_LOCK = 4_770_771
"""PostgreSQL advisory lock key: machines starting together create the tables one at a time."""

metadata = MetaData()
feedback_table = Table(
    "feedback", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", Text, nullable=False),
    Column("rating", SmallInteger, CheckConstraint("rating IN (-1, 1)", name="feedback_rating"), nullable=False),
    Column("comment", Text, nullable=False, server_default=""),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("citations", Text, nullable=False, server_default="[]"),
    Column("mode", Text, nullable=False, server_default=""),
    sqlite_autoincrement=True,  # as the original SQLite table: ids are never reused
)
schema_table = Table("ltp_schema", metadata, Column("version", Integer, nullable=False))


def engine_url(url: str) -> str:
    """`postgresql://` and `postgres://` mean psycopg 3 (SQLAlchemy would otherwise look for psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Database:
    """One engine (a small connection pool) per process; the schema is checked once, on first use.

    Errors reaching the server become BackendUnavailable (HTTP 503, CLI exit 1) naming the server but never
    its password."""

    def __init__(self, url: str):
        try:
            parsed = make_url(engine_url(url))
        except ArgumentError as exc:
            raise BadInput(f"LTP_DATABASE_URL is not a database URL ({exc}); use postgresql://USER@HOST/DB") from exc
        if parsed.get_backend_name() not in ("sqlite", "postgresql"):
            raise BadInput("LTP_DATABASE_URL must start with postgresql:// (or sqlite:/// for a local file)")
        self.url = parsed
        self.is_postgres = parsed.get_backend_name() == "postgresql"
        self.where = parsed.render_as_string(hide_password=True)
        self._engine: Engine | None = None
        self._ready = False
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls(settings.database_url or f"sqlite:///{settings.feedback_db}")

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            if self.is_postgres:
                self._engine = create_engine(self.url, pool_size=2, max_overflow=4, pool_timeout=10,
                                             pool_pre_ping=True, connect_args={"connect_timeout": 5})
            else:
                if self.url.database:
                    Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
                self._engine = create_engine(self.url, connect_args={"timeout": 10})
        return self._engine

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction on an up-to-date schema; unreachable server → BackendUnavailable."""
        try:
            self._migrate_once()
            with self.engine.begin() as connection:
                yield connection
        except OperationalError as exc:
            log.warning("database %s failed: %s", self.where, exc.orig)
            raise BackendUnavailable(
                f"the feedback database ({self.where}) is not answering, so nothing was saved or read; "
                "try again shortly, and if it persists check that the database server is running"
            ) from exc

    def _migrate_once(self) -> None:
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            try:
                self._migrate()
            except DBAPIError as exc:
                if "already exists" not in str(exc.orig):
                    raise
                # Another process (a second worker on SQLite) created the table between our check and our
                # CREATE: look again.
                log.info("schema migration raced another process (%s); checking again", exc.orig)
                self._migrate()
            self._ready = True

    def _migrate(self) -> None:
        with self.engine.begin() as connection:
            if self.is_postgres:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            metadata.create_all(connection, checkfirst=True)
            _add_missing_columns(connection)
            stored = connection.execute(select(schema_table.c.version)).scalars().all()
            if not stored:
                connection.execute(schema_table.insert().values(version=SCHEMA_VERSION))
            elif max(stored) > SCHEMA_VERSION:
                raise BackendUnavailable(f"the database {self.where} has schema version {max(stored)}, newer than this "
                               f"program's {SCHEMA_VERSION}: upgrade LTP Assistant on this machine")
            elif max(stored) < SCHEMA_VERSION:
                connection.execute(schema_table.update().values(version=SCHEMA_VERSION))
        log.info("database %s ready (schema version %d)", self.where, SCHEMA_VERSION)

    def dispose(self) -> None:
        """Close pooled connections (tests, and before a process forks)."""
        if self._engine is not None:
            self._engine.dispose()


def as_database(target: Database | Path) -> Database:
    """The app passes its one Database; a Path (scripts, tests) means that SQLite file."""
    return target if isinstance(target, Database) else Database(f"sqlite:///{target}")


def _add_missing_columns(connection: Connection) -> None:
    """Columns added to a table after it was first created (an older database) are added in place."""
    inspector = inspect(connection)
    for table in metadata.sorted_tables:
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:
                ddl = CreateColumn(column).compile(dialect=connection.dialect)
                connection.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {ddl}"))
                log.info("added column %s.%s", table.name, column.name)  # new columns need a server_default
