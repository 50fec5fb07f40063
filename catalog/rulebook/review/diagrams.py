"""Binary decision diagrams (`dd`, CUDD when installed) for counting: one connected component
of constraints over log-encoded groups, built in a breadth-first order of the constraint graph
with dynamic reordering, and its exact model count. `Budget` stops a diagram that grows past
its node or time budget."""

from __future__ import annotations

import time
from typing import Any

try:  # CUDD is much faster; the pure-Python package is the fallback
    from dd import cudd as _dd

    CUDD = True
except ImportError:  # pragma: no cover - depends on the installed wheel
    from dd import autoref as _dd

    CUDD = False

REORDER = True
Term = tuple[int, ...]  # a conjunction of value literals
Constraint = list[Term]  # a disjunction of terms


class Budget(Exception):
    """A diagram grew past its node or time budget."""


def _order(groups: set[str], part: list[Constraint], group_of: dict[int, str]) -> list[str]:
    """Breadth-first from the least connected group, neighbours by falling degree."""
    near: dict[str, set[str]] = {g: set() for g in groups}
    for constraint in part:
        found = {group_of[abs(lit)] for term in constraint for lit in term}
        for g in found:
            near[g] |= found - {g}
    order: list[str] = []
    seen: set[str] = set()
    for root in sorted(groups, key=lambda g: (len(near[g]), g)):
        if root in seen:
            continue
        queue = [root]
        seen.add(root)
        while queue:
            g = queue.pop(0)
            order.append(g)
            for n in sorted(near[g] - seen, key=lambda x: (-len(near[x]), x)):
                seen.add(n)
                queue.append(n)
    return order


def count_part(
    groups: set[str],
    part: list[Constraint],
    domains: dict[str, list[int]],
    group_of: dict[int, str],
    max_nodes: int,
    deadline: float,
) -> tuple[int, int]:
    bdd = _manager()
    cube: dict[int, Any] = {}
    names: list[str] = []
    domain_fn = bdd.true
    order = _order(groups, part, group_of)
    for g in order:
        values = domains[g]
        bits = [f"{g}#{i}" for i in range(max(1, (len(values) - 1).bit_length()))]
        bdd.declare(*bits)
        names += bits
        here = bdd.false
        for index, var in enumerate(values):
            cube[var] = bdd.cube({b: bool(index >> i & 1) for i, b in enumerate(bits)})
            here |= cube[var]
        domain_fn &= here
    result = domain_fn
    position = {g: n for n, g in enumerate(order)}
    part = sorted(part, key=lambda c: max(position[group_of[abs(x)]] for t in c for x in t))
    for constraint in part:
        result &= _constraint_fn(bdd, constraint, cube)
        if len(bdd) > max_nodes or time.perf_counter() > deadline:
            raise Budget(len(bdd))
        if result == bdd.false:
            return 0, len(bdd)
    return _exact(bdd, result, len(names)), len(bdd)


def _manager() -> Any:
    if not CUDD:  # pragma: no cover - depends on the installed wheel
        return _dd.BDD()
    # a small start: CUDD's default tables cost milliseconds to allocate; they grow on demand
    bdd = _dd.BDD(memory_estimate=2**24, initial_cache_size=2**12)
    bdd.configure(reordering=REORDER)
    return bdd


def _constraint_fn(bdd: Any, constraint: Constraint, cube: dict[int, Any]) -> Any:
    out = bdd.false
    for term in constraint:
        conj = bdd.true
        for lit in term:
            conj &= cube[lit] if lit > 0 else ~cube[-lit]
        out |= conj
    return out


def _exact(bdd: Any, root: Any, nvars: int) -> int:
    """Models of `root` over `nvars` variables, as an exact integer."""
    if not CUDD:  # pragma: no cover - the pure-Python package counts exactly itself
        return int(bdd.count(root, nvars=nvars))
    memo: dict[int, tuple[int, int]] = {}  # regular node -> (models below its level, level)

    def value(f: Any) -> tuple[int, int]:
        if f == bdd.true:
            return 1, nvars
        if f == bdd.false:
            return 0, nvars
        if f.negated:
            n, level = memo[int(~f)]
            return 2 ** (nvars - level) - n, level
        return memo[int(f)]

    stack = [root]
    while stack:
        f = stack[-1]
        node = ~f if f.negated else f
        if node in (bdd.true, bdd.false) or int(node) in memo:
            stack.pop()
            continue
        todo = [c for c in (node.low, node.high) if _pending(bdd, c, memo)]
        if todo:
            stack += todo
            continue
        stack.pop()
        level = node.level
        (lo, lo_level), (hi, hi_level) = value(node.low), value(node.high)
        memo[int(node)] = (
            lo * 2 ** (lo_level - level - 1) + hi * 2 ** (hi_level - level - 1),
            level,
        )
    n, level = value(root)
    return n * 2**level


def _pending(bdd: Any, f: Any, memo: dict[int, tuple[int, int]]) -> bool:
    node = ~f if f.negated else f
    return node not in (bdd.true, bdd.false) and int(node) not in memo
