"""An independent reference configurator: the rules' meaning read from the loaded rulebook,
written apart from catalog's compiler and solver (it shares only the data classes).

It is the benchmark's baseline, the obvious good design: one incremental PySAT solver per
market and model; a step propagates the selections (what propagation rules out is blocked
without a search), then solves once per value not yet seen in a found truck, every truck found
marking all its values possible. A chosen group's other values are asked the same way with that
choice left out. Allowed-combination tables become reduced multi-valued decision diagrams, one
variable per node. The tests use it (and `holds`, a plain evaluator) as an independent checker.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import product
from typing import Any

from pysat.card import CardEnc, EncType
from pysat.solvers import Solver

NONE = "none"
HARD = ("requires", "excludes", "require", "forbid", "compare", "table")
TRUE = 0  # the accepting end of a decision diagram
Clause = list[int]


def _matches(flt: Any, get: Any) -> bool:
    """A rule or group filter: every key must match (or, negated, must not)."""
    if flt is None:
        return True
    return all((get(key) in values) != negated for key, values, negated in flt.terms)


class Problem:
    """The groups, offered values and hard rules of one market and model."""

    def __init__(self, book: Any, market: str, model: str):
        mk, md = book.markets[market], book.models[model]
        self.market, self.model = mk, md

        def model_attr(key: str) -> Any:
            return md.id if key == "id" else md.attrs.get(key)

        def market_attr(key: str) -> Any:
            return mk.code if key in ("id", "code") else mk.attrs.get(key)

        owners = {"catalogue", f"market:{mk.code}", *(f"layer:{x}" for x in mk.layers)}
        rules = [
            r
            for r in book.rules
            if r.owner in owners
            and _matches(r.markets, market_attr)
            and _matches(r.models, model_attr)
        ]
        hidden = {
            (s.group, v)
            for r in rules
            if r.kind == "offered" and not _matches(r.on, model_attr)
            for s in r.then
            for v in s.values
        }
        self.domains: dict[str, list[str]] = {}
        self.options: dict[tuple[str, str], Any] = {}
        for group in book.groups.values():
            if not _matches(group.models, model_attr):
                continue
            offered = md.offers.get(group.id)
            values = [o.id for o in group.options] + ([NONE] if group.optional else [])
            self.domains[group.id] = [
                v
                for v in values
                if (offered is None or v in offered or v == NONE) and (group.id, v) not in hidden
            ]
            self.options.update({(group.id, o.id): o for o in group.options})
        self.rules = [r for r in rules if r.severity == "error" and r.kind in HARD]
        self.by_id = {r.id: r for r in self.rules}

    def number(self, side: Any, truck: Mapping[str, str]) -> float | None:
        """One compare operand's number on this truck; None where it says nothing."""
        if side.scope == "number":
            return float(side.number)
        if side.scope in ("model", "market"):
            owner = self.model if side.scope == "model" else self.market
            value = owner.attr(side.attr)
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            return float(value) if ok else None
        option = self.options.get((side.name, truck.get(side.name, NONE)))
        return None if option is None else float(option.attrs[side.attr])

    def holds(self, rule: Any, truck: Mapping[str, str]) -> bool:
        """The rule on a whole truck (group -> value), straight from rules/README.md."""

        def sel(s: Any) -> bool:
            return truck.get(s.group) in s.values

        if not all(sel(s) for s in rule.when):
            return True
        kind = rule.kind
        if kind in ("requires", "require"):
            return all(sel(s) for s in rule.then)
        if kind in ("excludes", "forbid"):
            return not any(sel(s) for s in rule.then)
        if kind == "compare":
            left, right = self.number(rule.left, truck), self.number(rule.right, truck)
            return left is None or right is None or _compare(left, rule.op, right)
        present = [i for i, g in enumerate(rule.groups) if g in self.domains]
        return any(
            all(row[i] in ("*", truck[rule.groups[i]]) for i in present) for row in rule.rows
        )

    def valid(self, truck: Mapping[str, str], rules: Iterable[Any] | None = None) -> bool:
        if any(truck.get(g) not in d for g, d in self.domains.items()):
            return False
        return all(self.holds(r, truck) for r in (self.rules if rules is None else rules))


def _compare(x: float, op: str, y: float) -> bool:
    ops = {"=": x == y, "!=": x != y, "<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}
    return ops[op]


class Encoding:
    """CNF of a Problem: value variables 1..n first, then diagram nodes and counters."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.var: dict[tuple[str, str], int] = {}
        for group, values in problem.domains.items():
            for value in values:
                self.var[(group, value)] = len(self.var) + 1
        self.value_of = {n: key for key, n in self.var.items()}
        self.nvalues = len(self.var)
        self.top = self.nvalues
        self.structure: list[Clause] = []
        for group, values in problem.domains.items():
            self.structure += self._exactly_one([self.var[(group, v)] for v in values])
        self.rules: dict[str, list[Clause]] = {r.id: self._rule(r) for r in problem.rules}

    def _fresh(self) -> int:
        self.top += 1
        return self.top

    def _exactly_one(self, lits: list[int]) -> list[Clause]:
        if len(lits) <= 16:
            return [lits] + [[-a, -b] for i, a in enumerate(lits) for b in lits[i + 1 :]]
        enc = CardEnc.equals(lits=lits, bound=1, top_id=self.top, encoding=EncType.seqcounter)
        self.top = max(self.top, enc.nv)
        return [list(c) for c in enc.clauses]

    def lits(self, selector: Any) -> list[int]:
        values = self.problem.domains.get(selector.group, [])
        return [self.var[(selector.group, v)] for v in values if v in selector.values]

    def _rule(self, rule: Any) -> list[Clause]:
        conditions = [self.lits(s) for s in rule.when]
        if any(not c for c in conditions):
            return []  # the condition names nothing offered here: it never holds
        unless = [[-lit for lit in combo] for combo in product(*conditions)]
        kind = rule.kind
        if kind in ("requires", "require"):
            return [u + self.lits(s) for s in rule.then for u in unless]
        if kind in ("excludes", "forbid"):
            return [[*u, -lit] for s in rule.then for lit in self.lits(s) for u in unless]
        if kind == "compare":
            return self._compare(rule, unless)
        return self._table(rule, unless)

    def _side(self, side: Any) -> list[tuple[int | None, float | None]]:
        if side.scope != "group":
            return [(None, self.problem.number(side, {}))]
        values = self.problem.domains.get(side.name, [])
        return [
            (self.var[(side.name, v)], self.problem.number(side, {side.name: v})) for v in values
        ]

    def _compare(self, rule: Any, unless: list[Clause]) -> list[Clause]:
        out = []
        for (a, x), (b, y) in product(self._side(rule.left), self._side(rule.right)):
            if x is not None and y is not None and not _compare(x, rule.op, y):
                out += [u + [-lit for lit in (a, b) if lit is not None] for u in unless]
        return out

    def _table(self, rule: Any, unless: list[Clause]) -> list[Clause]:
        domains = self.problem.domains
        cols = [i for i, g in enumerate(rule.groups) if g in domains]
        groups = [rule.groups[i] for i in cols]
        rows = set()
        for row in rule.rows:
            cells = tuple(row[i] for i in cols)
            if all(c == "*" or c in domains[g] for c, g in zip(cells, groups, strict=True)):
                rows.add(cells)  # a row naming a value not offered here can never match
        nodes: dict[tuple[int, tuple[tuple[str, int], ...]], int] = {}
        root = _diagram(groups, [domains[g] for g in groups], frozenset(rows), nodes)
        if root is None:
            return [list(u) for u in unless]  # no row fits: the condition must fail
        if root == TRUE:
            return []
        var = {node: self._fresh() for node in nodes.values()}
        out = [[*u, var[root]] for u in unless]
        for (level, edges), node in nodes.items():
            group, to = groups[level], dict(edges)
            for value in domains[group]:
                lit = self.var[(group, value)]
                child = to.get(value)
                if child is None:
                    out.append([-var[node], -lit])
                elif child != TRUE:
                    out.append([-var[node], -lit, var[child]])
        return out


def _diagram(
    groups: list[str],
    domains: list[list[str]],
    rows: frozenset[tuple[str, ...]],
    nodes: dict[tuple[int, tuple[tuple[str, int], ...]], int],
) -> int | None:
    """Root of the reduced diagram of `rows` (None: empty); equal nodes are shared."""
    memo: dict[tuple[int, frozenset[tuple[str, ...]]], int | None] = {}

    def build(level: int, suffixes: frozenset[tuple[str, ...]]) -> int | None:
        if level == len(groups):
            return TRUE if suffixes else None
        key = (level, suffixes)
        if key in memo:
            return memo[key]
        star = [s[1:] for s in suffixes if s[0] == "*"]
        by_value: dict[str, list[tuple[str, ...]]] = {}
        for s in suffixes:
            if s[0] != "*":
                by_value.setdefault(s[0], []).append(s[1:])
        edges = []
        for value in domains[level]:
            below = by_value.get(value, []) + star
            child = build(level + 1, frozenset(below)) if below else None
            if child is not None:
                edges.append((value, child))
        found = None if not edges else nodes.setdefault((level, tuple(edges)), len(nodes) + 1)
        memo[key] = found
        return found

    return build(0, rows)


class Reference:
    """The baseline configurator: option states of every group for a set of selections."""

    def __init__(self, book: Any, market: str, model: str, solver: str = "g4"):
        self.problem = Problem(book, market, model)
        self.enc = Encoding(self.problem)
        clauses = self.enc.structure + [c for cs in self.enc.rules.values() for c in cs]
        self.solver = Solver(name=solver, bootstrap_with=clauses)
        self.dead: set[int] = set()
        # values no valid truck has are blocked whatever is chosen: asked once, kept as units
        every = list(self.enc.value_of)
        possible = self._possible([], every)
        self.dead = {v for v in every if v not in possible}
        for value in self.dead:
            self.solver.add_clause([-value])

    def close(self) -> None:
        self.solver.delete()

    def _possible(self, lits: list[int], candidates: list[int]) -> set[int]:
        """The candidates that some valid truck has together with `lits`."""
        ok, implied = self.solver.propagate(assumptions=lits)
        self.solver.set_phases(candidates)
        if not ok or not self.solver.solve(assumptions=lits):
            return set()
        ruled_out = {-lit for lit in implied or [] if lit < 0} | self.dead
        seen = self._values(self.solver.get_model() or [])
        out = set()
        for value in candidates:
            if value in ruled_out:
                continue
            if value not in seen:
                # steer the search toward values not seen yet, so one truck shows many
                self.solver.set_phases([v for v in candidates if v not in seen])
                if self.solver.solve(assumptions=[*lits, value]):
                    seen |= self._values(self.solver.get_model() or [])
            if value in seen:
                out.add(value)
        return out

    def _values(self, model: list[int]) -> set[int]:
        return {lit for lit in model[: self.enc.nvalues] if lit > 0}

    def step(self, chosen: Mapping[str, str]) -> dict[str, set[str]]:
        """group -> values that are possible (open groups) or could replace the choice."""
        var, domains = self.enc.var, self.problem.domains
        lits = {g: var[(g, v)] for g, v in chosen.items()}
        open_values = [var[(g, v)] for g in domains if g not in chosen for v in domains[g]]
        found = self._possible(list(lits.values()), open_values)
        for group, lit in lits.items():
            rest = [x for g, x in lits.items() if g != group]
            others = [var[(group, v)] for v in domains[group] if var[(group, v)] != lit]
            found |= self._possible(rest, others) | {lit}
        out: dict[str, set[str]] = {g: set() for g in domains}
        for lit in found:
            group, value = self.enc.value_of[lit]
            out[group].add(value)
        return out
