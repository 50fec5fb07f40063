"""PDFs for the web (spec sheets, the export report): from the cache if made before, else
rendered in this worker's process pool (catalog/specsheet/pool.py) while holding two slots:
one of the caller's SPEC_PER_USER (else 429) and one of SPEC_QUEUE for everyone (else 503),
both answered with Retry-After. A finished sheet goes into the cache (SPEC_CACHE_DIR, at most
SPEC_CACHE_MB) when it has a key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import current_app
from flask_login import current_user

from ..errors import TooManyRequests, Unavailable
from ..specsheet import pool
from ..specsheet.cache import SheetCache
from ..specsheet.slots import slot

RETRY_AFTER_USER = 2  # seconds: about one sheet's time
RETRY_AFTER_BUSY = 5


def cache() -> SheetCache:
    config = current_app.config
    return SheetCache(Path(config["SPEC_CACHE_DIR"]), int(config["SPEC_CACHE_MB"] * 1024 * 1024))


def pdf(key: str | None, html: Callable[[], str]) -> bytes:
    """The PDF for cache key `key` (None: never cached); `html` builds the page on a miss and may
    raise a 4xx error before any slot is taken."""
    sheets = cache()
    if key is not None and (hit := sheets.get(key)) is not None:
        return hit
    page = html()
    config = current_app.config
    slots = Path(config["SPEC_CACHE_DIR"]) / "slots"
    user = f"user-{getattr(current_user, 'id', 'anonymous')}"
    with slot(slots, user, config["SPEC_PER_USER"]) as mine:
        if not mine:
            raise TooManyRequests(
                f"you have {config['SPEC_PER_USER']} PDFs being made already; "
                "ask again when one is done",
                retry_after=RETRY_AFTER_USER,
            )
        with slot(slots, "all", config["SPEC_QUEUE"]) as ours:
            if not ours:
                raise Unavailable("too many PDFs are being made; try again shortly",
                                  retry_after=RETRY_AFTER_BUSY)  # fmt: skip
            data = _render(page)
    if key is not None:
        sheets.put(key, data)
    return data


def _render(page: str) -> bytes:
    config = current_app.config
    try:
        return pool.render(page, config["SPEC_WORKERS"], config["SPEC_NICE"],
                           config["SPEC_TIMEOUT"])  # fmt: skip
    except TimeoutError as err:
        current_app.logger.warning(
            "a PDF took over %s s; the request gave up", config["SPEC_TIMEOUT"]
        )
        raise Unavailable("the PDF took too long to make; try again shortly",
                          retry_after=RETRY_AFTER_BUSY) from err  # fmt: skip
    except pool.BrokenProcessPool as err:
        current_app.logger.error("a PDF render process died; starting a new pool")
        raise Unavailable("the PDF could not be made; try again",
                          retry_after=RETRY_AFTER_BUSY) from err  # fmt: skip
