"""Checking a whole truck after a swap without a solve (engine/check.py) agrees with the solver.

On random rulebooks of every rule kind (tables with `*` and `if:` included): for every valid
truck found by brute force and every way to swap one or two of its groups, the checker's
answer (when it gives one) is the solver's answer for the swapped truck.
"""

from __future__ import annotations

import random
from itertools import combinations, product
from pathlib import Path

import pytest

from catalog.rulebook.engine.check import Checker
from catalog.rulebook.engine.compiler import compile_space
from catalog.rulebook.engine.oracle import Oracle

from .randombooks import book_of, random_rules


@pytest.mark.parametrize("seed", range(40))
def test_the_checker_agrees_with_the_solver(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    book = book_of(tmp_path, random_rules(rnd, most=7))
    checked = buyable = 0
    for market, model in product(sorted(book.markets), sorted(book.models)):
        space = compile_space(book, book.markets[market], book.models[model], diagrams=True)
        checker, oracle = Checker(space), Oracle(space)
        domains = [[space.var[(g, v)] for v in vs] for g, vs in space.domains.items()]
        trucks = [frozenset(t) for t in product(*domains)]
        valid = [t for t in trucks if oracle.fast.solve(assumptions=sorted(t))]
        buyable += bool(valid)
        for truck in rnd.sample(valid, min(len(valid), 6)):
            for size in (1, 2):
                for groups in combinations(sorted(space.domains), size):
                    for values in product(*(space.domains[g] for g in groups)):
                        swapped = set(truck)
                        for g, v in zip(groups, values, strict=True):
                            swapped -= {space.var[(g, x)] for x in space.domains[g]}
                            swapped.add(space.var[(g, v)])
                        answer = checker.still_holds(frozenset(swapped), groups)
                        truth = oracle.fast.solve(assumptions=sorted(swapped))
                        assert answer is None or answer == truth, (groups, values)
                        checked += answer is not None
        oracle.close()
    assert checked or not buyable  # where a truck is valid, the checker answered
