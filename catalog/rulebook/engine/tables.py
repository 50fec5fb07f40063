"""Allowed-combination tables as reduced multi-valued decision diagrams (MDDs) in CNF.

A table of many rows over a few groups shares prefixes and suffixes: the diagram has one node
per distinct "rest of the rows" at each column, so 4,000 rows of arity 12 become a few thousand
nodes instead of 4,000 row variables with 12 clauses each.

The encoding has a literal per node and per edge (Abío et al., "On CNF encodings of decision
diagrams", 2016): an edge holds only with its parent node, its value and its child node; a node
holds only with one of its outgoing and (below the root) one of its incoming edges; a value of a
column holds only with one of the edges labelled with it or labelled ANY (an "any value" cell,
whose edge needs no value of its own). Unit propagation then keeps exactly the nodes on some
root-to-end path of still-possible values, and so rules out every value no remaining row
supports: the table is enforced exactly, with no search.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Clause = list[int]
END = -1  # the accepting terminal; rejecting edges are simply left out
ANY = -1  # the label of an edge that any value of its column may take

Row = tuple[int, ...]  # value index per column, ANY for "any value"
Node = tuple[tuple[int, int], ...]  # (value index or ANY, child node id or END) per edge


def diagram(widths: Sequence[int], rows: Sequence[Row]) -> tuple[list[list[Node]], int]:
    """The reduced, levelled diagram of `rows` over columns with `widths` values each.

    Returns the nodes per column (each a tuple of edges into the next column's node ids) and
    the root's id in column 0, or (levels, END) for a table with no row. An "any value" cell
    becomes one edge labelled ANY, not one edge per value: the diagram may then offer two
    paths for one truck (a value's edge and the ANY edge), which the encoding allows, and a
    column of 300 values with a few "any" cells costs a few edges, not 300 copies of the rest.

    Built a level at a time from the last column up: each distinct prefix's node is its
    (value, child) edges, merged when equal. No recursion; each row is touched once per column.
    """
    depth = len(widths)
    unique: list[dict[Node, int]] = [{} for _ in range(depth)]
    if not rows:
        return [[] for _ in range(depth)], END
    current: dict[tuple[int, ...], int] = dict.fromkeys(sorted(set(rows)), END)
    for level in range(depth - 1, -1, -1):
        edges: dict[tuple[int, ...], list[tuple[int, int]]] = {}
        for prefix, child in current.items():
            edges.setdefault(prefix[:level], []).append((prefix[level], child))
        nodes = unique[level]
        current = {p: nodes.setdefault(tuple(e), len(nodes)) for p, e in edges.items()}
    return [list(nodes) for nodes in unique], current[()]


def encode(
    levels: list[list[Node]],
    root: int,
    value_lit: Callable[[int, int], int],
    widths: Sequence[int],
    guard: int,
    fresh: Callable[[], int],
) -> list[Clause]:
    """Clauses that make the diagram hold whenever `guard` is true (see the module doc).

    A node with one outgoing edge shares that edge's literal, and so does a node with one
    incoming edge: a run of rows that share nothing costs one literal, as a row variable would.
    """
    if root == END:
        return [[-guard]]
    indegree: list[dict[int, int]] = [{} for _ in levels]
    for level, nodes in enumerate(levels[:-1]):
        for node in nodes:
            for _, child in node:
                indegree[level + 1][child] = indegree[level + 1].get(child, 0) + 1
    node_var: list[dict[int, int]] = [{} for _ in levels]
    node_var[0][root] = guard
    clauses: list[Clause] = []
    incoming: list[dict[int, list[int]]] = [{} for _ in levels]
    labelled: list[list[list[int]]] = [[[] for _ in range(w)] for w in widths]
    anything: list[list[int]] = [[] for _ in widths]  # ANY edges per column
    for level, nodes in enumerate(levels):
        for node_id, node in enumerate(nodes):
            parent = node_var[level].get(node_id)
            if parent is None:
                continue  # not reachable from the root
            single = len(node) == 1
            out = []
            for value, child in node:
                edge = parent if single else fresh()
                out.append(edge)
                if not single:
                    clauses.append([-edge, parent])
                if value == ANY:
                    anything[level].append(edge)
                else:
                    clauses.append([-edge, value_lit(level, value)])
                    labelled[level][value].append(edge)
                if child == END:
                    continue
                below = node_var[level + 1]
                if indegree[level + 1][child] == 1:
                    below[child] = edge
                    continue
                if child not in below:
                    below[child] = fresh()
                clauses.append([-edge, below[child]])
                incoming[level + 1].setdefault(child, []).append(edge)
            if not single:
                clauses.append([-parent, *out])
        for node_id, edges in incoming[level].items():
            clauses.append([-node_var[level][node_id], *edges])
    for level, width in enumerate(widths):
        for value in range(width):
            support = [*labelled[level][value], *anything[level]]
            clauses.append([-guard, -value_lit(level, value), *support])
    return clauses
