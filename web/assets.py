"""NHS.UK frontend CSS, JS and icons, served from the npm package installed by `make setup`.

They are not committed; `send_from_directory` refuses any path outside the package's folder.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, send_from_directory

bp = Blueprint("assets", __name__)
NHSUK_DIST = Path(__file__).parent / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"
FILES = {"nhsuk-frontend.min.css": NHSUK_DIST, "nhsuk-frontend.min.js": NHSUK_DIST}


@bp.get("/assets/<path:name>")
def asset(name: str):
    folder = FILES.get(name, NHSUK_DIST / "assets")
    if not folder.exists():
        abort(404, "front-end assets are not installed: run `make setup` (npm install in web/)")
    return send_from_directory(folder, name, max_age=86400)
