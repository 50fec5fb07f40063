"""Rule-base analysis and counting: the shipped rules and the generated 300-group model.

Usage: .venv/bin/python -m bench.analysis [--repeat 3] [--skip-generated] [--sweep]

Prints, each beside a baseline and the ratio:
- analysis of the shipped rules (5 markets x 13 models, with counting), with one incremental
  solver per market and model (every question under assumptions) against a fresh solver per
  question;
- counting by BDD against brute-force enumeration (every combination of offered values checked
  by the solver) on the small L3000 models;
- analysis and counting of the model from bench/generate.py (300 groups, 3,000 rules): the
  counter's node and time budget decides whether an exact count is reached; the product of the
  possible domain sizes is printed as the upper bound when it is not. `--sweep` also counts
  generated models with fewer rules to show where exact counting stops.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from itertools import product
from math import log10
from pathlib import Path
from typing import Any

from bench.generate import generate_rules
from catalog.rulebook import load_rulebook
from catalog.rulebook.engine.compiler import compile_space
from catalog.rulebook.engine.solving import Solving
from catalog.rulebook.review.analysis import analyse
from catalog.rulebook.review.counting import count_space
from catalog.rulebook.review.findings import Analysis
from catalog.rulebook.review.possible import possible_values
from catalog.rulebook.review.probe import Probe

ROOT = Path(__file__).resolve().parent.parent

SMALL = [("TM", "l3000-dump-4x2"), ("KG", "l3000-cargo-6x4"), ("TM", "x5000-tractor-4x2-cng")]


def timed(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time of `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def row(name: str, value: float, base_name: str, base: float) -> str:
    return f"  {name:<48} {value:9.4g} s   {base_name:<26} {base:9.4g} s   x{base / value:,.1f}"


def shipped(repeat: int) -> None:
    book = load_rulebook(ROOT / "rules")
    print(
        f"Shipped rules: {len(book.markets)} markets x {len(book.models)} models, "
        f"{len(book.rules)} rules (version {book.version})"
    )
    fast, analysis = timed(lambda: analyse(book), repeat)
    slow, _ = timed(lambda: analyse(book, reuse=False), repeat)
    print(row("analysis + counting, solver reused", fast, "fresh solver per question", slow))
    print(
        f"    {analysis.solver_calls} solver calls; {len(analysis.of('error'))} errors, "
        f"{len(analysis.of('warning'))} warnings, {len(analysis.of('info'))} notes"
    )
    for market, model in SMALL:
        space = compile_space(book, book.markets[market], book.models[model])
        possible = _possible(space)
        bdd, count = timed(lambda s=space, p=possible: count_space(s, p), repeat)
        brute, found = timed(lambda s=space: _brute_force(s), 1)
        assert count.value == found, (count, found)
        print(
            row(f"count {market} {model} = {found:,} (BDD)", bdd, "brute-force enumeration", brute)
        )


def _possible(space: Any) -> set[int]:
    probe = Probe(space)
    try:
        return possible_values(probe)
    finally:
        probe.close()


def _brute_force(space: Any) -> int:
    solving = Solving(space)
    domains = [[space.var[(g, v)] for v in d] for g, d in space.domains.items()]
    found = sum(1 for combo in product(*domains) if solving.consistent(list(combo)))
    solving.close()
    return found


def generated(groups: int, rules: int, big_tables: int, budget: float) -> Analysis:
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate_rules(Path(tmp) / "rules", groups, rules, seed=7, big_tables=big_tables)
        start = time.perf_counter()
        book = load_rulebook(folder)
        loaded = time.perf_counter() - start
        analysis = analyse(book, count=True, max_seconds=budget)
    counting = sum(f.count.seconds for f in analysis.spaces.values() if f.count)
    print(
        f"Generated model: {groups} groups, {rules} rules, {big_tables} big tables; "
        f"{len(book.markets)} markets x {len(book.models)} models; loaded in {loaded:.2f} s"
    )
    print(
        f"  analysis (without counting)  {analysis.seconds - counting:9.2f} s   "
        f"{analysis.solver_calls} solver calls; {len(analysis.of('error'))} errors, "
        f"{len(analysis.of('warning'))} warnings, {len(analysis.of('info'))} notes"
    )
    print(f"  counting (budget {budget:g} s each) {counting:9.2f} s")
    for (market, model), facts in analysis.spaces.items():
        count = facts.count
        assert count is not None
        what = (
            (f"exact: 10^{log10(count.value):.1f}" if count.value else "exact: 0")
            if count.exact
            else f"gave up; upper bound 10^{log10(count.upper):.1f}"
        )
        print(
            f"    {market} {model:<12} {count.seconds:7.2f} s  {what} "
            f"({count.components} components, largest diagram {count.nodes:,} nodes)"
        )
    return analysis


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per count")
    parser.add_argument("--skip-generated", action="store_true")
    parser.add_argument("--sweep", action="store_true")
    args = parser.parse_args()
    shipped(args.repeat)
    if not args.skip_generated:
        print()
        generated(300, 3000, 3, args.budget)
    if args.sweep:
        for rules in (300, 600, 1000):
            print()
            generated(300, rules, 0, args.budget)


if __name__ == "__main__":
    main()
