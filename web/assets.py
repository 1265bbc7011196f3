"""NHS.UK frontend CSS, JS and icons: from the npm package in a checkout (`make setup`), from the copy the
wheel carries when installed (setup.py copies them at build time), so a user needs neither the repo nor npm.

They are never committed; `send_from_directory` refuses any path outside the folder.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from flask import Blueprint, abort, send_from_directory

bp = Blueprint("assets", __name__)
PACKAGE = Path(str(files("web")))
NPM_DIST = PACKAGE / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"
VENDORED = PACKAGE / "static" / "vendor" / "nhsuk"
"""Where a built wheel carries nhsuk-frontend's dist/nhsuk files (same layout; gitignored in the repo)."""
TOP_LEVEL = {"nhsuk-frontend.min.css", "nhsuk-frontend.min.js"}


def nhsuk_dist() -> Path:
    """The npm copy when present (a checkout after `make setup`), else the wheel's copy."""
    return NPM_DIST if NPM_DIST.is_dir() else VENDORED


@bp.get("/assets/<path:name>")
def asset(name: str):
    dist = nhsuk_dist()
    folder = dist if name in TOP_LEVEL else dist / "assets"
    if not folder.exists():
        abort(404, "front-end assets are not installed: run `make setup` (npm install in web/)")
    return send_from_directory(folder, name, max_age=86400)
