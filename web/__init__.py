"""The Flask app: chat, checklist and programme pages and a JSON API over `assistant.engine.Assistant`.

The web layer only translates HTTP into assistant calls; it holds no retrieval or parsing logic.
"""

from __future__ import annotations

import logging

from flask import Flask
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from assistant.settings import Settings
from web import security

MAX_REQUEST_BYTES = 64 * 1024
"""Questions are at most 2,000 characters; history adds some. Anything larger is refused with 413."""


def create_app(settings: Settings | None = None, assistant=None, config=None) -> Flask:
    """Application factory. `assistant` may be injected (tests share one across apps); `config` (a PipelineConfig,
    the default when None) is the pipeline a new one answers with."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    if settings.trusted_proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies, x_proto=settings.trusted_proxies)
    app.jinja_options = {
        "undefined": ChainableUndefined,
        "loader": ChoiceLoader([FileSystemLoader(app.root_path + "/templates"), PackageLoader("nhsuk_frontend_jinja")]),
        "autoescape": True,
    }
    app.config.update(MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES, SECRET_KEY=settings.secret_key or security.DEV_SECRET)
    app.extensions["ltp_settings"] = settings
    if assistant is None:
        from assistant.config import DEFAULT_CONFIG
        from assistant.engine import Assistant

        assistant = Assistant(settings, config or DEFAULT_CONFIG)
    app.extensions["ltp_assistant"] = assistant
    from assistant.database import Database

    app.extensions["ltp_database"] = Database.from_settings(settings)  # connects on first feedback, not now

    from web import api, assets, pages

    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(assets.bp)
    security.init_app(app, exempt=[api.bp], rate_limit=settings.rate_limit, storage=settings.rate_limit_storage)
    api.register_error_handlers(app)
    pages.register_filters(app)
    logging.getLogger(__name__).info("LTP Assistant app created (data in %s)", settings.data_dir)
    return app
