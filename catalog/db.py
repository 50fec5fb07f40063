"""One sqlite-utils Database per request, opened with WAL, a busy timeout and foreign keys."""

from __future__ import annotations

import os
import sqlite3
import stat

import sqlite_utils
from flask import Flask, current_app, g

BUSY_TIMEOUT_MS = 10_000


def private(path: str) -> None:
    """Create the file readable by its owner only, or make it so; SQLite gives the -wal and
    -shm files the database file's permissions.

    Never open and close a database file that may be in use: closing any descriptor of a file
    drops every POSIX lock this process holds on it, including the locks of another thread's
    SQLite connection in the middle of a write (threaded workers corrupted the database that
    way). So an existing file is only chmod-ed by path; only a new one is created here.
    """
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except FileExistsError:
        if stat.S_IMODE(os.stat(path).st_mode) & 0o077:
            os.chmod(path, 0o600)
        return
    os.close(fd)  # a file made just now: no connection holds a lock on it yet


def connect(path: str) -> sqlite_utils.Database:
    if path != ":memory:":
        private(path)
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if path != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return sqlite_utils.Database(conn)


def get_db() -> sqlite_utils.Database:
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    db: sqlite_utils.Database = g.db
    return db


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)
