"""Spec sheet timings: warm sheet beside bare WeasyPrint, cold start, and a batch on 2 cores.

1. warm: the whole pipeline (configure, view-model, Jinja, WeasyPrint through the static-only
   fetcher) for one KZ tractor sheet, median of --runs after a warm-up; beside WeasyPrint alone
   rendering the very same final HTML string (its default fetcher, a fresh font configuration,
   nothing else). The ratio shows what the spec-sheet machinery costs on top of WeasyPrint.
2. cold: a new Python process that imports everything and writes one sheet (median of 3).
3. batch: --batch quick-quote sheets (all 13 models, all markets, three languages) written by
   catalog.specsheet.batch on --jobs worker processes.

Usage: .venv/bin/python -m bench.specsheet [--runs 20] [--batch 100] [--jobs 2] [--lang ru]
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from catalog.rulebook import Engine, load_rulebook
from catalog.specsheet import Document, SheetRequest, make_sheet, printer, render_html
from catalog.specsheet.batch import Job, run
from catalog.specsheet.fetcher import STATIC_ROOT

ROOT = Path(__file__).resolve().parent.parent

RULES = ROOT / "rules"
ISSUED = datetime(2026, 3, 5, 12, tzinfo=UTC)
COLD = """
import time; began = time.perf_counter()
from datetime import datetime, UTC
from pathlib import Path
from catalog.rulebook import Engine, load_rulebook
from catalog.specsheet import Document, SheetRequest, spec_pdf
engine = Engine(load_rulebook(Path({rules!r})))
doc = Document(datetime(2026, 3, 5, 12, tzinfo=UTC), number="KZ-2026-00042", customer="Astana")
pdf = spec_pdf(engine, SheetRequest("KZ", "x3000-tractor-6x4", {{}}, doc, {lang!r}))
print(time.perf_counter() - began)
"""


def medians_ms(actions: list[Callable[[], object]], runs: int) -> list[float]:
    """Median time of each action; the actions take turns, so a busy machine slows all alike."""
    for action in actions:
        action()  # warm-up: imports, caches, the first layout
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, spent in zip(actions, times, strict=True):
            began = time.perf_counter()
            action()
            spent.append(time.perf_counter() - began)
    return [statistics.median(spent) * 1000 for spent in times]


def request(lang: str) -> SheetRequest:
    doc = Document(ISSUED, number="KZ-2026-00042", customer="Astana Logistics", quantity=2)
    return SheetRequest("KZ", "x3000-tractor-6x4", {}, doc, lang)


def warm(engine: Engine, lang: str, runs: int) -> None:
    from weasyprint import HTML

    html = render_html(make_sheet(engine, request(lang)))
    base = STATIC_ROOT.as_uri() + "/"
    ours, bare, model = medians_ms(
        [
            lambda: printer().pdf(render_html(make_sheet(engine, request(lang)))),
            lambda: HTML(string=html, base_url=base).write_pdf(),
            lambda: render_html(make_sheet(engine, request(lang))),
        ],
        runs,
    )
    print(f"warm sheet ({lang}), median of {runs}: {ours:.0f} ms")
    print(f"  WeasyPrint alone, same HTML:  {bare:.0f} ms")
    print(f"  ratio: {ours / bare:.2f} (target <= 1.3)")
    print(f"  of which configure + view-model + Jinja: {model:.1f} ms")


def cold(lang: str, times: int = 3) -> None:
    code = COLD.format(rules=str(RULES), lang=lang)
    inner, outer = [], []
    for _ in range(times):
        began = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        outer.append(time.perf_counter() - began)
        inner.append(float(out.stdout.strip()))
    total, inside = statistics.median(outer), statistics.median(inner)
    print(f"cold start, new process, median of {times}: {total:.2f} s")
    print(f"  imports + first sheet inside the process: {inside:.2f} s")


def batch(engine: Engine, count: int, jobs: int) -> None:
    kinds = itertools.cycle(
        itertools.product(
            sorted(engine.book.markets), sorted(engine.book.models), ("en", "ru", "zh")
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        work = []
        for i, (market, model, lang) in zip(range(count), kinds, strict=False):
            doc = Document(ISSUED, number=f"{market}-2026-{i:05d}", customer="Bench")
            req = SheetRequest(market, model, {}, doc, lang)
            work.append(Job(req, Path(folder) / f"{i:03d}.pdf"))
        began = time.perf_counter()
        done = run(work, RULES, jobs)
        elapsed = time.perf_counter() - began
    failed = [d for d in done if d.error]
    per = statistics.median(d.seconds for d in done)
    print(f"batch of {count} sheets on {jobs} processes: {elapsed:.1f} s "
          f"({count / elapsed:.1f} sheets/s; median {per * 1000:.0f} ms per sheet in a worker; "
          f"{len(failed)} failed)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--lang", default="ru", choices=("en", "ru", "zh"))
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    engine = Engine(load_rulebook(RULES))
    warm(engine, args.lang, args.runs)
    cold(args.lang)
    batch(engine, args.batch, args.jobs)


if __name__ == "__main__":
    main()
