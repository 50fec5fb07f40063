"""PDFs off the request path: WeasyPrint runs in a small pool of separate processes.

Each web worker process owns one pool (made on its first PDF; a forked child makes its own) of
SPEC_WORKERS processes, started with `spawn` (never a fork of a threaded server) at a lower CPU
priority (SPEC_NICE), so a burst of PDFs leaves the cores to the other requests first. A render
process imports WeasyPrint once and keeps one printer. The request thread only waits; the
bound on waiting renders is the caller's (catalog/services/spec_sheets.py takes a slot first).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import resource_tracker

from .render import printer

__all__ = ["BrokenProcessPool", "render"]

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_owner: tuple[int, int, int] = (0, 0, 0)  # pid, workers, nice of _pool


def _start(nice: int) -> None:
    os.nice(nice)
    printer()  # WeasyPrint and the font configuration, once per render process


def _pdf(html: str) -> bytes:
    return printer().pdf(html)


def _executor(workers: int, nice: int) -> ProcessPoolExecutor:
    global _pool, _owner
    with _lock:
        if _pool is None or _owner != (os.getpid(), workers, nice):
            if _pool is not None and _owner[0] == os.getpid():
                _pool.shutdown(wait=False)  # other settings: this pool finishes and goes
            context = multiprocessing.get_context("spawn")
            _pool = ProcessPoolExecutor(workers, context, initializer=_start, initargs=(nice,))
            _owner = (os.getpid(), workers, nice)
        return _pool


def warm(workers: int, nice: int) -> None:
    """Start this process's pool now (gunicorn's post_worker_init), so that the first sheet
    does not wait for the render processes to import WeasyPrint."""
    _executor(workers, nice).submit(_pdf, "<p></p>")


def render(html: str, workers: int, nice: int, timeout: float) -> bytes:
    """The PDF of `html`, made in this process's pool; TimeoutError after `timeout` seconds,
    BrokenProcessPool if a render process died (the next call makes a new pool)."""
    try:
        return _executor(workers, nice).submit(_pdf, html).result(timeout=timeout)
    except BrokenProcessPool:
        _discard()
        raise


def stop() -> None:
    """End this process's pool and its resource tracker and wait for both (gunicorn's
    worker_exit), so that a stopped server leaves no orphan behind for init to reap."""
    global _pool
    with _lock:
        if _pool is not None and _owner[0] == os.getpid():
            _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None
    # The tracker is a child of this process; stopping it here reaps it (no public API).
    tracker = getattr(resource_tracker, "_resource_tracker", None)
    if tracker is not None and hasattr(tracker, "_stop"):
        tracker._stop()


def _discard() -> None:
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None
