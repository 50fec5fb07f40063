"""Login throttling per account, per address and per (account, address), in SQLite so every
worker sees the same counts.

A guesser is stopped cheaply: once over a limit the password is not even hashed. The limits
are per sliding window, so nobody is locked out for longer than WINDOW; the strictest limit is
per (account, address), which a guesser elsewhere cannot use to lock the real user out, and
the per-account limit is high enough that only a sustained attack from many addresses hits it.
"""

from __future__ import annotations

import math
import time

from sqlite_utils import Database

from ..store import sessions as store

WINDOW = 15 * 60  # seconds
LIMITS = {"pair": 5, "address": 30, "account": 50}


def retry_after(db: Database, account: str, address: str, at: float | None = None) -> int:
    """Seconds until another try is allowed; 0 when it is allowed now."""
    at = time.time() if at is None else at
    since = at - WINDOW
    counts = store.failures(db, since, account.strip(), address)
    if all(counts.get(key, 0) < limit for key, limit in LIMITS.items()):
        return 0
    oldest = store.oldest_failure(db, since, account.strip(), address) or at
    return max(1, math.ceil(oldest + WINDOW - at))


def failed(db: Database, account: str, address: str, at: float | None = None) -> None:
    store.record_failure(db, account.strip(), address, time.time() if at is None else at)


def succeeded(db: Database, account: str, address: str, at: float | None = None) -> None:
    at = time.time() if at is None else at
    store.forget_failures(db, account.strip(), address, at - WINDOW)
