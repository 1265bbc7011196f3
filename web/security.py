"""Security headers with a per-request CSP nonce, and CSRF protection for form posts."""

from __future__ import annotations

import secrets

from flask import Flask, g
from flask_wtf.csrf import CSRFProtect

DEV_SECRET = "development-only-not-secret"
csrf = CSRFProtect()


def init_app(app: Flask, exempt: list) -> None:
    csrf.init_app(app)
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
