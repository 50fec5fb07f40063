"""Security headers on every response.

The pages load scripts and styles only from this site (no inline script anywhere), may not be
framed, and answers to signed-in users are never stored by a browser or proxy cache.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_login import current_user

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
FIXED = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def init_app(app: Flask) -> None:
    app.after_request(_add_headers)


def _add_headers(response: Response) -> Response:
    for name, value in FIXED.items():
        response.headers.setdefault(name, value)
    if request.path.startswith("/api/") or (
        request.endpoint != "static" and current_user.is_authenticated
    ):
        response.headers["Cache-Control"] = "no-store"
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response
