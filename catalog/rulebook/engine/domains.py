"""Valid domains: which values can still join the selections, and which could replace one.

Every answer is exact: a value is possible only with a valid truck that proves it, blocked
only when propagation rules it out or a solve finds no truck with it. Trucks remembered per
value (one each, see `Oracle.proof`) spare most solves from one step of a session to the next.
"""

from __future__ import annotations

from collections.abc import Sequence

from .oracle import Oracle


def domains(
    oracle: Oracle,
    lits: Sequence[int],
    never: frozenset[int] = frozenset(),
    first: frozenset[int] | None = None,
) -> tuple[set[int], set[int]]:
    """(possible, blocked) value variables given the assumed selections; `never` are values
    known blocked whatever is chosen (propagation does not report what holds at level 0);
    `first` a valid truck with the selections, if the caller has one already."""
    everything = set(oracle.group_of)
    ok, implied = oracle.propagate(lits)
    if not ok:
        return set(), everything
    blocked = {-v for v in implied if v < 0 and -v <= oracle.nvalues} | never
    first = first or oracle.truck(lits)
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
    _fill(oracle, lits, everything - possible - blocked, possible, blocked, first)
    return possible, blocked


Proofs = dict[int, frozenset[int]]  # value -> a valid truck with it


def alternatives(
    oracle: Oracle,
    lits: Sequence[int],
    others: dict[int, list[int]],
    never: frozenset[int] = frozenset(),
    earlier: dict[int, frozenset[int]] | None = None,
    base: frozenset[int] | None = None,
) -> dict[int, frozenset[int]]:
    """Per selection, the values that could replace it with every other selection kept.

    `others` maps each selected value to the other values of its group. `earlier` is this
    answer for the same selections but one: with one more selection kept, a value that could
    not replace a choice then cannot now. Each value's latest truck (`Oracle.proof`) usually
    needs one or two swaps to prove it again; when it is too far off, `base` (a valid truck
    with every selection) often needs only the one swap of the value's group.
    """
    out: dict[int, frozenset[int]] = {}
    everything = frozenset(lits)
    for chosen, values in others.items():
        before = earlier.get(chosen) if earlier is not None else None
        candidates = values if before is None else [v for v in values if v in before]
        proofs: Proofs = {}
        key = everything - {chosen}
        unknown = set()
        for value in candidates:
            if value in never:
                continue
            truck = oracle.proof.get(value)
            fixed = oracle.repair(truck, key) if truck is not None else None
            if fixed is None and base is not None:
                fixed = oracle.repair(base, key | {value})
            if fixed is not None:
                proofs[value] = fixed
            else:
                unknown.add(value)
        if unknown:
            rest = [lit for lit in lits if lit != chosen]
            ok, implied = oracle.propagate(rest)
            if ok:
                _prove(oracle, rest, unknown - {-lit for lit in implied if lit < 0}, proofs)
        out[chosen] = frozenset(proofs)
    return out


def _prove(oracle: Oracle, lits: Sequence[int], unknown: set[int], proofs: Proofs) -> None:
    """A truck for each unknown value that has one: one question for all of them at a time."""
    last: frozenset[int] = frozenset()
    while unseen := sorted(unknown - set(proofs)):
        truck = oracle.any_of(lits, unseen, last)
        if truck is None:
            return
        proofs.update((value, truck) for value in truck if value in unknown)
        last = truck


def _fill(
    oracle: Oracle,
    lits: Sequence[int],
    unknown: set[int],
    possible: set[int],
    blocked: set[int],
    last: frozenset[int],
) -> None:
    """Settle every unknown value: one question for all of them until none is left."""
    while unseen := sorted(unknown - possible - blocked):
        shown = oracle.any_of(lits, unseen, last)
        if shown is None:
            blocked.update(unseen)
            return
        possible |= shown
        last = shown
