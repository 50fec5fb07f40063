"""A real HTTP server in a thread around a fresh app, and Debian's Chromium driven by Playwright.

Used by the browser tests and by scripts/screenshots.py.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from playwright.sync_api import Browser, Playwright
from werkzeug.security import generate_password_hash
from werkzeug.serving import make_server

from catalog import accounts, create_app
from catalog.db import get_db
from catalog.migrations import apply_all
from catalog.store import users

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct horse battery"
FAST_HASH = "pbkdf2:sha256:1000"  # test users only


def make_app(folder: Path) -> Flask:
    app = create_app(
        {
            "DATABASE": str(folder / "live.sqlite"),
            "SECRET_KEY": "browser-tests",
            "RULES_DIR": str(ROOT / "rules"),
            "SPEC_CACHE_DIR": str(folder / "spec-cache"),
            "SPEC_NICE": 0,  # the browser waits 20 s: a render must not yield to other tests
        }
    )
    with app.app_context():
        db = get_db()
        apply_all(db)
        for role in ("sales", "manager"):
            issued = accounts.create_user(db, role, role)
            hashed = generate_password_hash(PASSWORD, FAST_HASH)
            users.update(db, issued.user_id, {"password_hash": hashed})
    return app


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """The app on 127.0.0.1 at a free port; yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


def chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
