"""SAT questions about one compiled space: consistency, valid domains, cores, smallest fixes.

Two incremental solvers share the clauses: `fast` has them plain, for domains and completions;
`explain` guards each rule's clauses with an activation literal, so an unsatisfiable core under
assumptions names the rules (and the selections) responsible.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from itertools import combinations

from pysat.solvers import Solver

from ..model import Rule
from .compiler import Space

SOLVER = "g4"  # Glucose 4: fastest here for many small solves under assumptions
MAX_HITTING = 18  # above this many culprits, settle for a subset-minimal fix
DOMAIN_CACHE = 64  # recent (selections -> domains) answers kept per space
WITNESSES = 2048  # recent valid trucks kept as proofs that their values are possible
REPAIRS = 256  # recent trucks tried with the latest selections swapped in


class Solving:
    def __init__(self, space: Space):
        self.space = space
        self.lock = threading.RLock()
        self.fast = Solver(name=SOLVER, bootstrap_with=space.structure)
        self.explain = Solver(name=SOLVER, bootstrap_with=space.structure)
        self.rule_of: dict[int, Rule] = {}
        act = space.top
        for rule, clauses in space.hard:
            act += 1
            self.rule_of[act] = rule
            for clause in clauses:
                self.fast.add_clause(clause)
                self.explain.add_clause([*clause, -act])
        self.acts = list(self.rule_of)
        self._top = act  # fresh variables for temporary clauses start above the rules'

        self.values = sorted(space.value_of)
        self.nvalues = len(self.values)
        self._all = frozenset(self.values)
        groups = {g: frozenset(space.var[(g, v)] for v in vs) for g, vs in space.domains.items()}
        self._group_vars = {v: groups[space.value_of[v][0]] for v in self.values}
        self._negatives = frozenset(range(-self.nvalues, 0))
        assert self.values == list(range(1, self.nvalues + 1)), "value variables come first"
        self._domains: dict[frozenset[int], tuple[set[int], set[int]]] = {}
        self._witnesses: list[frozenset[int]] = []
        self._blocked_under: dict[int, list[frozenset[int]]] = {}
        self.memo: dict[object, object] = {}  # derived answers the engine builds once per space
        self._reasons: dict[int, list[tuple[frozenset[int], tuple[Rule, ...]]]] = {}

    def close(self) -> None:
        for solver in (self.fast, self.explain):
            solver.delete()

    def consistent(self, lits: list[int]) -> bool:
        return bool(self.fast.solve(assumptions=lits))

    def model(self, lits: list[int], prefer: Sequence[int] = ()) -> list[int] | None:
        if prefer:
            self.fast.set_phases(list(prefer))
        if not self.fast.solve(assumptions=lits):
            return None
        return self.fast.get_model() or []

    def domains(self, lits: list[int]) -> tuple[set[int], set[int]]:
        """(possible, blocked) value variables given the assumed selections.

        Values blocked under a subset of `lits` stay blocked, and any earlier witness truck
        that contains every selection still proves its values possible, so a configuration
        session that adds one choice at a time solves only for what changed.
        """
        key = frozenset(lits)
        if key in self._domains:
            return self._domains[key]
        found = self.model(lits)
        if found is None:
            return set(), set(self.values)
        possible = set(self._values_in(found))
        blocked: set[int] = set()
        for earlier, (_, earlier_blocked) in self._domains.items():
            if earlier <= key:
                blocked |= earlier_blocked
        for witness in self._witnesses:
            if key <= witness:
                possible |= witness
        ok, implied = self.fast.propagate(assumptions=lits)
        forced: frozenset[int] = frozenset()
        if ok:
            blocked.update(-v for v in implied if v < 0 and -v <= self.nvalues)
            forced = frozenset(v for v in implied if 0 < v <= self.nvalues)
        for witness in self._repaired(key | forced, possible, blocked):
            possible |= witness
        while unseen := sorted(self._all - possible - blocked):
            # One question for all of them: does some truck show any value not yet seen?
            shown = self._witness_for_any(lits, unseen)
            if shown is None:
                blocked.update(unseen)
                break
            possible |= shown
        self._domains[key] = (possible, blocked)
        if len(self._domains) > DOMAIN_CACHE:
            del self._domains[next(iter(self._domains))]
        return possible, blocked

    def _witness_for_any(self, lits: list[int], wanted: list[int]) -> frozenset[int] | None:
        """A valid truck under `lits` with at least one of `wanted`, steered to show many."""
        self.fast.set_phases(wanted)
        if len(wanted) == 1:
            found = self.fast.solve(assumptions=[*lits, wanted[0]])
        else:
            switch = self._fresh()
            self.fast.add_clause([-switch, *wanted])
            found = self.fast.solve(assumptions=[*lits, switch])
            self.fast.add_clause([-switch])  # retire the temporary clause for good
        if not found:
            return None
        witness = self._values_in(self.fast.get_model() or [])
        self._remember(witness)
        return witness

    def _repaired(
        self, key: frozenset[int], shown: set[int], blocked: set[int]
    ) -> list[frozenset[int]]:
        """Recent trucks that lack a selection or two, with those put in, if still valid.

        A session adds one choice at a time, so last step's trucks with the new choice swapped
        in often still hold; checking a whole truck is a solve without search, and one that
        holds a value already known blocked is not worth it.
        """
        out: list[frozenset[int]] = []
        for witness in self._witnesses[-REPAIRS:]:
            missing = key - witness
            if not missing or len(missing) > 2:
                continue
            repaired = self._swap(witness, missing)
            if repaired - shown and not repaired & blocked and self._holds(repaired):
                out.append(repaired)
                shown = shown | repaired
        return out

    def _swap(self, witness: frozenset[int], values: frozenset[int] | set[int]) -> frozenset[int]:
        """The truck with each of `values` replacing whatever it had in that value's group."""
        out = set(witness)
        for value in values:
            out -= self._group_vars[value]
            out.add(value)
        return frozenset(out)

    def _holds(self, truck: frozenset[int]) -> bool:
        if self.fast.solve(assumptions=sorted(truck)):
            self._remember(truck)
            return True
        return False

    def _fresh(self) -> int:
        self._top += 1
        return self._top

    def alternatives(self, lits: list[int], others: dict[int, list[int]]) -> set[int]:
        """Values that could replace a selection with every other selection kept.

        `others` maps each selected value to the other values of its group. A remembered
        truck that lacks exactly one selection proves the values it has in that group.
        """
        selected = frozenset(lits)
        near: dict[int, set[int]] = {}
        twice: list[tuple[frozenset[int], frozenset[int]]] = []
        for witness in self._witnesses:
            missing = selected - witness
            if len(missing) == 1:
                near.setdefault(next(iter(missing)), set()).update(witness)
            elif len(missing) == 2:
                twice.append((witness, missing))
        for witness, missing in twice[-REPAIRS:]:
            for relaxed in missing:  # keep one selection out, swap the other in
                gained = witness & self._group_vars[relaxed]
                if gained <= near.get(relaxed, set()) or not gained & set(others.get(relaxed, ())):
                    continue
                repaired = self._swap(witness, missing - {relaxed})
                if self._holds(repaired):
                    near.setdefault(relaxed, set()).update(repaired)
        possible: set[int] = set()
        for chosen, values in others.items():
            seen = near.get(chosen, set())
            possible.update(v for v in values if v in seen)
            rest = [lit for lit in lits if lit != chosen]
            possible |= self._replacements(rest, [v for v in values if v not in seen])
        return possible

    def _replacements(self, rest: list[int], values: list[int]) -> set[int]:
        key = frozenset(rest)
        unknown = [v for v in values if not self._known_blocked(v, key)]
        possible: set[int] = set()
        while unknown:
            witness = self._witness_for_any(rest, unknown)
            if witness is None:
                for value in unknown:
                    self._blocked_under.setdefault(value, []).append(key)
                break
            possible.update(v for v in unknown if v in witness)
            unknown = [v for v in unknown if v not in witness]
        return possible

    def _known_blocked(self, value: int, key: frozenset[int]) -> bool:
        return any(earlier <= key for earlier in self._blocked_under.get(value, ()))

    def _values_in(self, model: list[int]) -> frozenset[int]:
        return frozenset(model[: self.nvalues]) - self._negatives

    def _remember(self, witness: frozenset[int]) -> None:
        self._witnesses.append(witness)
        if len(self._witnesses) > WITNESSES:
            del self._witnesses[0]

    def core(self, lits: list[int], minimal: bool = False) -> tuple[list[Rule], list[int]]:
        """Rules and selections that together make `lits` inconsistent."""
        chosen = set(lits)
        if self.explain.solve(assumptions=[*lits, *self.acts]):
            return [], []
        core = [c for c in self.explain.get_core() or [] if c in self.rule_of or c in chosen]
        if minimal:
            core = self._shrink(core, lits)
        rules = [self.rule_of[c] for c in core if c in self.rule_of]
        return rules, [c for c in core if c in chosen and c not in self.rule_of]

    def _shrink(self, core: list[int], lits: list[int]) -> list[int]:
        keep = list(core)
        forced = [lit for lit in lits if lit not in core]
        for item in list(keep):
            trial = [c for c in keep if c != item]
            if not self.explain.solve(assumptions=[*forced, *trial]):
                keep = trial
        return keep

    def blocked_by(self, lits: list[int], value: int) -> tuple[list[Rule], list[int]]:
        """Why `value` cannot join `lits`: reuses an earlier answer whose selections still hold."""
        chosen = frozenset(lits)
        for known, known_rules in self._reasons.get(value, []):
            if known <= chosen:
                return list(known_rules), sorted(known)
        rules, used = self.core([*lits, value])
        used = [u for u in used if u != value]
        self._reasons.setdefault(value, []).append((frozenset(used), tuple(rules)))
        return rules, used

    def smallest_drop(self, lits: list[int], keep: list[int]) -> list[int]:
        """A smallest set of `lits` whose removal makes the rest consistent with `keep`.

        Implicit hitting sets: each core of the solver is a set of selections of which one must
        go; the smallest set meeting every core found so far is tried until the rest is
        consistent.
        """
        soft = [lit for lit in lits if lit not in keep]
        cores: list[set[int]] = []
        while True:
            drop = _smallest_hitting_set(cores)
            if drop is None:
                return self._greedy_drop(soft, keep)
            rest = [lit for lit in soft if lit not in drop]
            if self.fast.solve(assumptions=[*keep, *rest]):
                return sorted(drop, key=lits.index)
            core = set(self.fast.get_core() or []) & set(rest)
            if not core:
                return sorted(soft, key=lits.index)  # `keep` alone is inconsistent
            cores.append(core)

    def _greedy_drop(self, soft: list[int], keep: list[int]) -> list[int]:
        kept = list(keep)
        dropped = []
        for lit in reversed(soft):  # later choices win
            if self.fast.solve(assumptions=[*kept, lit]):
                kept.append(lit)
            else:
                dropped.append(lit)
        return dropped


def _smallest_hitting_set(cores: list[set[int]]) -> set[int] | None:
    universe = sorted(set().union(*cores)) if cores else []
    if len(universe) > MAX_HITTING:
        return None
    for size in range(len(universe) + 1):
        for pick in combinations(universe, size):
            chosen = set(pick)
            if all(core & chosen for core in cores):
                return chosen
    return None  # pragma: no cover - the whole universe always hits every core
