"""One solver per compiled space for the rule-base analysis, every hard rule behind a switch.

Each hard rule's clauses are guarded by an activation literal, so one incremental solver answers
every question of the analysis under assumptions: is the model buyable, which values are possible,
does rule R follow from the others (switch R off, assume its clause false), can an advice rule be
followed. `reuse=False` builds a fresh solver for every question (the baseline in bench/).
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
            act = self._fresh()
            self.act_of[rule.id] = act
            self.rule_of[act] = rule
            self.guarded += [[*c, -act] for c in clauses]
            self.plain += clauses
        self.acts = list(self.rule_of)
        size = max(1, isqrt(len(self.acts)))
        self.blocks: dict[int, list[int]] = {}
        self.block_of: dict[int, int] = {}
        for n in range(0, len(self.acts), size):
            block = self._fresh()
            self.blocks[block] = self.acts[n : n + size]
            self.guarded += [[-block, act] for act in self.blocks[block]]
            self.block_of.update((act, block) for act in self.blocks[block])
        self.all_on = list(self.blocks)
        self.solver = Solver(name=SOLVER, bootstrap_with=self.guarded) if reuse else None
        self.fast = Solver(name=SOLVER, bootstrap_with=self.plain) if reuse else None
        self.calls = 0

    def _fresh(self) -> int:
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

    def buyable(self) -> bool:
        return self.solve([], plain=True)[0]

    def possible(self, on: list[int] | None = None) -> set[int]:
        """Value variables that occur in at least one valid configuration."""
        plain = on is None
        on = [] if on is None else on
        ok, model, _ = self.solve(on, plain)
        if not ok:
            return set()
        found = {v for v in model[: self.nvalues] if v > 0}
        dead = self._propagated_false(on, plain)
        solver = self.fast if plain else self.solver
        for value in self.values:
            if value in found or value in dead:
                continue
            if solver is not None:
                solver.set_phases([v for v in self.values if v not in found])
            ok, model, _ = self.solve([*on, value], plain)
            if ok:
                found |= {v for v in model[: self.nvalues] if v > 0}
        return found

    def _propagated_false(self, on: list[int], plain: bool) -> set[int]:
        """Values unit propagation alone already rules out (no search needed)."""
        solver = self.fast if plain else self.solver
        if solver is None:
            return set()
        ok, lits = solver.propagate(assumptions=on)
        return {-lit for lit in lits or [] if -self.nvalues <= lit < 0} if ok else set()

    def refuted(self, assumptions: list[int]) -> bool:
        """True when unit propagation alone shows the assumptions inconsistent."""
        if self.solver is None:
            return False
        ok, _ = self.solver.propagate(assumptions=assumptions)
        return not ok

    def rules_in(self, core: list[int]) -> list[int]:
        """The rule switches behind a core: blocks are opened into their rules."""
        acts = [c for c in core if c in self.rule_of]
        for c in core:
            acts += self.blocks.get(c, [])
        return acts

    def blockers(
        self, lits: list[int], on: list[int] | None = None, shrink: int = 64
    ) -> list[Rule]:
        """Hard rules that, with `lits`, leave no valid configuration; subset-minimal when the
        first core has at most `shrink` rules. [] when `lits` are consistent."""
        ok, _, core = self.solve([*(self.all_on if on is None else on), *lits])
        if ok:
            return []
        acts = self.rules_in(core)
        ok, _, core = self.solve([*acts, *lits])  # refine: only the rules of the core's blocks
        acts = [c for c in core if c in self.rule_of]
        if len(acts) <= shrink:
            for act in list(acts):
                trial = [a for a in acts if a != act]
                if not self.solve([*trial, *lits])[0]:
                    acts = trial
        return [self.rule_of[a] for a in acts]

    def implied(
        self, rule: Rule, clauses: list[Clause], explain: bool = True
    ) -> tuple[bool, set[str]]:
        """Whether `clauses` (of `rule`) follow from the other hard rules, and (if `explain`)
        from which."""
        others = self.all_but(rule.id)
        main, defs = split_aux(clauses, self.nvalues)
        used: set[str] = set()
        for clause in main:
            assume = [-lit for lit in clause if abs(lit) <= self.nvalues]
            rows = [lit for lit in clause if lit > self.nvalues]
            if rows:
                guard = self._fresh()
                self.add([[-guard, *(-c for c in defs.get(r, []))] for r in rows])
                assume.append(guard)
            ok, _, core = self.solve([*others, *assume])
            if ok:
                return False, set()
            if not explain:
                continue
            own = [a for a in self.rules_in(core) if self.rule_of[a].id != rule.id]
            used |= {r.id for r in self._shrink(own, assume)}
        return True, used

    def _shrink(self, acts: list[int], lits: list[int], limit: int = 12) -> list[Rule]:
        ok, _, core = self.solve([*acts, *lits])
        acts = [c for c in core if c in self.rule_of] if not ok else acts
        if len(acts) <= limit:
            for act in list(acts):
                trial = [a for a in acts if a != act]
                if not self.solve([*trial, *lits])[0]:
                    acts = trial
        return [self.rule_of[a] for a in acts]

    def followable(self, clauses: list[Clause]) -> bool:
        """Whether some valid configuration also satisfies these (advice) clauses."""
        guard = self._fresh()
        self.add([[*c, -guard] for c in clauses])
        return self.solve([guard], plain=True)[0]

    def possible_without(self, rule: Rule) -> set[int]:
        """Value variables possible when `rule` is switched off."""
        return self.possible(self.all_but(rule.id))
