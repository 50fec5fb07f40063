"""An independent reading of the rules, to check the engine's explanations with plain PySAT.

Nothing here comes from the engine's compiler: each rule is read straight from rules/README.md
by `holds`, which evaluates it on the chosen values; a rule over a few small groups becomes the
value combinations it forbids (found by trying every combination), a table the disjunction of
its rows. A claimed conflict (choices that cannot go together under some rules) is checked by
a fresh solver that knows only those rules.
"""

from __future__ import annotations

import operator
from itertools import product

from pysat.formula import IDPool
from pysat.solvers import Solver

from catalog.rulebook.model import NONE, Market, Model, Operand, Rule, Rulebook

OPS = {"=": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
       ">": operator.gt, ">=": operator.ge}  # fmt: skip


class Reading:
    def __init__(self, book: Rulebook, market: str, model: str, domains: dict[str, list[str]]):
        self.book = book
        self.market: Market = book.markets[market]
        self.model: Model = book.models[model]
        self.domains = domains  # the values each group offers on this model

    def _number(self, side: Operand, truck: dict[str, str]) -> float | None:
        if side.scope == "number":
            return side.number
        if side.scope in ("model", "market"):
            thing = self.model if side.scope == "model" else self.market
            value = thing.attr(side.attr)
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            return float(value) if ok else None  # type: ignore[arg-type]
        chosen = truck.get(side.name)
        option = self.book.groups[side.name].option(chosen) if chosen else None
        return None if option is None else float(option.attrs[side.attr])

    def holds(self, rule: Rule, truck: dict[str, str]) -> bool:
        """Whether the rule holds of the chosen values (`truck` has every group it mentions)."""
        if not all(truck.get(sel.group) in sel.values for sel in rule.when):
            return True
        picked = [truck.get(sel.group) in sel.values for sel in rule.then]
        if rule.kind in ("requires", "require"):
            return all(picked)
        if rule.kind in ("excludes", "forbid"):
            return not any(picked)
        if rule.kind == "compare":
            assert rule.left is not None and rule.right is not None
            left, right = self._number(rule.left, truck), self._number(rule.right, truck)
            return left is None or right is None or OPS[rule.op](left, right)
        assert rule.kind == "table", rule.kind
        present = [n for n, g in enumerate(rule.groups) if g in self.domains]
        return any(
            all(row[n] in ("*", truck[rule.groups[n]]) for n in present) for row in rule.rows
        )

    def scope(self, rule: Rule) -> list[str]:
        groups = {sel.group for sel in (*rule.when, *rule.then)} | set(rule.groups)
        groups |= {s.name for s in (rule.left, rule.right) if s is not None and s.scope == "group"}
        return sorted(g for g in groups if g in self.domains)

    def conflicts(self, rules: list[Rule], chosen: dict[str, str]) -> bool:
        """True when no truck has the `chosen` values and keeps every one of `rules`."""
        pool = IDPool()
        clauses = []
        for group, values in self.domains.items():
            lits = [pool.id((group, v)) for v in values]
            clauses += [lits] + [[-a, -b] for i, a in enumerate(lits) for b in lits[i + 1 :]]
        for rule in rules:
            clauses += self._clauses(rule, pool)
        assume = [pool.id((g, v)) for g, v in chosen.items()]
        with Solver(name="m22", bootstrap_with=clauses) as solver:
            return not solver.solve(assumptions=assume)

    def _clauses(self, rule: Rule, pool: IDPool) -> list[list[int]]:
        if rule.kind == "table":
            return self._table(rule, pool)
        groups = self.scope(rule)
        out = []
        for combo in product(*(self.domains[g] for g in groups)):
            truck = dict(zip(groups, combo, strict=True))
            if not self.holds(rule, truck):
                out.append([-pool.id((g, v)) for g, v in truck.items()])
        return out

    def _table(self, rule: Rule, pool: IDPool) -> list[list[int]]:
        """The `if` values imply one of the rows; a row implies each of its cells."""
        present = [(n, g) for n, g in enumerate(rule.groups) if g in self.domains]
        out: list[list[int]] = []
        rows = []
        for r, row in enumerate(rule.rows):
            row_var = pool.id((rule.id, "row", r))
            rows.append(row_var)
            for n, g in present:
                if row[n] == "*":
                    continue
                fits = row[n] in self.domains[g]
                out.append([-row_var, pool.id((g, row[n]))] if fits else [-row_var])
        conditions = [
            [pool.id((s.group, v)) for v in s.values if v in self.domains.get(s.group, [])]
            for s in rule.when
        ]
        for combo in product(*conditions):
            out.append([-lit for lit in combo] + rows)
        return out


def domains_of(result: object) -> dict[str, list[str]]:
    """Every group's offered values as a configure answer lists them."""
    return {g.id: [o.id for o in g.options] for g in result.groups}  # type: ignore[attr-defined]


def parse(labels: tuple[str, ...] | list[str]) -> dict[str, str]:
    out = {}
    for text in labels:
        group, _, value = text.partition("=")
        out[group] = value
    return out


__all__ = ["NONE", "Reading", "domains_of", "parse"]
