"""Server-rendered pages."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def chat():
    return render_template("chat.html")
