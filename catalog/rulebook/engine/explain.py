"""Explanations: the rules and selections behind a conflict, minimised.

A conflict is shrunk with only its own members assumed (deletion-based MUS extraction with
clause-set refinement): a member leaves only when the others, alone, still conflict. So every
set reported conflicts by itself under the rules it cites, whatever else was selected. Each
check first asks unit propagation (a conflict there is proof enough, and costs no search), then,
before the deadline, a solve with a conflict budget. After the deadline only selections are
still checked, by propagation; a member whose check is undecided or skipped stays: the answer is
then still a true conflict, only perhaps not the smallest (`minimal` is False).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Rule
from .oracle import Oracle

REASON_BUDGET = 0.25  # seconds to minimise one conflict
REUSE = 3  # latest conflicts in a group, and of a call, tried first on a blocked value
CHECK_CONFLICTS = 20_000  # solver conflicts allowed per deletion check


@dataclass(frozen=True)
class Conflict:
    rules: tuple[Rule, ...]
    selections: tuple[int, ...]  # the selections taking part, in the order they were given
    minimal: bool  # every member proven needed
    acts: tuple[int, ...] = ()  # the rules' activation literals in the explanation solver


def conflict(
    oracle: Oracle,
    lits: Sequence[int],
    fixed: Sequence[int] = (),
    deadline: float | None = None,
    settle: bool = True,
    free: bool = False,
) -> Conflict | None:
    """Rules and selections of `lits` that cannot hold together with `fixed`; None if they can.
    Solves minimise until `deadline` (default REASON_BUDGET from now), propagation after it
    (none at all unless `settle`: the solver's core as it is). `free`: `fixed` is possible with
    nothing selected, so some selection is always needed."""
    space = oracle.space
    top = space.top
    chosen = set(lits)
    solver = oracle.explain
    if fixed:  # the rules nearest the value first: propagation meets the conflict early
        switches = [top + 1 + n for n in oracle.checker.near(space.value_of[fixed[0]][0])]
    else:
        switches = list(oracle.blocks)
    keep = _core(oracle, fixed, lits, switches)
    if keep is None:
        return None
    if deadline is None:
        deadline = time.perf_counter() + REASON_BUDGET
    minimal = True
    for item in list(keep):
        if item not in keep:
            continue  # already left out by a smaller core
        late = time.perf_counter() > deadline
        if late and (not settle or item > top):
            minimal = False  # past the deadline only the selections are still shrunk
            continue
        trial = [c for c in keep if c != item]
        if _last_selection(item, trial, chosen, free):
            continue
        if not solver.propagate(assumptions=[*fixed, *trial])[0]:
            # the others conflict by propagation alone; the solver's core of them (no search
            # needed) often leaves out several members at once
            solver.solve(assumptions=[*fixed, *trial])
            smaller = set(solver.get_core() or trial)
            keep = [c for c in trial if c in smaller]
            continue
        if time.perf_counter() > deadline:
            minimal = False  # not proven needed: kept, the set still conflicts
            continue
        solver.conf_budget(CHECK_CONFLICTS)
        answer = solver.solve_limited(assumptions=[*fixed, *trial])
        if answer is False:
            smaller = set(solver.get_core() or [])
            keep = [c for c in trial if c in smaller]
        elif answer is None:
            minimal = False  # undecided: keep it, the set still conflicts
    return _found(oracle, lits, keep, minimal)


def _core(
    oracle: Oracle, fixed: Sequence[int], lits: Sequence[int], switches: Sequence[int]
) -> list[int] | None:
    """The selections and rule activation literals of a conflict of `lits` with `fixed` under
    the rules `switches` turn on (single rules or blocks), or None if they can hold together:
    the solver's core, then the core of that core's own members."""
    space = oracle.space
    top, last = space.top, space.top + len(space.hard)
    solver = oracle.explain
    if solver.solve(assumptions=[*fixed, *lits, *switches]):
        return None
    core = set(solver.get_core() or [])
    named = [switch for switch in switches if switch in core]
    # a block's switch stands for its rules' activation literals
    acts = [act for switch in named for act in oracle.blocks.get(switch, [switch])]
    used = [lit for lit in lits if lit in core]
    if solver.solve(assumptions=[*fixed, *used, *acts]):  # pragma: no cover - cores suffice
        raise AssertionError("a core's own blocks and selections must conflict")
    chosen = set(lits)
    return [c for c in solver.get_core() or [] if top < c <= last or c in chosen]


def together(oracle: Oracle, lits: Sequence[int], values: Sequence[int]) -> Conflict | None:
    """One conflict for all `values` at once, each blocked under `lits`: its rules and
    selections rule out every one of them, so it is true for each, but not minimised (None if
    some value is not blocked after all)."""
    with oracle.one_of(values) as switch:
        keep = _core(oracle, [switch], lits, list(oracle.blocks))
    return None if keep is None else _found(oracle, lits, keep, False)


def _last_selection(item: int, trial: Sequence[int], chosen: set[int], free: bool) -> bool:
    """Whether `item` is the only selection left of a conflict whose value is possible with
    nothing selected: then it is needed, without asking."""
    return free and item in chosen and not any(c in chosen for c in trial)


def _found(oracle: Oracle, lits: Sequence[int], keep: Sequence[int], minimal: bool) -> Conflict:
    top = oracle.space.top
    acts = tuple(sorted(c for c in keep if c > top))
    rules = tuple(oracle.space.hard[c - top - 1][0] for c in acts)
    return Conflict(rules, tuple(lit for lit in lits if lit in keep), minimal, acts)


class Propagations:
    """What unit propagation rules out under a set of selections and rules (their activation
    literals, no other rule active), asked once per set in a call: the values blocked by one
    cause share its propagations, so a set's shrinking is paid once, not once per value."""

    def __init__(self, oracle: Oracle):
        self.oracle = oracle
        self._known: dict[frozenset[int], frozenset[int] | None] = {}

    def blocks(self, members: Sequence[int], value: int, assumed: bool = True) -> bool:
        """Whether `members` alone rule `value` out by propagation (a conflict, proven); with
        `assumed` False only what their shared propagation shows is looked at."""
        key = frozenset(members)
        if key not in self._known:
            ok, implied = self.oracle.explain.propagate(assumptions=sorted(key))
            top = self.oracle.nvalues
            self._known[key] = frozenset(-v for v in implied if 0 < -v <= top) if ok else None
        ruled_out = self._known[key]
        if ruled_out is None or value in ruled_out:
            return True
        if not assumed:
            return False
        # a value can also fail only once assumed (two rules each forcing another value of
        # one group): asked on its own, not kept
        return not self.oracle.explain.propagate(assumptions=[*sorted(key), value])[0]


def reuse(
    props: Propagations,
    lits: Sequence[int],
    value: int,
    known: Sequence[Conflict],
    deadline: float = 0.0,
    assumed: bool = True,
    free: bool = False,
) -> Conflict | None:
    """The first of `known` (conflicts of other values under these selections) whose rules and
    selections also rule out `value` by propagation, shrunk by propagation (only its selections
    after `deadline`): values blocked by one cause share it, for a few propagations shared by
    all of them instead of solves. `free`: the value is possible with nothing selected."""
    chosen = set(lits)
    for other in known:
        members = [*other.selections, *other.acts]
        if not set(other.selections) <= chosen or not props.blocks(members, value, assumed):
            continue
        # the rules were shrunk for the other value: after the deadline they stay as they are
        late = time.perf_counter() > deadline
        for item in other.selections if late else [*other.selections, *other.acts]:
            trial = [c for c in members if c != item]
            if _last_selection(item, trial, chosen, free):
                continue
            # once late, by the smaller set's shared propagation only (one for all values)
            if props.blocks(trial, value, assumed=not late):
                members = trial
        return _found(props.oracle, lits, members, False)
    return None


class Causes:
    """The conflicts one call has found, tried on each further blocked value before a search:
    every one by its shared propagation first (newest first), then the latest of the value's
    group and of the call with the value assumed. Past `cutoff` no search starts: a value no
    conflict found so far explains gets None."""

    def __init__(
        self,
        oracle: Oracle,
        deadline: float,
        settle: bool = True,
        free: frozenset[int] = frozenset(),
        cutoff: float = float("inf"),
    ):
        self.oracle = oracle
        self.free = free  # values possible with nothing selected
        self.deadline = deadline
        self.cutoff = cutoff
        self.settle = settle
        self.props = Propagations(oracle)
        self.by_group: dict[str, list[Conflict]] = {}
        self.latest: list[Conflict] = []

    def explain(self, lits: Sequence[int], value: int) -> Conflict | None:
        same = self.by_group.setdefault(self.oracle.space.value_of[value][0], [])
        free = value in self.free
        late = time.perf_counter() > self.cutoff
        # first what every known conflict's own propagation already rules out (one propagation
        # per conflict, shared by all values), then the latest few with the value assumed
        deadline = 0.0 if late else self.deadline
        found = reuse(self.props, lits, value, self.latest[::-1], deadline, False, free)
        if found is not None or late:
            return found
        recent = {id(c) for c in same[-REUSE:]}
        tried = [*same[-REUSE:], *(c for c in self.latest[-REUSE:] if id(c) not in recent)]
        found = reuse(self.props, lits, value, tried, self.deadline, True, free)
        if found is None:
            found = conflict(self.oracle, lits, [value], self.deadline, self.settle, free)
            if found is not None:
                same.append(found)
                self.latest.append(found)
        return found
