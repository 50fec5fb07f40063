"""The smallest set of selections to drop so that the rest (with the kept ones) fits together.

Implicit hitting sets: every unsatisfiable core of the remaining selections is a set of which
at least one must go; PySAT's `Hitman` (a MaxSAT solver, RC2, underneath) gives a smallest set
meeting every core found so far, and once dropping it leaves the rest consistent, no smaller
drop exists. If the time budget ends first, a subset-minimal drop is returned and flagged as
not proven smallest.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from pysat.examples.hitman import Hitman

from .oracle import Oracle

DROP_BUDGET = 2.0  # seconds of hitting-set search before settling for a subset-minimal drop


def smallest_drop(
    oracle: Oracle, lits: Sequence[int], keep: Sequence[int], budget: float = DROP_BUDGET
) -> tuple[list[int], bool]:
    """(selections to drop, in selection order; whether the drop is proven smallest).

    The `keep` selections (the one just changed) stay unless they conflict on their own."""
    if not oracle.consistent(keep):
        keep = []  # the kept choice cannot be had at all: it is one of the choices to weigh
    soft = [lit for lit in lits if lit not in keep]
    deadline = time.perf_counter() + budget
    with Hitman(htype="sorted") as hitter:
        drop: set[int] = set()
        while True:
            rest = [lit for lit in soft if lit not in drop]
            if oracle.fast.solve(assumptions=[*keep, *rest]):
                return [lit for lit in lits if lit in drop], True
            core = set(oracle.fast.get_core() or []) & set(rest)
            hitter.hit(sorted(core))
            if time.perf_counter() > deadline:
                break
            drop = set(hitter.get() or [])
    return _subset_minimal(oracle, soft, list(keep)), False


def _subset_minimal(oracle: Oracle, soft: list[int], keep: list[int]) -> list[int]:
    """Keep the latest choices first, dropping each that no longer fits: no drop is needless."""
    kept = list(keep)
    dropped = []
    for lit in reversed(soft):
        if oracle.consistent([*kept, lit]):
            kept.append(lit)
        else:
            dropped.append(lit)
    return [lit for lit in soft if lit in dropped]
