"""Guarding the doors: server-side sessions, login throttling, the password policy and the
security headers every response carries."""

from __future__ import annotations

from flask import Flask

from . import headers, sessions


def init_app(app: Flask) -> None:
    sessions.init_app(app)
    headers.init_app(app)
