"""One pair of incremental SAT solvers over a compiled space, lent to one call at a time.

`fast` has the clauses plain, for domains and completions; `explain` guards each hard rule's
clauses with an activation literal, so an unsatisfiable core names the rules (and selections)
behind a conflict. "Any of these values" questions add a clause behind a fresh switch literal
that is then retired; the solvers are rebuilt from the compiled clauses once enough switches
have piled up, so a long-running worker's solvers do not grow without end.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from math import isqrt

from pysat.solvers import Solver

from .check import Checker
from .compiler import Space

SOLVER = "g4"  # Glucose 4: fastest here for many small solves under assumptions
SWITCHES = 4096  # retired temporary clauses after which the solvers start afresh
IDLE = 4  # oracles kept per space between calls; more are made while calls overlap


def blocks_of(space: Space) -> dict[int, list[int]]:
    """Rule activation literals (just above the compiled ones) in blocks of about sqrt(n), each
    block switched on by one literal: a question assumes the blocks, then only the rules of the
    blocks its first core names, not every rule."""
    first = space.top + 1
    acts = list(range(first, first + len(space.hard)))
    size = max(1, isqrt(len(acts)))
    block = first + len(acts)
    out = {}
    for n in range(0, len(acts), size):
        out[block + n // size] = acts[n : n + size]
    return out


class Oracle:
    def __init__(self, space: Space, checker: Checker | None = None):
        self.space = space
        self.nvalues = len(space.value_of)
        # per value, the latest valid truck seen with it: at most one truck per value is kept
        self.proof: dict[int, frozenset[int]] = {}
        self.checker = checker or Checker(space)
        self.group_of = {n: self.checker.values[g] for n, (g, _) in space.value_of.items()}
        self._build()

    def _build(self) -> None:
        space = self.space
        self.fast = Solver(name=SOLVER, bootstrap_with=space.structure)
        self.explain = Solver(name=SOLVER, bootstrap_with=space.structure)
        for n, (_, clauses) in enumerate(space.hard):
            act = space.top + 1 + n
            self.fast.append_formula(clauses)
            self.explain.append_formula([[*clause, -act] for clause in clauses])
        self.blocks = blocks_of(space)
        for block, acts in self.blocks.items():
            self.explain.append_formula([[-block, act] for act in acts])
        self._top = space.top + len(space.hard) + len(self.blocks)
        self._switches = 0

    def close(self) -> None:
        self.fast.delete()
        self.explain.delete()

    def consistent(self, lits: Sequence[int]) -> bool:
        return bool(self.fast.solve(assumptions=list(lits)))

    def model(self, lits: Sequence[int], prefer: Sequence[int] = ()) -> list[int] | None:
        if prefer:
            self.fast.set_phases(list(prefer))
        if not self.fast.solve(assumptions=list(lits)):
            return None
        return self.fast.get_model() or []

    def propagate(self, lits: Sequence[int]) -> tuple[bool, list[int]]:
        ok, implied = self.fast.propagate(assumptions=list(lits))
        return bool(ok), list(implied or [])

    def values_in(self, model: Sequence[int]) -> frozenset[int]:
        return frozenset(v for v in model[: self.nvalues] if v > 0)

    def truck(self, lits: Sequence[int], prefer: Sequence[int] = ()) -> frozenset[int] | None:
        """The values of a valid truck with `lits`, remembered as a proof, or None."""
        found = self.model(lits, prefer)
        if found is None:
            return None
        witness = self.values_in(found)
        self._remember(witness)
        return witness

    def _remember(self, truck: frozenset[int]) -> None:
        self.proof.update(dict.fromkeys(truck, truck))

    def repair(self, truck: frozenset[int], key: frozenset[int]) -> frozenset[int] | None:
        """`truck` if it has the selections `key`, or with one or two of them swapped in if
        that is still valid; else None.

        A session adds one choice at a time, so last step's trucks usually need one swap; only
        the rules over the swapped groups are checked (check.py), a solve if one cannot be.
        """
        missing = key - truck
        if not missing:
            return truck
        if len(missing) > 2:
            return None
        swapped = set(truck)
        for lit in missing:
            swapped -= self.group_of[lit]
            swapped.add(lit)
        fixed = frozenset(swapped)
        held = self.checker.still_holds(fixed, (self.space.value_of[lit][0] for lit in missing))
        if held is None:
            return fixed if self.holds(fixed) else None
        if held:
            self._remember(fixed)
        return fixed if held else None

    def any_of(
        self, lits: Sequence[int], wanted: Sequence[int], last: frozenset[int] = frozenset()
    ) -> frozenset[int] | None:
        """A valid truck with `lits` and at least one of `wanted`, steered to show many: toward
        the wanted values and away from `last` (the truck before) in their groups; the diagram
        helpers' saved phases would otherwise bring back last truck with a single change."""
        groups = {self.space.value_of[v][0] for v in wanted}
        chosen = set(lits)
        away = [-v for v in last if v not in chosen and self.space.value_of[v][0] in groups]
        prefer = [*wanted, *away]
        if len(wanted) == 1:
            return self.truck([*lits, wanted[0]], prefer)
        with self._one_of(self.fast, wanted) as switch:
            return self.truck([*lits, switch], prefer)

    def one_of(self, wanted: Sequence[int]) -> AbstractContextManager[int]:
        """A switch literal that, assumed, makes the explanation solver require one of
        `wanted`; the clause is retired after use."""
        return self._one_of(self.explain, wanted)

    @contextmanager
    def _one_of(self, solver: Solver, wanted: Sequence[int]) -> Iterator[int]:
        self._top += 1
        switch = self._top
        solver.add_clause([-switch, *wanted])
        try:
            yield switch
        finally:
            solver.add_clause([-switch])  # retire the temporary clause for good
            self._switches += 1

    def holds(self, truck: frozenset[int]) -> bool:
        """Whether a whole truck (one value per group) is valid: a solve with no search."""
        if self.fast.solve(assumptions=sorted(truck)):
            self._remember(truck)
            return True
        return False

    def refresh(self) -> None:
        """Start the solvers afresh if temporary clauses have piled up."""
        if self._switches >= SWITCHES:
            self.close()
            self._build()


class Pool:
    """Oracles lent per call: a slow question holds one oracle, never the whole space."""

    def __init__(self, space: Space):
        self.space = space
        self.checker = Checker(space)  # shared: it only reads the space
        self._idle: list[Oracle] = []
        self._lock = threading.Lock()  # held only to take or give back an oracle

    @contextmanager
    def oracle(self) -> Iterator[Oracle]:
        with self._lock:
            lent = self._idle.pop() if self._idle else None
        if lent is None:
            lent = Oracle(self.space, self.checker)
        try:
            yield lent
        except BaseException:
            lent.close()  # an interrupted call may leave a temporary clause switched on
            raise
        lent.refresh()
        with self._lock:
            if len(self._idle) < IDLE:
                self._idle.append(lent)
                return
        lent.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for oracle in idle:
            oracle.close()
