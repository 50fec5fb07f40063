"""Whether a valid truck stays valid when some of its groups change, without a solve.

Only the hard rules over a changed group can break. A rule compiled to clauses over option
variables alone holds when each clause has a true literal; a table holds when its `if` fails or
the truck's values follow a path of its diagram. Any other rule (none today) leaves the answer
to the solver. This is what a solve with every group assigned decides, at a fraction of its cost
(a solve also propagates every other rule and every diagram node).

Its index of the rules over each group also orders the rules by nearness to a group (`near`),
which the explanations use to meet a conflict early.
"""

from __future__ import annotations

from collections.abc import Iterable

from .compiler import Space
from .tables import ANY, END


class Checker:
    def __init__(self, space: Space):
        self.space = space
        self.group_of = {n: g for n, (g, _) in space.value_of.items()}
        self.index = {n: space.domains[g].index(v) for n, (g, v) in space.value_of.items()}
        var = space.var
        self.values = {g: frozenset(var[(g, v)] for v in vs) for g, vs in space.domains.items()}
        self.rules_of: dict[str, list[int]] = {g: [] for g in space.domains}
        self.plain: dict[int, list[list[int]]] = {}
        self.when: dict[int, list[frozenset[int]]] = {}
        self.walks: dict[int, tuple[tuple[str, ...], list[list[dict[int, int]]], int]] = {}
        self.unknown: set[int] = set()  # rules with helper variables and no diagram
        self.groups_of: list[set[str]] = []  # per hard rule, the groups it reads
        for n, (rule, clauses) in enumerate(space.hard):
            if n in space.tables:
                groups, levels, root = space.tables[n]
                self.walks[n] = (groups, [[dict(node) for node in nodes] for nodes in levels], root)
                self.when[n] = [frozenset(space.lits(sel)) for sel in rule.when]
                touched = set(groups) | {sel.group for sel in rule.when}
            elif all(abs(lit) in self.group_of for clause in clauses for lit in clause):
                self.plain[n] = clauses
                touched = {self.group_of[abs(lit)] for clause in clauses for lit in clause}
            else:
                self.unknown.add(n)
                touched = set(space.domains)
            self.groups_of.append(touched & set(space.domains))
            for group in self.groups_of[n]:
                self.rules_of[group].append(n)
        self._near: dict[str, tuple[int, ...]] = {}  # tuples: the collector skips them

    def near(self, group: str) -> tuple[int, ...]:
        """Every hard rule, those over `group` first, then those over their other groups, and so
        on: a conflict around a value usually lies among the first ones."""
        found = self._near.get(group)
        if found is None:
            order, rules, groups, frontier = [], set(), {group}, [group]
            while frontier:
                after = []
                for g in frontier:
                    for n in self.rules_of[g]:
                        if n not in rules:
                            rules.add(n)
                            order.append(n)
                            after += [h for h in self.groups_of[n] if h not in groups]
                            groups.update(self.groups_of[n])
                frontier = after
            order += [n for n in range(len(self.groups_of)) if n not in rules]
            found = self._near[group] = tuple(order)
        return found

    def still_holds(self, truck: frozenset[int], changed: Iterable[str]) -> bool | None:
        """Whether `truck` (valid before `changed` groups got their values) is valid; None when
        a rule over them cannot be checked here."""
        rules = {n for group in changed for n in self.rules_of[group]}
        if rules & self.unknown:
            return None
        return all(self._holds(n, truck) for n in sorted(rules))

    def _holds(self, n: int, truck: frozenset[int]) -> bool:
        clauses = self.plain.get(n)
        if clauses is not None:
            return all(any((lit > 0) == (abs(lit) in truck) for lit in c) for c in clauses)
        if not all(lits & truck for lits in self.when[n]):
            return True  # the table's `if` does not hold
        groups, levels, root = self.walks[n]
        if root == END:
            return False  # a table with no row this model can meet
        nodes = {root}  # an ANY edge and a value's edge may both fit: follow every path
        for level, group in enumerate(groups):
            value = self.index[next(iter(truck & self.values[group]))]  # its one value there
            edges = levels[level]
            nodes = {
                c
                for node in nodes
                for key in (value, ANY)
                if (c := edges[node].get(key)) is not None
            }
            if not nodes:
                return False
        return True
