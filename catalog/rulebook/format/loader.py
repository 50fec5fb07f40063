"""Load the rules folder into a Rulebook, reporting every problem at once with its path:line."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml
from yaml.nodes import Node

from ..model import Group, Market, Model, Rule, Rulebook, Source
from . import approvals, nodes
from .catalogue_items import RawMarket, parse_group, parse_market, parse_model
from .facts import missing_facts
from .rules import Context, RowError, parse_rule

T = TypeVar("T")
TOP_KEYS = {"models", "groups", "rules", "market", "layer", "include"}
SKIP_DIRS = ("tests",)


class RulebookError(Exception):
    """The rules folder has errors; the service never runs on half a rulebook."""

    def __init__(self, problems: list[nodes.Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class _Doc:
    path: str
    file: Path
    top: dict[str, tuple[Node, Node]]
    owner: str = "catalogue"
    includes: list[tuple[Path, Source]] = field(default_factory=list)


@dataclass
class _State:
    root: Path
    problems: list[nodes.Problem] = field(default_factory=list)
    models: dict[str, Model] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    markets: dict[str, tuple[RawMarket, _Doc]] = field(default_factory=dict)
    layers: dict[str, _Doc] = field(default_factory=dict)
    rules: dict[str, list[Rule]] = field(default_factory=dict)  # id -> its dated versions

    def cite(self, file: Path) -> str:
        return file.resolve().relative_to(self.root.resolve().parent).as_posix()

    def fail(self, path: str, node: Node, item: str, message: str) -> None:
        self.problems.append(nodes.Problem(Source(path, nodes.line(node)), item, message))


def rule_files(root: Path) -> list[Path]:
    files = [p for p in root.rglob("*") if p.suffix in (".yaml", ".yml", ".csv") and p.is_file()]
    return sorted(p for p in files if p.relative_to(root).parts[0] not in SKIP_DIRS)


def rules_version(root: Path) -> str:
    digest = hashlib.sha256()
    for path in rule_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def load_rulebook(root: Path) -> Rulebook:
    state = _State(root)
    docs = [d for f in rule_files(root) if f.suffix != ".csv" if (d := _read(f, state))]
    for doc in docs:
        _catalogue_items(doc, state)
    for doc in docs:
        _rules(doc, state)
    markets = _markets(state)
    _approvals(markets, state)
    _check_offers(state)
    if not state.problems and (not state.models or not state.groups or not markets):
        missing = [
            n
            for n, v in (("models", state.models), ("groups", state.groups), ("markets", markets))
            if not v
        ]
        where = Source(state.cite(root), 0)
        state.problems.append(
            nodes.Problem(where, "-", f"the rules define no {', '.join(missing)}")
        )
    errors = list(dict.fromkeys(p for p in state.problems if p.severity == "error"))
    if errors:
        raise RulebookError(sorted(errors, key=lambda p: (p.source.path, p.source.line)))
    return Rulebook(
        version=rules_version(root),
        root=str(root),
        models=state.models,
        groups=state.groups,
        markets=markets,
        rules=tuple(r for versions in state.rules.values() for r in versions),
    )


def _read(file: Path, state: _State) -> _Doc | None:
    path = state.cite(file)
    try:
        text = file.read_text(encoding="utf-8")
        node = nodes.compose(text)
    except UnicodeDecodeError as err:
        state.problems.append(nodes.Problem(Source(path, 1), "-", f"not UTF-8 text: {err.reason}"))
        return None
    except yaml.YAMLError as err:
        line = min(nodes.syntax_line(err), nodes.last_line(text))  # "end of file": its last line
        state.problems.append(nodes.Problem(Source(path, line), "-", nodes.syntax_message(err)))
        return None
    if node is None:
        return None
    try:
        top = nodes.mapping(node, "a rules file")
        nodes.check_keys(node, top, TOP_KEYS, "a rules file")
    except nodes.Invalid as err:
        state.fail(path, err.node, "-", err.message)
        return None
    return _Doc(path, file, top)


def _each(doc: _Doc, key: str, state: _State, parse: Callable[[Node], T]) -> list[T]:
    if key not in doc.top:
        return []
    try:
        items = nodes.sequence(doc.top[key][1], key)
    except nodes.Invalid as err:
        state.fail(doc.path, err.node, "-", err.message)
        return []
    out = []
    for item in items:
        try:
            out.append(parse(item))
        except RowError as err:
            state.problems.append(nodes.Problem(err.source, _item_id(item), err.message))
        except nodes.Invalid as err:
            state.fail(doc.path, err.node, _item_id(item), err.message)
    return out


def _item_id(node: Node) -> str:
    try:
        return nodes.string(nodes.mapping(node, "item")["id"][1], "id")
    except (nodes.Invalid, KeyError):
        return "-"


def _catalogue_items(doc: _Doc, state: _State) -> None:
    def src(node: Node) -> Source:
        return Source(doc.path, nodes.line(node))

    for model in _each(doc, "models", state, lambda n: parse_model(n, src(n))):
        _unique(state.models, model.id, model, model.source, state, "model")
    groups = _each(doc, "groups", state, lambda n: parse_group(n, src(n), doc.path, state.problems))
    for group in groups:
        _unique(state.groups, group.id, group, group.source, state, "group")
    if "market" in doc.top and "layer" in doc.top:
        state.fail(doc.path, doc.top["layer"][0], "-", "a file is a market or a layer, not both")
    elif "market" in doc.top:
        _market(doc, state)
    elif "layer" in doc.top:
        _layer(doc, state)
    if "include" in doc.top:
        _includes(doc, state)


def _market(doc: _Doc, state: _State) -> None:
    node = doc.top["market"][1]
    try:
        market = parse_market(node, Source(doc.path, nodes.line(node)))
    except nodes.Invalid as err:
        state.fail(doc.path, err.node, "market", err.message)
        return
    doc.owner = f"market:{market.code}"
    if market.code in state.markets:
        first = state.markets[market.code][0].source
        state.fail(doc.path, node, market.code, f"duplicate market (first at {first})")
    else:
        state.markets[market.code] = (market, doc)


def _layer(doc: _Doc, state: _State) -> None:
    node = doc.top["layer"][1]
    try:
        found = nodes.mapping(node, "layer")
        nodes.check_keys(node, found, {"id", "name"}, "layer")
        layer_id = nodes.string(found["id"][1], "layer id") if "id" in found else ""
        if not layer_id:
            raise nodes.Invalid(node, "a layer needs an id")
    except nodes.Invalid as err:
        state.fail(doc.path, err.node, "layer", err.message)
        return
    doc.owner = f"layer:{layer_id}"
    if layer_id in state.layers:
        state.fail(
            doc.path, node, layer_id, f"duplicate layer (first in {state.layers[layer_id].path})"
        )
    else:
        state.layers[layer_id] = doc


def _includes(doc: _Doc, state: _State) -> None:
    try:
        items = [
            (n, nodes.string(n, "include"))
            for n in nodes.sequence(doc.top["include"][1], "include")
        ]
    except nodes.Invalid as err:
        state.fail(doc.path, err.node, "include", err.message)
        return
    for node, name in items:
        doc.includes.append(
            ((doc.file.parent / name).resolve(), Source(doc.path, nodes.line(node)))
        )


def _unique(table: dict[str, T], key: str, item: T, src: Source, state: _State, what: str) -> None:
    if key in table:
        first = getattr(table[key], "source", "?")
        state.problems.append(nodes.Problem(src, key, f"duplicate {what} id (first at {first})"))
    else:
        table[key] = item


def _rules(doc: _Doc, state: _State) -> None:
    ctx = Context(state.groups, doc.path, doc.file.parent, state.root)
    for rule in _each(doc, "rules", state, lambda n: parse_rule(n, doc.owner, ctx)):
        _add_rule(rule, state)


def _add_rule(rule: Rule, state: _State) -> None:
    """Rule ids are unique, except for dated versions of one rule that never overlap."""
    versions = state.rules.setdefault(rule.id, [])
    for other in versions:
        if not (rule.period.dated and other.period.dated):
            message = f"duplicate rule id (first at {other.source})"
        elif rule.period.overlaps(other.period):
            message = f"dates {rule.period} overlap the version at {other.source} ({other.period})"
        elif rule.owner != other.owner:
            message = f"a version of this rule is in another file ({other.source})"
        else:
            continue
        state.problems.append(nodes.Problem(rule.source, rule.id, message))
        return
    versions.append(rule)


def _markets(state: _State) -> dict[str, Market]:
    by_file = {doc.file.resolve(): layer_id for layer_id, doc in state.layers.items()}
    out: dict[str, Market] = {}
    for code, (raw, doc) in sorted(state.markets.items()):
        layers = _layers_of(doc, by_file, state, [])
        market = Market(
            raw.code,
            raw.name,
            raw.language,
            raw.attrs,
            raw.mass_limits,
            tuple(dict.fromkeys(layers)),
            raw.source,
            raw.facts,
        )
        _check_market_attrs(market, state)
        out[code] = market
    for layer_id, doc in state.layers.items():
        _layers_of(doc, by_file, state, [layer_id])  # reports cycles of unused layers too
    return out


def _approvals(markets: dict[str, Market], state: _State) -> None:
    found, problems = approvals.read(state.root, state.cite(state.root))
    state.problems += problems
    for code, (path, rows) in found.items():
        if code not in markets:
            state.problems.append(nodes.Problem(Source(path, 1), "-", f"no market {code}"))
            continue
        for rule in approvals.rules(code, rows, state.models, path):
            state.rules.setdefault(rule.id, []).append(rule)


def _layers_of(doc: _Doc, by_file: dict[Path, str], state: _State, trail: list[str]) -> list[str]:
    found: list[str] = []
    for file, src in doc.includes:
        layer_id = by_file.get(file)
        if layer_id is None:
            state.problems.append(nodes.Problem(src, "include", f"{file.name} is not a layer file"))
            continue
        if layer_id in trail:
            chain = " -> ".join([*trail, layer_id])
            state.problems.append(nodes.Problem(src, layer_id, f"layer includes itself ({chain})"))
            continue
        found += [layer_id, *_layers_of(state.layers[layer_id], by_file, state, [*trail, layer_id])]
    return found


def _check_market_attrs(market: Market, state: _State) -> None:
    rules = [r for versions in state.rules.values() for r in versions]
    state.problems += missing_facts(market, rules)


def _check_offers(state: _State) -> None:
    """`offers`, `prices` and `standard` of every model name known groups and options."""
    for model in state.models.values():
        named = [("offers", g, o) for g, ids in model.offers.items() for o in ids]
        named += [("prices", g, o) for g, o in model.prices]
        named += [("standard", g, o) for g, o in model.standard.items()]
        for key, group_id, option_id in named:
            group = state.groups.get(group_id)
            if group is None:
                message = f"{key} names unknown group {group_id!r}"
            elif group.option(option_id) is None:
                message = f"{key} unknown {group_id} option {option_id!r}"
            elif key != "offers" and option_id not in model.offers.get(group_id, (option_id,)):
                message = f"{key} names {group_id} option {option_id!r}, which it does not offer"
            else:
                continue
            state.problems.append(nodes.Problem(model.source, model.id, message))
