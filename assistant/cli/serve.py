"""`ltp serve`: the web app, on Flask's development server or, with --prod, on gunicorn."""

from __future__ import annotations

import click

from assistant.cli.common import UserError, run_library
from assistant.config import DEFAULT_CONFIG
from assistant.settings import Settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@click.option("--debug", is_flag=True, help="Flask's debugger and reloader: for development only.")
@click.option("--prod", is_flag=True, help="Serve with gunicorn (several workers); needs LTP_SECRET_KEY.")
@click.option("--workers", default=2, show_default=True, help="With --prod: worker processes (about one per core).")
@click.option("--connections", default=1000, show_default=True,
              help="With --prod: open connections each worker holds at once (gevent: idle ones cost no thread).")
@click.option("--balance/--no-balance", default=True, show_default=True,
              help="With --prod and 2+ workers: a worker with requests waiting closes a kept-alive connection after "
                   "answering, so that client's next request goes to whichever worker is free first.")
@click.option("--set", "assignments", multiple=True, hidden=True, metavar="NAME=VALUE",
              help="A PipelineConfig setting to answer with, e.g. rerank_margin=0.1 (benchmark arms).")
@click.option("--threads", default=None, type=int, hidden=True,
              help="Accepted for older scripts and ignored: workers are gevent workers, not thread pools.")
def serve(host: str, port: int, debug: bool, prod: bool, workers: int, connections: int, balance: bool,
          assignments: tuple[str, ...], threads: int | None) -> None:
    """Run the web app (chat page and JSON API)."""
    settings = Settings.from_env()
    try:
        config = DEFAULT_CONFIG.with_values(assignments)
    except ValueError as error:
        raise UserError(str(error)) from error
    if prod:
        if debug:
            raise UserError("--debug is for development only; drop it with --prod")
        from web.production import serve_production

        run_library(lambda: serve_production(settings, host, port, workers, connections, balance, config))
        return
    from web import create_app

    create_app(settings, config=config).run(host=host, port=port, debug=debug, use_reloader=debug, threaded=True)
