"""One solver per compiled space for the rule-base analysis, every hard rule behind a switch.

Each hard rule's clauses are guarded by an activation literal, so one incremental solver answers
every question of the analysis under assumptions. This module holds the switched solver itself;
the questions are asked in `possible` (buyable, which values occur, can advice be followed) and
`causes` (which rules block an option, which rules a redundant rule follows from).
`reuse=False` builds a fresh solver for every question (the baseline in bench/).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from math import isqrt

from pysat.solvers import Solver

from ..engine.compiler import Space
from ..model import Rule

SOLVER = "g4"
Clause = list[int]


def split_aux(
    clauses: Iterable[Sequence[int]], nvalues: int
) -> tuple[list[Clause], dict[int, Clause]]:
    """Main clauses and, per auxiliary variable `a` (> nvalues), the value literals it implies.

    Table rows compile to `[-row, cell]` clauses plus `base + rows`; a row stands for the
    conjunction of its cells, which is how the analysis and the counter project rows away.
    """
    main: list[Clause] = []
    defs: dict[int, Clause] = {}
    for clause in clauses:
        if (
            len(clause) == 2
            and clause[0] < 0
            and -clause[0] > nvalues
            and abs(clause[1]) <= nvalues
        ):
            defs.setdefault(-clause[0], []).append(clause[1])
        else:
            main.append(list(clause))
    for clause in main:
        if any(lit < -nvalues for lit in clause):
            raise ValueError(f"cannot project auxiliary variables out of {clause}")
    return main, defs


class Probe:
    """Rule switches come in blocks of about sqrt(n): a block literal turns on every rule in it,
    so "all rules but R" costs about 2·sqrt(n) assumptions instead of n."""

    def __init__(self, space: Space, reuse: bool = True):
        self.space = space
        self.reuse = reuse
        self.nvalues = len(space.value_of)
        self.values = list(range(1, self.nvalues + 1))
        self.act_of: dict[str, int] = {}
        self.rule_of: dict[int, Rule] = {}
        self.guarded: list[Clause] = [list(c) for c in space.structure]
        self.plain: list[Clause] = list(self.guarded)
        self.top = space.top
        for rule, clauses in space.hard:
            act = self.fresh()
            self.act_of[rule.id] = act
            self.rule_of[act] = rule
            self.guarded += [[*c, -act] for c in clauses]
            self.plain += clauses
        self.acts = list(self.rule_of)
        size = max(1, isqrt(len(self.acts)))
        self.blocks: dict[int, list[int]] = {}
        self.block_of: dict[int, int] = {}
        for n in range(0, len(self.acts), size):
            block = self.fresh()
            self.blocks[block] = self.acts[n : n + size]
            self.guarded += [[-block, act] for act in self.blocks[block]]
            self.block_of.update((act, block) for act in self.blocks[block])
        self.all_on = list(self.blocks)
        self.solver = Solver(name=SOLVER, bootstrap_with=self.guarded) if reuse else None
        self.fast = Solver(name=SOLVER, bootstrap_with=self.plain) if reuse else None
        self.calls = 0

    def fresh(self) -> int:
        self.top += 1
        return self.top

    def close(self) -> None:
        for solver in (self.solver, self.fast):
            if solver is not None:
                solver.delete()

    def all_but(self, rule_id: str) -> list[int]:
        """Assumptions that switch on every hard rule except `rule_id`."""
        act = self.act_of.get(rule_id)
        if act is None:
            return self.all_on
        mine = self.block_of[act]
        return [*(b for b in self.all_on if b != mine), *(a for a in self.blocks[mine] if a != act)]

    def add(self, clauses: Iterable[Clause]) -> None:
        """Clauses guarded by a literal of their own (so they stay switched off unless assumed)."""
        self.guarded += clauses
        self.plain += clauses
        for solver in (self.solver, self.fast):
            if solver is not None:
                for clause in clauses:
                    solver.add_clause(clause)

    def solve(
        self, assumptions: list[int], plain: bool = False
    ) -> tuple[bool, list[int], list[int]]:
        """(satisfiable, model or [], core or []); `plain`: every hard rule on, no switches."""
        self.calls += 1
        kept = self.fast if plain else self.solver
        solver = kept or Solver(name=SOLVER, bootstrap_with=self.plain if plain else self.guarded)
        try:
            if solver.solve(assumptions=assumptions):
                return True, solver.get_model() or [], []
            return False, [], solver.get_core() or []
        finally:
            if kept is None:
                solver.delete()

    def rules_in(self, core: list[int]) -> list[int]:
        """The rule switches behind a core: blocks are opened into their rules."""
        acts = [c for c in core if c in self.rule_of]
        for c in core:
            acts += self.blocks.get(c, [])
        return acts
