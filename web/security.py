"""Security headers with a per-request CSP nonce, and CSRF protection for form posts."""

from __future__ import annotations

import secrets

from flask import Flask, current_app, g
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

DEV_SECRET = "development-only-not-secret"
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, headers_enabled=True)


def question_limit() -> str:
    """The per-client limit on answering and feedback routes (LTP_RATE_LIMIT), e.g. "60 per minute"."""
    return current_app.config["LTP_RATE_LIMIT"]


def init_app(app: Flask, exempt: list, rate_limit: str, storage: str) -> None:
    csrf.init_app(app)
    enabled = rate_limit.strip() not in ("", "0")
    app.config.update(RATELIMIT_STORAGE_URI=storage, RATELIMIT_ENABLED=enabled,
                      LTP_RATE_LIMIT=rate_limit if enabled else "1000 per second")
    limiter.init_app(app)
    for blueprint in exempt:
        # The JSON API only accepts application/json, which a cross-site form cannot send without CORS.
        csrf.exempt(blueprint)

    @app.before_request
    def make_nonce() -> None:
        g.csp_nonce = secrets.token_urlsafe(16)

    @app.context_processor
    def nonce() -> dict:
        return {"cspNonce": g.get("csp_nonce", "")}

    @app.after_request
    def headers(response):
        nonce_value = g.get("csp_nonce", "")
        response.headers.setdefault(
            "Content-Security-Policy",
            f"default-src 'self'; script-src 'self' 'nonce-{nonce_value}'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response
