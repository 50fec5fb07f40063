"""Exact number of valid configurations of one space, by binary decision diagrams (`dd`).

What is counted: one value per option group that applies to the model (optional groups count
`none` as a value). Auxiliary variables are not counted: a table is read from its rows (a row is
the conjunction of its cells), which is the same as quantifying any row or node variables away.
Before building any diagram the problem is cut down:

- values that occur in no valid configuration are dropped (the analysis already knows them);
- a group left with one value is fixed, and every clause it satisfies disappears;
- groups that share no clause are independent: the count is the product of the counts of the
  connected components, each counted in a diagram of its own (groups log-encoded, ordered by a
  breadth-first walk of the constraint graph, CUDD's dynamic reordering by sifting on).

Each market and model (past a few groups) is counted in a child process with a hard deadline
(`max_seconds`), so a diagram that explodes inside one CUDD call cannot hang `rules check`. A
component whose diagram
grows past `max_nodes` or the deadline gives up: the count is then unknown, and `lower`/`upper`
bound it (exact counts of the finished components times 1, resp. times the domain sizes).
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass
from math import prod
from typing import Any

from ..engine.compiler import Space
from .diagrams import Budget, Constraint, Term, count_part
from .probe import split_aux

MAX_NODES = 4_000_000
MAX_SECONDS = 60.0  # per market and model
GRACE = 2.0  # seconds a child may overrun its deadline before it is killed
IN_PROCESS = 24  # up to this many groups to count, no child: a fork costs more than the count


@dataclass(frozen=True)
class Count:
    value: int | None  # exact number of valid configurations; None when the budget ran out
    upper: int  # no count can exceed it
    components: int  # independent parts counted separately
    nodes: int  # largest diagram built
    seconds: float
    lower: int = 0  # no count is below it

    @property
    def exact(self) -> bool:
        return self.value is not None


def count_space(
    space: Space,
    possible: set[int] | None = None,
    max_nodes: int = MAX_NODES,
    max_seconds: float = MAX_SECONDS,
) -> Count:
    """The count, or unknown with bounds once `max_seconds` (wall clock) have passed."""
    start = time.perf_counter()
    nvalues = len(space.value_of)
    keep = possible if possible is not None else set(range(1, nvalues + 1))
    domains = {
        g: [space.var[(g, v)] for v in d if space.var[(g, v)] in keep]
        for g, d in space.domains.items()
    }
    upper = prod(len(d) for d in domains.values())
    fixed = {d[0] for d in domains.values() if len(d) == 1}
    dropped = set(range(1, nvalues + 1)) - keep
    constraints = _constraints(space, nvalues, fixed, dropped)
    if constraints is None or upper == 0:
        return Count(0, upper, 0, 0, time.perf_counter() - start, 0)
    group_of = {v: g for g, vs in domains.items() for v in vs}
    parts = _components(constraints, group_of)
    parts.sort(key=lambda p: (len(p[0]), len(p[1])))  # small ones first: tighter bounds
    free = prod(len(d) for g, d in domains.items() if not any(g in p for p, _ in parts))
    sizes = [prod(len(domains[g]) for g in groups) for groups, _ in parts]
    found = _run(parts, domains, group_of, max_nodes, start + max_seconds)
    seconds = time.perf_counter() - start
    counts = [found.get(n) for n in range(len(parts))]
    nodes = max([0, *(c[1] for c in counts if c is not None)])
    if all(c is not None and c[0] is not None for c in counts):
        total = free * prod(c[0] for c in counts if c is not None and c[0] is not None)
        return Count(total, upper, len(parts), nodes, seconds, total)
    exact = [c[0] if c is not None else None for c in counts]
    # a possible value comes from a valid truck, so every component has at least one
    least = 1 if possible is not None else 0
    lower = free * prod(least if x is None else x for x in exact)
    high = free * prod(size if x is None else x for x, size in zip(exact, sizes, strict=True))
    return Count(None, min(upper, high), len(parts), nodes, seconds, lower)


def _run(
    parts: list[tuple[set[str], list[Constraint]]],
    domains: dict[str, list[int]],
    group_of: dict[int, str],
    max_nodes: int,
    deadline: float,
) -> dict[int, tuple[int | None, int]]:
    """Count the components in a forked child, collecting what it finishes before the deadline."""
    if not parts:
        return {}
    if sum(len(groups) for groups, _ in parts) <= IN_PROCESS:
        found: dict[int, tuple[int | None, int]] = {}
        for index, (groups, part) in enumerate(parts):
            try:
                found[index] = count_part(groups, part, domains, group_of, max_nodes, deadline)
            except Budget as err:
                found[index] = (None, err.args[0])
        return found
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    args = (parts, domains, group_of, max_nodes, deadline, send)
    child = context.Process(target=_count_parts, args=args, daemon=True)
    child.start()
    send.close()
    found = {}
    try:
        while len(found) < len(parts):
            wait = deadline + GRACE - time.perf_counter()
            if wait <= 0 or not receive.poll(wait):
                break
            index, value, nodes = receive.recv()
            found[index] = (value, nodes)
    except EOFError:  # the child died (out of memory): what it sent stands
        pass
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    return found


def _count_parts(
    parts: list[tuple[set[str], list[Constraint]]],
    domains: dict[str, list[int]],
    group_of: dict[int, str],
    max_nodes: int,
    deadline: float,
    send: Any,
) -> None:  # pragma: no cover - runs in the child process
    for index, (groups, part) in enumerate(parts):
        try:
            value, nodes = count_part(groups, part, domains, group_of, max_nodes, deadline)
        except Budget as err:
            value, nodes = None, err.args[0]
        send.send((index, value, nodes))
    send.close()


def _constraints(
    space: Space, nvalues: int, fixed: set[int], dropped: set[int]
) -> list[Constraint] | None:
    """Each hard rule over value literals (tables from their rows), simplified; None if false."""
    out: list[Constraint] = []
    for rule, clauses in space.hard:
        if rule.kind == "table":
            found = [_table(rule, space)]
        else:
            main, defs = split_aux(clauses, nvalues)
            found = [
                [(lit,) if abs(lit) <= nvalues else tuple(defs.get(lit, [])) for lit in clause]
                for clause in main
            ]
        for terms in found:
            simple = _simplify(terms, fixed, dropped)
            if simple is None:
                continue  # satisfied
            if not simple:
                return None
            out.append(simple)
    return out


def _table(rule: Any, space: Space) -> Constraint:
    """The condition fails, or some row matches: a row is the conjunction of its cells."""
    out: Constraint = [tuple(-lit for lit in space.lits(sel)) for sel in rule.when]
    present = [(i, g) for i, g in enumerate(rule.groups) if g in space.domains]
    for row in rule.rows:
        cells = [(g, row[i]) for i, g in present if row[i] != "*"]
        if all(c in space.domains[g] for g, c in cells):  # else the row can never match
            out.append(tuple(space.var[cell] for cell in cells))
    return out


def _simplify(terms: list[Term], fixed: set[int], dropped: set[int]) -> Constraint | None:
    """The disjunction without false terms, or None when some term is true."""
    out: Constraint = []
    for term in terms:
        kept = []
        false = False
        for lit in term:
            var = abs(lit)
            truth = True if var in fixed else False if var in dropped else None
            if truth is None:
                kept.append(lit)
            elif truth != (lit > 0):
                false = True
                break
        if false:
            continue
        if not kept:
            return None
        out.append(tuple(kept))
    return out


def _components(
    constraints: list[Constraint], group_of: dict[int, str]
) -> list[tuple[set[str], list[Constraint]]]:
    parent: dict[str, str] = {}

    def find(g: str) -> str:
        while parent.setdefault(g, g) != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    for constraint in constraints:
        groups = [group_of[abs(lit)] for term in constraint for lit in term]
        for g in groups[1:]:
            parent[find(g)] = find(groups[0])
        find(groups[0])
    parts: dict[str, tuple[set[str], list[Constraint]]] = {}
    for g in list(parent):
        parts.setdefault(find(g), (set(), []))[0].add(g)
    for constraint in constraints:
        parts[find(group_of[abs(constraint[0][0])])][1].append(constraint)
    return list(parts.values())
