"""Many spec sheets at once: one worker process per core, each importing WeasyPrint once.

The parent only hands out (request, file) jobs and reports progress; every worker loads the
rulebook and its own printer in its initializer, then renders job after job.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..rulebook import Engine, load_rulebook
from .pipeline import SheetRequest, spec_pdf
from .render import printer

_engine: Engine | None = None


@dataclass(frozen=True)
class Job:
    request: SheetRequest
    path: Path


@dataclass(frozen=True)
class Done:
    path: Path
    seconds: float
    error: str = ""


def _start(rules_dir: str) -> None:
    global _engine
    _engine = Engine(load_rulebook(Path(rules_dir)))
    printer.cache_clear()  # never reuse a parent's Pango state across fork
    printer()  # imports WeasyPrint and builds the font configuration once per worker


def _render(job: Job) -> Done:
    assert _engine is not None, "worker not initialised"
    began = time.perf_counter()
    try:
        pdf = spec_pdf(_engine, job.request)
    except Exception as err:  # one bad order must not stop the batch; it is reported
        return Done(job.path, time.perf_counter() - began, f"{type(err).__name__}: {err}")
    job.path.write_bytes(pdf)
    return Done(job.path, time.perf_counter() - began)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run(
    jobs: list[Job],
    rules_dir: Path,
    workers: int = 0,
    progress: Callable[[Done], None] | None = None,
) -> list[Done]:
    """Render every job on `workers` processes (0: every core); results in completion order."""
    workers = max(1, min(workers or default_workers(), len(jobs) or 1))
    done = []
    for result in _results(jobs, str(rules_dir), workers):
        done.append(result)
        if progress is not None:
            progress(result)
    return done


def _results(jobs: list[Job], rules_dir: str, workers: int) -> Iterator[Done]:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(workers, initializer=_start, initargs=(rules_dir,)) as pool:
        yield from pool.imap_unordered(_render, jobs, chunksize=1)
