"""What is possible on one compiled space, asked of its `Probe`: is any truck valid, which values
occur in some valid truck (with every hard rule on, or all but one), can advice be followed.
"""

from __future__ import annotations

from ..model import Rule
from .probe import Clause, Probe


def is_buyable(probe: Probe) -> bool:
    return probe.solve([], plain=True)[0]


def possible_values(probe: Probe, on: list[int] | None = None) -> set[int]:
    """Value variables that occur in at least one valid configuration."""
    plain = on is None
    on = [] if on is None else on
    ok, model, _ = probe.solve(on, plain)
    if not ok:
        return set()
    found = {v for v in model[: probe.nvalues] if v > 0}
    dead = _propagated_false(probe, on, plain)
    solver = probe.fast if plain else probe.solver
    for value in probe.values:
        if value in found or value in dead:
            continue
        if solver is not None:
            solver.set_phases([v for v in probe.values if v not in found])
        ok, model, _ = probe.solve([*on, value], plain)
        if ok:
            found |= {v for v in model[: probe.nvalues] if v > 0}
    return found


def _propagated_false(probe: Probe, on: list[int], plain: bool) -> set[int]:
    """Values unit propagation alone already rules out (no search needed)."""
    solver = probe.fast if plain else probe.solver
    if solver is None:
        return set()
    ok, lits = solver.propagate(assumptions=on)
    return {-lit for lit in lits or [] if -probe.nvalues <= lit < 0} if ok else set()


def can_follow(probe: Probe, clauses: list[Clause]) -> bool:
    """Whether some valid configuration also satisfies these (advice) clauses."""
    guard = probe.fresh()
    probe.add([[*c, -guard] for c in clauses])
    return probe.solve([guard], plain=True)[0]


def possible_without(probe: Probe, rule: Rule) -> set[int]:
    """Value variables possible when `rule` is switched off."""
    return possible_values(probe, probe.all_but(rule.id))
