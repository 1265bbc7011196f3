"""`ltp serve --prod`: gunicorn with several workers sharing one index, graceful on SIGTERM.

Stateless workers: the index is read from LTP_DATA_DIR (or LTP_CHROMA_URL), feedback goes to SQLite,
rate-limit counts to LTP_RATE_LIMIT_STORAGE. For more than one machine, point every machine at the same
Chroma server and a shared rate-limit store.
"""

from __future__ import annotations

import logging
import os

from gunicorn.app.base import BaseApplication

from assistant.errors import BadInput
from assistant.settings import Settings

log = logging.getLogger(__name__)


def check_production_settings(settings: Settings) -> None:
    if not settings.secret_key or len(settings.secret_key) < 16:
        raise BadInput(
            "production needs LTP_SECRET_KEY (16+ random characters), e.g. "
            "export LTP_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
        )


class ProductionServer(BaseApplication):
    def __init__(self, settings: Settings, options: dict):
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        self.cfg.set("post_worker_init", _warm_worker)

    def load(self):
        from web import create_app

        return create_app(self.settings)


def _warm_worker(worker) -> None:
    """Load the model, the index and its stored sentence vectors before the worker takes traffic, so no user
    waits for any of it (gunicorn starts serving a worker only once this returns)."""
    import torch

    # Workers share the cores: with more workers than cores, torch's per-process thread pool only contends.
    torch.set_num_threads(max(1, (os.cpu_count() or 1) // worker.cfg.workers))
    assistant = worker.wsgi.extensions["ltp_assistant"]
    try:
        assistant.warm()
        assistant.warm_sentences()
    except Exception as exc:  # a missing index is reported per request as 503, not a dead worker
        log.warning("worker %s could not warm up: %s", worker.pid, exc)
        return
    worker.log.info("Worker ready (pid: %s): index, model and sentence vectors loaded", worker.pid)


def serve_production(settings: Settings, host: str, port: int, workers: int, threads: int) -> None:
    check_production_settings(settings)
    ProductionServer(settings, {
        "bind": f"{host}:{port}", "workers": workers, "threads": threads, "worker_class": "gthread",
        "timeout": 120, "graceful_timeout": 30, "keepalive": 5, "accesslog": "-",
    }).run()
