"""Security headers with a per-request CSP nonce, CSRF protection for form posts, and per-app rate limits."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, g
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

import web.ratelimit  # noqa: F401  registers the sqlite:// rate-limit store with the limits library

DEV_SECRET = "development-only-not-secret"
csrf = CSRFProtect()
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
"""Sent on every response, including the server's own error pages (web/production.py)."""
QUESTION_ROUTES = ("api.ask", "api.ask_stream", "pages.chat_form")
FEEDBACK_LIMIT = "10 per minute;200 per day"
"""Feedback per client: enough for anyone rating answers, too little to fill the disk (rows are capped too)."""


def init_app(app: Flask, exempt: list, rate_limit: str, storage: str) -> None:
    csrf.init_app(app)
    for blueprint in exempt:
        # The JSON API only accepts application/json, which a cross-site form cannot send without CORS.
        csrf.exempt(blueprint)
    _rate_limits(app, rate_limit, storage)

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
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if response.location:
            response.location = same_site(response.location)
        return response


def same_site(location: str) -> str:
    """A redirect as a path on this site: werkzeug builds routing redirects ("//checklists") from the
    request's Host header, which a client chooses; a relative Location never sends anyone elsewhere."""
    parts = urlsplit(location)
    path = "/" + parts.path.lstrip("/")
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def production_cookies(app: Flask) -> None:
    """In production the session cookie (it carries the CSRF secret) is only sent over HTTPS, and never on
    cross-site requests; serve the app behind TLS (docs/deployment.md)."""
    app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_HTTPONLY=True)


def _rate_limits(app: Flask, rate_limit: str, storage: str) -> Limiter:
    """One Limiter per app (a module-level one would let the last app created set every app's limits).

    LTP_RATE_LIMIT applies to each answering route; feedback has its own, stricter limit.
    """
    enabled = rate_limit.strip() not in ("", "0")
    limiter = Limiter(get_remote_address, app=app, storage_uri=storage, headers_enabled=True, enabled=enabled)
    app.extensions["ltp_limiter"] = limiter
    for endpoint in QUESTION_ROUTES:
        app.view_functions[endpoint] = limiter.limit(rate_limit if enabled else "1000 per second")(app.view_functions[endpoint])
    app.view_functions["api.feedback"] = limiter.limit(FEEDBACK_LIMIT)(app.view_functions["api.feedback"])
    return limiter
