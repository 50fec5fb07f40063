"""Valid domains: which values can still join the selections, and which could replace one.

Every answer is exact: a value is possible only with a valid truck that proves it, blocked
only when propagation rules it out or a solve finds no truck with it. Trucks remembered per
value (one each, see `Oracle.proof`) spare most solves from one step of a session to the next.
"""

from __future__ import annotations

from collections.abc import Sequence

from .oracle import Oracle


def domains(
    oracle: Oracle, lits: Sequence[int], never: frozenset[int] = frozenset()
) -> tuple[set[int], set[int]]:
    """(possible, blocked) value variables given the assumed selections; `never` are values
    known blocked whatever is chosen (propagation does not report what holds at level 0)."""
    everything = set(oracle.group_of)
    ok, implied = oracle.propagate(lits)
    if not ok:
        return set(), everything
    blocked = {-v for v in implied if v < 0 and -v <= oracle.nvalues} | never
    first = oracle.truck(lits)
    if first is None:
        return set(), everything
    possible = set(first)
    key = frozenset(lits)
    tried: set[int] = set()
    for value in sorted(everything - possible - blocked):
        truck = oracle.proof.get(value)
        if value in possible or truck is None or id(truck) in tried:
            continue
        tried.add(id(truck))
        fixed = oracle.repair(truck, key)
        if fixed is not None:
            possible |= fixed
    _fill(oracle, lits, everything - possible - blocked, possible, blocked)
    return possible, blocked


def alternatives(
    oracle: Oracle,
    lits: Sequence[int],
    others: dict[int, list[int]],
    never: frozenset[int] = frozenset(),
) -> set[int]:
    """Values that could replace a selection with every other selection kept.

    `others` maps each selected value to the other values of its group.
    """
    possible: set[int] = set()
    for chosen, values in others.items():
        if not values:
            continue
        rest = [lit for lit in lits if lit != chosen]
        ok, implied = oracle.propagate(rest)
        if not ok:
            continue
        out = set(implied)
        key = frozenset(rest)
        unknown = set()
        for value in values:
            truck = oracle.proof.get(value)
            if -value in out or value in never:
                continue
            if truck is not None and oracle.repair(truck, key) is not None:
                possible.add(value)
            else:
                unknown.add(value)
        shown: set[int] = set()
        _fill(oracle, rest, unknown, shown, set())
        possible |= shown & unknown
    return possible


def _fill(
    oracle: Oracle, lits: Sequence[int], unknown: set[int], possible: set[int], blocked: set[int]
) -> None:
    """Settle every unknown value: one question for all of them until none is left."""
    while unseen := sorted(unknown - possible - blocked):
        shown = oracle.any_of(lits, unseen)
        if shown is None:
            blocked.update(unseen)
            return
        possible |= shown
