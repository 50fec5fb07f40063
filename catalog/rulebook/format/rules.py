"""Parse one rule, checking every group, option and attribute it names against the catalogue."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from sys import intern
from typing import Any

from yaml.nodes import Node, ScalarNode

from ..model import NONE, RULE_KINDS, SEVERITIES, Group, Operand, Rule, Selector, Source
from . import nodes
from .catalogue_items import parse_filter

COMMON = {"id", "kind", "severity", "message", "reference", "models", "markets", "if"}
COMMON |= {"from", "until"}
BY_KIND = {
    "requires": {"then"},
    "excludes": {"then"},
    "offered": {"options", "on"},
    "require": {"options"},
    "forbid": {"options"},
    "compare": {"left", "op", "right"},
    "table": {"groups", "rows", "file"},
    "default": {"group", "option"},
    "recommend": {"options"},
}
NEEDED = {
    "requires": ("then",),
    "excludes": ("then",),
    "offered": ("options", "on"),
    "require": ("options",),
    "forbid": ("options",),
    "compare": ("left", "op", "right"),
    "table": ("groups",),
    "default": ("group", "option"),
    "recommend": (),
}
OPS = ("<=", ">=", "<", ">", "=", "!=")
_SELECTOR = re.compile(
    r"^(?P<group>[A-Za-z0-9_-]+)\s*(?:(?P<op>!=|=)\s*(?P<vals>.+)"
    r"|\[\s*(?P<attr>[A-Za-z0-9_]+)\s*(?P<cop><=|>=|!=|=|<|>)\s*(?P<val>[^\]]+?)\s*\])?$"
)
MAX_TABLE_ROWS = 200_000


@dataclass
class Context:
    groups: dict[str, Group]
    path: str  # file path as cited
    folder: Path  # where `file:` of a table is resolved
    rules_root: Path


def compare(left: float | str, op: str, right: float | str) -> bool:
    if op == "=":
        return left == right
    if op == "!=":
        return left != right
    if isinstance(left, str) or isinstance(right, str):
        return False
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]


def parse_rule(node: Node, owner: str, ctx: Context) -> Rule:
    found = nodes.mapping(node, "a rule")
    if "id" not in found:
        raise nodes.Invalid(node, "a rule needs an id")
    rule_id = nodes.string(found["id"][1], "rule id")
    if "kind" not in found:
        raise nodes.Invalid(node, f"rule {rule_id} needs a kind")
    kind = nodes.string(found["kind"][1], "kind")
    if kind not in RULE_KINDS:
        raise nodes.Invalid(
            found["kind"][1], f"unknown rule kind {kind!r} ({', '.join(RULE_KINDS)})"
        )
    nodes.check_keys(node, found, COMMON | BY_KIND[kind], f"a {kind} rule")
    for key in NEEDED[kind]:
        if key not in found:
            raise nodes.Invalid(node, f"a {kind} rule needs {key}")
    severity = nodes.string(found["severity"][1], "severity") if "severity" in found else "error"
    if severity not in SEVERITIES:
        raise nodes.Invalid(found["severity"][1], f"severity must be error or advice: {severity!r}")
    if kind in ("default", "recommend"):
        severity = "advice"
    fields = _fields(kind, found, ctx)
    return Rule(
        id=rule_id,
        kind=kind,
        severity=severity,
        message=nodes.text(found["message"][1], "message")
        if "message" in found
        else {"en": rule_id},
        reference=nodes.string(found["reference"][1], "reference") if "reference" in found else "",
        source=Source(ctx.path, nodes.line(node)),
        owner=owner,
        models=parse_filter(found["models"][1], "models") if "models" in found else None,
        markets=parse_filter(found["markets"][1], "markets") if "markets" in found else None,
        when=tuple(_selectors(found["if"][1], ctx)) if "if" in found else (),
        period=nodes.period(found),
        **fields,
    )


def _fields(kind: str, found: dict[str, tuple[Node, Node]], ctx: Context) -> dict[str, Any]:
    if kind in ("requires", "excludes"):
        return {"then": tuple(_selectors(found["then"][1], ctx))}
    if kind in ("require", "forbid", "offered", "recommend") and "options" in found:
        out: dict[str, Any] = {"then": tuple(_selectors(found["options"][1], ctx))}
        if kind == "offered":
            out["on"] = parse_filter(found["on"][1], "on")
        return out
    if kind == "compare":
        op = nodes.string(found["op"][1], "op")
        if op not in OPS:
            raise nodes.Invalid(found["op"][1], f"op must be one of {' '.join(OPS)}, not {op!r}")
        left = _operand(found["left"][1], ctx)
        right = _operand(found["right"][1], ctx)
        if left.scope != "group" and right.scope != "group":
            raise nodes.Invalid(
                found["left"][1], "a compare rule needs a group attribute on one side"
            )
        return {"left": left, "op": op, "right": right}
    if kind == "table":
        return _table(found, ctx)
    if kind == "default":
        group = _group(found["group"][1], ctx)
        option = nodes.string(found["option"][1], "option")
        if option not in group.values:
            raise nodes.Invalid(found["option"][1], f"group {group.id} has no option {option!r}")
        return {"group": group.id, "option": option}
    return {}


def _group(node: Node, ctx: Context) -> Group:
    group_id = nodes.string(node, "group")
    if group_id not in ctx.groups:
        raise nodes.Invalid(node, f"unknown group {group_id!r}")
    return ctx.groups[group_id]


def _selectors(node: Node, ctx: Context) -> list[Selector]:
    items = [node] if isinstance(node, ScalarNode) else nodes.sequence(node, "selectors")
    return [parse_selector(nodes.string(item, "selector"), item, ctx.groups) for item in items]


def parse_selector(text: str, node: Node, groups: dict[str, Group]) -> Selector:
    match = _SELECTOR.match(text.strip())
    if not match:
        raise nodes.Invalid(node, f"cannot read selector {text!r} (see rules/README.md, Selectors)")
    group = groups.get(match["group"])
    if group is None:
        raise nodes.Invalid(node, f"unknown group {match['group']!r} in {text!r}")
    if match["attr"]:
        values = _by_attr(group, match["attr"], match["cop"], match["val"], node)
    elif match["op"]:
        named = [v.strip() for v in match["vals"].split("|")]
        for value in named:
            if value not in group.values:
                raise nodes.Invalid(node, f"unknown option {value!r} of group {group.id}")
        chosen = set(named) if match["op"] == "=" else set(group.values) - set(named)
        values = frozenset(chosen)
    else:
        values = frozenset(v for v in group.values if v != NONE)
    if not values:
        raise nodes.Invalid(node, f"selector {text!r} matches no option")
    return Selector(group.id, values, text.strip())


def _by_attr(group: Group, attr: str, op: str, raw: str, node: Node) -> frozenset[str]:
    if not any(attr in o.attrs for o in group.options):
        raise nodes.Invalid(node, f"no option of group {group.id} has attribute {attr!r}")
    try:
        wanted: float | str = float(raw)
    except ValueError:
        wanted = raw.strip("'\"")
    hits = set()
    for option in group.options:
        value = option.attrs.get(attr)
        if value is None or isinstance(value, bool):
            continue
        have = value if isinstance(value, str) else float(value)
        if compare(have, op, wanted):
            hits.add(option.id)
    return frozenset(hits)


def _operand(node: Node, ctx: Context) -> Operand:
    text = nodes.scalar(node, "operand").strip()
    try:
        return Operand("number", "", "", float(text))
    except ValueError:
        pass
    scope, dot, attr = text.partition(".")
    if not dot or not attr:
        raise nodes.Invalid(
            node, f"operand {text!r} must be group.attr, model.attr, market.attr or a number"
        )
    if scope in ("model", "market"):
        return Operand(scope, scope, attr, 0.0)
    group = ctx.groups.get(scope)
    if group is None:
        raise nodes.Invalid(node, f"unknown group {scope!r} in {text!r}")
    missing = [o.id for o in group.options if not _numeric(o.attrs.get(attr))]
    if missing:
        raise nodes.Invalid(
            node, f"options of {group.id} lack a number for {attr!r}: {', '.join(missing)}"
        )
    return Operand("group", group.id, attr, 0.0)


def _numeric(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _table(found: dict[str, tuple[Node, Node]], ctx: Context) -> dict[str, object]:
    group_nodes = nodes.sequence(found["groups"][1], "groups")
    groups = [_group(n, ctx) for n in group_nodes]
    if len({g.id for g in groups}) != len(groups):
        raise nodes.Invalid(found["groups"][1], "a table names a group twice")
    if ("rows" in found) == ("file" in found):
        raise nodes.Invalid(found["groups"][1], "a table needs either rows or file, not both")
    if "rows" in found:
        rows = [
            (_row_cells(n), Source(ctx.path, nodes.line(n)))
            for n in nodes.sequence(found["rows"][1], "rows")
        ]
    else:
        rows = _csv_rows(found["file"][1], [g.id for g in groups], ctx)
    if not rows:
        raise nodes.Invalid(found["groups"][1], "a table needs at least one row")
    for cells, src in rows:
        _check_row(cells, groups, src, found["groups"][1])
    return {
        "groups": tuple(g.id for g in groups),
        "rows": tuple(tuple(c) for c, _ in rows),
        "row_sources": tuple(s for _, s in rows),
    }


def _row_cells(node: Node) -> list[str]:
    return [intern(nodes.string(c, "table cell")) for c in nodes.sequence(node, "a table row")]


def _csv_rows(node: Node, header: list[str], ctx: Context) -> list[tuple[list[str], Source]]:
    name = nodes.string(node, "file")
    path = (ctx.folder / name).resolve()
    if not path.is_relative_to(ctx.rules_root.resolve()) or path.suffix != ".csv":
        raise nodes.Invalid(node, f"table file {name!r} must be a .csv inside the rules folder")
    if not path.is_file():
        raise nodes.Invalid(node, f"table file {name!r} not found")
    cited = path.relative_to(ctx.rules_root.resolve().parent).as_posix()
    try:
        reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
        first = next(reader, None)
        if first is None or [c.strip() for c in first] != header:
            raise nodes.Invalid(node, f"{cited}:1: header must be {','.join(header)}")
        # cells interned: a table of 200,000 rows names the same few hundred values throughout
        rows = [
            ([intern(c.strip()) for c in r], Source(cited, n)) for n, r in enumerate(reader, 2) if r
        ]
    except UnicodeDecodeError as err:  # found by tests/hostile/test_rules_fuzz.py
        raise nodes.Invalid(node, f"{cited}: not UTF-8 text: {err.reason}") from err
    except csv.Error as err:  # a NUL byte, a field over the csv module's size limit
        raise nodes.Invalid(node, f"{cited}:{reader.line_num}: {err}") from err
    if len(rows) > MAX_TABLE_ROWS:
        raise nodes.Invalid(node, f"table {cited} has more than {MAX_TABLE_ROWS} rows")
    return rows


class RowError(nodes.Invalid):
    def __init__(self, node: Node, message: str, source: Source):
        super().__init__(node, message)
        self.source = source


def _check_row(cells: list[str], groups: list[Group], src: Source, node: Node) -> None:
    if len(cells) != len(groups):
        raise RowError(node, f"table row has {len(cells)} cells, expected {len(groups)}", src)
    for cell, group in zip(cells, groups, strict=True):
        if cell != "*" and cell not in group.values:
            raise RowError(node, f"table row names unknown option {cell!r} of {group.id}", src)
