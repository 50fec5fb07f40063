"""Configure-step latency and order validation throughput, each beside a naive baseline.

    .venv/bin/python bench/configure.py [--walks 3] [--session 30]

The naive baseline answers the same question with no reuse: a fresh solver per option of
every group (build the clauses, solve under the selections plus that option).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pysat.solvers import Solver

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate_rules  # noqa: E402
from catalog.rulebook import Engine, load_rulebook  # noqa: E402
from catalog.rulebook.engine.results import AVAILABLE  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def walk(
    engine: Engine, market: str, model: str, rnd: random.Random, limit: int | None
) -> tuple[list[float], list[dict[str, str]]]:
    """One random session: pick an open group and an available option until complete."""
    chosen: dict[str, str] = {}
    times, steps = [], []
    result = engine.configure(market, model, chosen)
    while not result.complete and (limit is None or len(chosen) < limit):
        group = rnd.choice([g for g in result.groups if g.value is None])
        chosen[group.id] = rnd.choice([o.id for o in group.options if o.state == AVAILABLE])
        steps.append(dict(chosen))
        start = time.perf_counter()
        result = engine.configure(market, model, chosen)
        times.append(time.perf_counter() - start)
    return times, steps


def naive_step(engine: Engine, market: str, model: str, chosen: dict[str, str]) -> float:
    """Every option's state by a fresh solver each, with no reuse of anything."""
    solving = engine.solving(market, model)
    space = solving.space
    clauses = space.structure + [c for _, cs in space.hard for c in cs]
    lits = [space.var[(g, v)] for g, v in chosen.items()]
    start = time.perf_counter()
    for value in solving.values:
        with Solver(name="g4", bootstrap_with=clauses) as solver:
            solver.solve(assumptions=[*lits, value])
    return time.perf_counter() - start


def row(name: str, ours: list[float], base: list[float] | None, unit: str = "ms") -> None:
    p50, p99 = pct(ours, 0.5), pct(ours, 0.99)
    text = f"{name:<46} p50 {p50:8.2f} {unit}  p99 {p99:8.2f} {unit}  max {max(ours) * 1000:8.2f}"
    if base:
        ratio = statistics.median(base) / statistics.median(ours)
        text += f"  | naive p50 {pct(base, 0.5):9.1f} {unit}  ratio x{ratio:,.0f}"
    print(text)


def sample(walks: int) -> Engine:
    engine = Engine(load_rulebook(ROOT / "rules"))
    times: list[float] = []
    naive: list[float] = []
    for market in engine.book.markets:
        for model in engine.book.models:
            if not engine.configure(market, model, {}).buyable:
                continue
            for n in range(walks):
                spent, steps = walk(
                    engine, market, model, random.Random(f"{market}{model}{n}"), None
                )
                times += spent
                if n == 0 and steps:
                    naive.append(naive_step(engine, market, model, steps[len(steps) // 2]))
    row(f"sample catalogue, {len(times)} steps", times, naive)
    return engine


def generated(walks: int, session: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        book = load_rulebook(generate_rules(Path(tmp) / "rules"))
        loaded = time.perf_counter() - start
    engine = Engine(book)
    groups = len(book.groups)
    values = sum(len(g.options) for g in book.groups.values())
    start = time.perf_counter()
    engine.configure("AA", "gen-tractor", {})
    first = time.perf_counter() - start
    print(
        f"generated model: {groups} groups, {values} options, {len(book.rules)} rules; "
        f"load {loaded:.2f} s, compile + first step {first * 1000:.0f} ms"
    )
    for label, limit in ((f"{session}-choice sessions", session), ("walks to completion", None)):
        times: list[float] = []
        middles = []
        for n in range(walks):
            spent, steps = walk(engine, "AA", "gen-tractor", random.Random(n), limit)
            times += spent
            middles.append(steps[len(steps) // 2])
        # the baseline runs after the timed walks so that its garbage does not disturb them
        naive = [naive_step(engine, "AA", "gen-tractor", middles[0])] if limit else None
        row(f"generated, {label}, {len(times)} steps", times, naive)


def validation(engine: Engine, seconds: float = 2.0) -> None:
    orders = []
    for market in engine.book.markets:
        for model in engine.book.models:
            result = engine.configure(market, model, {})
            if result.buyable:
                values = {g.id: g.value or g.default for g in result.groups}
                orders.append((market, model, {k: v for k, v in values.items() if v}))
    ours = rate(lambda o: engine.validate(*o).valid, orders, seconds)
    base = rate(lambda o: Engine(engine.book).validate(*o).valid, orders, seconds)
    print(
        f"complete orders validated per second, one core: {ours:,.0f}  "
        f"| naive (fresh engine per order) {base:,.0f}  ratio x{ours / base:,.0f}"
    )


def rate(
    check: Callable[[tuple[str, str, dict[str, str]]], bool], orders: list, seconds: float
) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for order in orders:
            assert check(order)
            done += 1
    return done / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--walks", type=int, default=3)
    parser.add_argument("--session", type=int, default=30)
    args = parser.parse_args()
    engine = sample(args.walks)
    validation(engine)
    generated(args.walks, args.session)


if __name__ == "__main__":
    main()
