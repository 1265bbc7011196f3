"""Real servers for integration tests, each on a free loopback port with its files in a temporary folder:
PostgreSQL (Debian's `postgresql` package), Redis (`redis-server`) and Chroma (`chroma run`, from chromadb).

Each `start_*` returns a handle whose `stop()` the calling fixture puts in its finalizer. Nothing here mocks
a server: when the binaries are missing, the test is skipped with the package to install (.ci/run installs
them, so CI always runs these tests).
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
CHROMA = str(Path(sys.executable).with_name("chroma"))
LTP = str(Path(sys.executable).with_name("ltp"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} exited with {process.returncode} while starting")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    process.kill()
    pytest.fail(f"{what} did not start within {seconds:g} s")


@dataclass
class Postgres:
    """A throwaway cluster: superuser `ltp`, trust authentication, loopback only, socket in its own folder."""

    folder: Path
    port: int
    user: str | None
    process: subprocess.Popen | None = None

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://ltp@127.0.0.1:{self.port}/{database}"

    def start(self) -> Postgres:
        self.process = subprocess.Popen(
            [str(POSTGRES_BIN / "postgres"), "-D", str(self.folder / "data"), "-p", str(self.port),
             "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.folder}",
             "-c", "fsync=off", "-c", "max_connections=60"],
            user=self.user, stdout=(self.folder / "server.log").open("a"), stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, self.process, "postgres")
        self._wait_accepting()
        return self

    def _wait_accepting(self, seconds: float = 30) -> None:
        """The port opens before the server takes connections ("the database system is starting up")."""
        import psycopg

        deadline = time.monotonic() + seconds
        while True:
            try:
                psycopg.connect(self.url(), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # "fast" shutdown: SIGTERM's "smart" one waits for every client
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def start_postgres() -> Postgres:
    """initdb + postgres on a free port. PostgreSQL refuses to run as root, so as root it runs as `postgres`."""
    if not (POSTGRES_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL is not installed ({POSTGRES_BIN}/initdb missing): apt-get install postgresql")
    user = None
    folder = Path(tempfile.mkdtemp(prefix="ltp-pg-"))
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no `postgres` user to run PostgreSQL as")
        user = "postgres"
        os.chown(folder, account.pw_uid, account.pw_gid)
    subprocess.run([str(POSTGRES_BIN / "initdb"), "-D", str(folder / "data"), "-U", "ltp", "--auth=trust",
                    "--encoding=UTF8", "--locale=C"], user=user, check=True, capture_output=True)
    return Postgres(folder, free_port(), user).start()


def remove_postgres(server: Postgres) -> None:
    server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)


@dataclass
class Redis:
    folder: Path
    port: int
    process: subprocess.Popen | None = field(default=None)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def start(self) -> Redis:
        redis_server = shutil.which("redis-server")
        if not redis_server:
            pytest.skip("redis-server is not installed: apt-get install redis-server")
        self.process = subprocess.Popen(
            [redis_server, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port, self.process, "redis-server")
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@dataclass
class Chroma:
    folder: Path
    port: int
    process: subprocess.Popen | None = field(default=None)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Chroma:
        self.process = subprocess.Popen(
            [CHROMA, "run", "--path", str(self.folder), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1)
                return self
            except httpx.TransportError:
                time.sleep(0.3)
        self.process.kill()
        pytest.fail("chroma run did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class ProductionServer:
    """`ltp serve --prod` on a free loopback port. Its output goes to a log file, not a pipe: a pipe nobody drains
    fills up and blocks the server."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.workers = workers
        self._log_file = log.open("w")
        self._terminated = False
        self.process = subprocess.Popen([LTP, "serve", "--prod", "--port", str(self.port), "--workers", str(workers)],
                                        env={**os.environ, **env}, stdout=self._log_file, stderr=subprocess.STDOUT)

    def wait_ready(self, seconds: float = 120, every_worker: bool = False) -> ProductionServer:
        """Until /healthz answers 200 (and, with `every_worker`, every worker has logged that it is warm)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                healthy = httpx.get(self.base + "/healthz", timeout=2).status_code == 200
                if healthy and (not every_worker or self.log.read_text().count("Worker ready") >= self.workers):
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        self.stop()
        pytest.fail("ltp serve --prod did not start: " + self.log.read_text()[-2000:])

    def terminate(self) -> None:
        """SIGTERM without waiting, so several servers shut down side by side; `stop()` then waits."""
        if self.process.poll() is None and not self._terminated:
            self.process.terminate()
            self._terminated = True

    def stop(self, seconds: float = 5) -> None:
        """SIGTERM, then SIGKILL if it lingers; graceful shutdown itself is tested in test_production.py."""
        if self.process.poll() is None:
            self.terminate()
            try:
                self.process.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()
