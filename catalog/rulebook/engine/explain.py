"""Explanations: the rules and selections behind a conflict, minimised.

A conflict is shrunk with only its own members assumed (deletion-based MUS extraction with
clause-set refinement): a member leaves only when the others, alone, still conflict. So every
set reported conflicts by itself under the rules it cites, whatever else was selected. Each
check is a solve with a conflict budget; a check that runs out keeps its member, and a
minimisation that runs out of time stops early: the answer is then still a true conflict,
only perhaps not the smallest.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Rule
from .oracle import Oracle

REASON_BUDGET = 0.25  # seconds to minimise one conflict
CHECK_CONFLICTS = 20_000  # solver conflicts allowed per deletion check


@dataclass(frozen=True)
class Conflict:
    rules: tuple[Rule, ...]
    selections: tuple[int, ...]  # the selections taking part, in the order they were given
    minimal: bool  # every member proven needed


def conflict(
    oracle: Oracle, lits: Sequence[int], fixed: Sequence[int] = (), budget: float = REASON_BUDGET
) -> Conflict | None:
    """Rules and selections of `lits` that cannot hold together with `fixed`; None if they can."""
    space = oracle.space
    top, last = space.top, space.top + len(space.hard)
    chosen = set(lits)
    solver = oracle.explain
    if solver.solve(assumptions=[*fixed, *lits, *oracle.blocks]):
        return None
    core = set(solver.get_core() or [])
    acts = [act for block, acts in oracle.blocks.items() if block in core for act in acts]
    used = [lit for lit in lits if lit in core]
    if solver.solve(assumptions=[*fixed, *used, *acts]):  # pragma: no cover - cores suffice
        raise AssertionError("a core's own blocks and selections must conflict")
    keep = [c for c in solver.get_core() or [] if top < c <= last or c in chosen]
    deadline = time.perf_counter() + budget
    minimal = True
    for item in list(keep):
        if item not in keep:
            continue  # already left out by a smaller core
        if time.perf_counter() > deadline:
            minimal = False
            break
        trial = [c for c in keep if c != item]
        solver.conf_budget(CHECK_CONFLICTS)
        answer = solver.solve_limited(assumptions=[*fixed, *trial])
        if answer is False:
            smaller = set(solver.get_core() or [])
            keep = [c for c in trial if c in smaller]
        elif answer is None:
            minimal = False  # undecided: keep it, the set still conflicts
    rules = tuple(space.hard[c - top - 1][0] for c in sorted(keep) if c > top)
    return Conflict(rules, tuple(lit for lit in lits if lit in keep), minimal)
