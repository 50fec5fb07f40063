"""Tables as decision diagrams: unit propagation alone rules out exactly the values no row allows.

A brute-force reading of the rows (no diagram, no solver) decides which values of each column
some allowed row still supports under the assumed choices; the solver's propagation must block
exactly the others, and report a conflict when no row is left.
"""

from __future__ import annotations

import random
from itertools import count

import pytest
from pysat.solvers import Solver

from catalog.rulebook.engine.tables import ANY, diagram, encode


def supported(widths, rows, chosen, excluded):
    """(column, value) pairs some row allows, given chosen and excluded values per column."""

    def allowed(col, value):
        if col in chosen:
            return value == chosen[col]
        return value not in excluded.get(col, set())

    out = set()
    for row in rows:
        cells = [range(w) if c < 0 else [c] for c, w in zip(row, widths, strict=True)]
        options = [[v for v in cell if allowed(col, v)] for col, cell in enumerate(cells)]
        if all(options):
            out |= {(col, v) for col, vs in enumerate(options) for v in vs}
    return out


@pytest.mark.parametrize("seed", range(150))
def test_propagation_agrees_with_brute_force(seed: int) -> None:
    rnd = random.Random(seed)
    widths = [rnd.randint(1, 4) for _ in range(rnd.randint(1, 5))]
    star = rnd.random() * 0.4
    rows = {
        tuple(-1 if rnd.random() < star else rnd.randrange(w) for w in widths)
        for _ in range(rnd.randint(0, 12))
    }
    var: dict[tuple[int, int], int] = {}
    for col, width in enumerate(widths):
        for value in range(width):
            var[(col, value)] = len(var) + 1
    fresh = count(len(var) + 1)
    guard = next(fresh)
    levels, root = diagram(widths, sorted(rows))
    clauses = encode(levels, root, lambda c, v: var[(c, v)], widths, guard, lambda: next(fresh))
    for col, width in enumerate(widths):
        lits = [var[(col, v)] for v in range(width)]
        clauses += [lits] + [[-a, -b] for i, a in enumerate(lits) for b in lits[i + 1 :]]
    with Solver(name="g4", bootstrap_with=clauses) as solver:
        for _ in range(6):
            chosen = {c: rnd.randrange(w) for c, w in enumerate(widths) if rnd.random() < 0.3}
            excluded = {
                c: {v for v in range(w) if rnd.random() < 0.3}
                for c, w in enumerate(widths)
                if c not in chosen
            }
            assume = [guard, *(var[(c, v)] for c, v in chosen.items())]
            assume += [-var[(c, v)] for c, vs in excluded.items() for v in vs]
            ok, implied = solver.propagate(assumptions=assume)
            expected = supported(widths, rows, chosen, excluded)
            if not expected:
                assert not ok, (widths, rows, chosen, excluded)
                assert not solver.solve(assumptions=assume)
                continue
            assert ok, (widths, rows, chosen, excluded)
            false = {key for key, v in var.items() if -v in implied}
            assert false == set(var) - expected, (widths, rows, chosen, excluded)
            assert solver.solve(assumptions=assume)


def test_diagram_shares_rows() -> None:
    """Rows that differ in one column share every other node: far fewer nodes than cells."""
    widths = [4] * 8
    rows = [tuple([n % 4] + [0] * 6 + [m]) for n in range(4) for m in range(4)]
    levels, _ = diagram(widths, rows)
    assert sum(len(nodes) for nodes in levels) == 8


def test_any_cell_is_one_edge_not_one_per_value() -> None:
    """A wide column of "any value" cells costs one edge: the rows after it are not copied
    under each of the column's 300 values."""
    widths = [300, 300, 4]
    rows = [(ANY, ANY, v) for v in range(4)] + [(n, 0, 0) for n in range(300)]
    levels, _ = diagram(widths, sorted(rows))
    assert [sum(len(node) for node in nodes) for nodes in levels] == [301, 2, 5]
