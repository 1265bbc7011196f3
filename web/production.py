"""`ltp serve --prod`: gunicorn with gevent workers that withstand slow and idle clients, sharing one index.

Why gevent (issue 22, H1): gunicorn's threaded workers give each connection a thread while it sends its
body, so eight clients that send headers and then trickle (or stall) hold every thread and the service
stops. Gunicorn's docs say to put a buffering proxy (nginx) in front of such workers, or to use an async
worker when serving clients directly. A deployer may not have nginx, so each worker here is a gevent
worker: a waiting connection costs a greenlet, not a thread; a request's body is read whole (within
BODY_SECONDS) before the app sees it, so a stalled client gets 408 and never holds the answering code;
idle connections close after the keep-alive time. Answering is CPU work (~50 ms) that runs on the
worker's loop, which is what bounds /healthz latency under load (docs/deployment.md has the figures).

Stateless workers: the index is read from LTP_DATA_DIR (or LTP_CHROMA_URL), feedback goes to SQLite,
rate-limit counts to a store every worker shares (web/ratelimit.py).
"""

from __future__ import annotations

import io
import json
import logging
import os
import select
from dataclasses import replace

from gunicorn import util as gunicorn_util
from gunicorn.app.base import BaseApplication
from gunicorn.workers.ggevent import GeventWorker

from assistant.privacy import RedactingFilter
from assistant.settings import Settings
from indexer.errors import BadInput
from web.security import SECURITY_HEADERS, production_cookies

log = logging.getLogger(__name__)
BODY_SECONDS = 10
"""A request body must arrive within this many seconds (64 KiB at most: any real client sends it at once)."""
KEEPALIVE_SECONDS = 5
"""Idle connections, and clients that never finish their headers, are closed after this many seconds."""
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms %(p)s'
"""No query strings and no user agent: `/?q=` may hold a question, and questions may hold personal data. The
worker's pid (`<1234>`) last, so an operator (and bench.speed) can see how the workers share the requests."""


def check_production_settings(settings: Settings, workers: int) -> None:
    if not settings.secret_key or len(settings.secret_key) < 16:
        raise BadInput(
            "production needs LTP_SECRET_KEY (16+ random characters), e.g. "
            "export LTP_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
        )
    if workers < 1:
        raise BadInput("--workers must be 1 or more")


def shared_rate_limits(settings: Settings, workers: int) -> Settings:
    """With several workers, per-process counts would give each client N times LTP_RATE_LIMIT: keep them in a
    SQLite file every worker shares instead (several machines: set LTP_RATE_LIMIT_STORAGE=redis://...)."""
    if workers == 1 or not settings.rate_limit_storage.startswith("memory://"):
        return settings
    storage = f"sqlite://{settings.data_dir / 'ratelimits.sqlite3'}"
    log.info("rate limits shared by %d workers in %s", workers, storage)
    return replace(settings, rate_limit_storage=storage)


class WholeRequests:
    """WSGI middleware: read the request body completely, within BODY_SECONDS, before the app runs.

    This is the buffering an nginx in front would do. A client that stalls gets 408 and its connection is
    closed; the app only ever reads a body that is already in memory.
    """

    def __init__(self, app, limit: int, seconds: float = BODY_SECONDS):
        self.app, self.limit, self.seconds = app, limit, seconds

    def __call__(self, environ, start_response):
        import gevent

        length = environ.get("CONTENT_LENGTH") or ""
        if length.isdigit() and int(length) > self.limit:
            return self.app(environ, start_response)  # refused with 413 before reading a byte
        try:
            with gevent.Timeout(self.seconds):
                body = environ["wsgi.input"].read(self.limit + 1)
        except gevent.Timeout:
            return _plain_error(start_response, 408, "Request Timeout",
                                "the request body did not arrive in time; send the request again")
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return self.app(environ, start_response)


def _plain_error(start_response, status: int, reason: str, message: str) -> list[bytes]:
    body = json.dumps({"error": message}).encode()
    start_response(f"{status} {reason}", [("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                                          ("Connection", "close"), *SECURITY_HEADERS.items()])
    return [body]


def _error_with_headers(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's own answer to requests it cannot parse (400, 414, 431), as JSON with our security headers."""
    body = json.dumps({"error": f"{reason.lower()}: the request could not be read"}).encode()
    headers = "".join(f"{name}: {value}\r\n" for name, value in SECURITY_HEADERS.items())
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n{headers}\r\n")
    gunicorn_util.write_nonblock(sock, head.encode("latin-1") + body)


class HardenedGeventWorker(GeventWorker):
    """gunicorn's gevent worker, with its parse-error pages carrying our security headers."""

    def init_process(self):
        gunicorn_util.write_error = _error_with_headers  # the worker's error path calls util.write_error
        for name in ("gunicorn.error", "gunicorn.access"):
            logging.getLogger(name).addFilter(RedactingFilter())
        super().init_process()


class BalancingGeventWorker(HardenedGeventWorker):
    """A worker that hands a kept-alive client back to the accept queue when other requests are waiting.

    Answering is CPU work that holds the worker's loop. Each turn of the loop serves every kept-alive question
    that has arrived and accepts one new connection (gunicorn's max_accept = 1), so kept-alive clients were served
    over and over while a new connection waited behind them, and a kept-alive connection stays with the worker
    that accepted it, however many clients that worker already has (issue 16: p95 over 3 times the mean at 16
    clients). Here, when a response is ready and a request is waiting (a new connection in the listening
    socket's queue, or a question sent on another of this worker's connections), the response says
    `Connection: close`: the client's next question is a new connection at the back of the kernel's accept queue
    (first come, first served), taken by whichever worker is free first. With nobody waiting the connection stays
    open, so a lone client keeps its keep-alive. Everything else is HardenedGeventWorker's.
    """

    def init_process(self) -> None:
        self.connections: set = set()
        super().init_process()

    def load_wsgi(self):
        super().load_wsgi()
        self.wsgi = HandOff(self.wsgi, self.others_waiting)

    def handle(self, listener, client, addr):
        self.connections.add(client)
        try:
            super().handle(listener, client, addr)
        finally:
            self.connections.discard(client)

    def others_waiting(self, mine) -> bool:
        """Whether a connection waits to be accepted, or another of this worker's has bytes ready to read."""
        fds = [fd for sock in (*self.sockets, *self.connections) if sock is not mine and (fd := sock.fileno()) >= 0]
        poller = _real_poll()
        for fd in fds:
            poller.register(fd, select.POLLIN)
        return bool(poller.poll(0))


def _real_poll():
    """The operating system's poll (gevent patches select.poll into one that waits on the loop)."""
    from gevent import monkey

    return monkey.get_original("select", "poll")()


class HandOff:
    """WSGI wrapper: when `waiting(socket)` says another request is waiting, close the connection after this response."""

    def __init__(self, app, waiting):
        self.app, self.waiting = app, waiting

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            # Called once the answer is computed (Flask builds the response first), so the queue that built up
            # while this worker was busy is what decides. gunicorn ignores a Connection header from the app;
            # its response object (start_response's owner) closes on request.
            response = getattr(start_response, "__self__", None)
            if response is not None and self.waiting(environ.get("gunicorn.socket")):
                response.force_close()
            return start_response(status, headers, exc_info)
        return self.app(environ, start)


class ProductionServer(BaseApplication):
    def __init__(self, settings: Settings, options: dict, config=None):
        self.settings = settings
        self.options = options
        self.config = config
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        self.cfg.set("post_worker_init", _warm_worker)

    def load(self):
        from web import MAX_REQUEST_BYTES, create_app

        app = create_app(self.settings, config=self.config)
        production_cookies(app)
        app.wsgi_app = WholeRequests(app.wsgi_app, MAX_REQUEST_BYTES)
        return app


def _warm_worker(worker) -> None:
    """Load the model, the index and its stored sentence vectors before the worker takes traffic, so no user
    waits for any of it (gunicorn starts serving a worker only once this returns)."""
    # Workers share the cores: with more workers than cores, a per-process thread pool (the query embedding's,
    # onnxruntime's for the cross-encoder) only contends. A gevent worker answers one request at a time,
    # so a thread per core it owns keeps the cores busy without threads waiting on each other.
    threads = max(1, (os.cpu_count() or 1) // worker.cfg.workers)
    assistant = worker.app.wsgi().extensions["ltp_assistant"]  # the Flask app (worker.wsgi may wrap it)
    assistant.embeddings.limit_threads(threads)  # torch too, if it is ever loaded (not for questions: ONNX)
    if assistant.reranker is not None:
        assistant.reranker.limit_threads(threads)
    try:
        assistant.warm()
        assistant.warm_sentences()
    except Exception as exc:  # a missing index is reported per request as 503, not a dead worker
        log.warning("worker %s could not warm up: %s", worker.pid, exc)
        return
    worker.log.info("Worker ready (pid: %s): index, model and sentence vectors loaded", worker.pid)


def serve_production(settings: Settings, host: str, port: int, workers: int, connections: int,
                     balance: bool = True, config=None) -> None:
    """`balance`: with several workers, a busy worker hands kept-alive clients back (BalancingGeventWorker);
    `config`: the PipelineConfig the workers answer with (the default when None)."""
    check_production_settings(settings, workers)
    settings = shared_rate_limits(settings, workers)
    worker = "BalancingGeventWorker" if balance and workers > 1 else "HardenedGeventWorker"
    ProductionServer(settings, {
        "bind": f"{host}:{port}", "workers": workers, "worker_class": f"web.production.{worker}",
        "worker_connections": connections, "timeout": 120, "graceful_timeout": 30, "keepalive": KEEPALIVE_SECONDS,
        "accesslog": "-", "access_log_format": ACCESS_LOG_FORMAT,
        "limit_request_line": 4094, "limit_request_fields": 50, "limit_request_field_size": 8190,
        "control_socket_disable": True,
    }, config).run()
