"""The Flask app: a chat page and a JSON API over `assistant.engine.Assistant`. No retrieval here."""

from __future__ import annotations

import logging

from flask import Flask

from assistant.settings import Settings

MAX_REQUEST_BYTES = 64 * 1024


def create_app(settings: Settings | None = None, assistant=None) -> Flask:
    """Application factory. `assistant` may be injected (tests share one across apps)."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES, JSON_SORT_KEYS=False)
    app.config["SECRET_KEY"] = settings.secret_key or "development-only-not-secret"
    app.extensions["ltp_settings"] = settings
    if assistant is None:
        from assistant.engine import Assistant

        assistant = Assistant(settings)
    app.extensions["ltp_assistant"] = assistant

    from web import api, pages

    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    api.register_error_handlers(app)
    logging.getLogger(__name__).info("LTP Assistant app created (data in %s)", settings.data_dir)
    return app
