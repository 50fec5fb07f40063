"""Compile the rules that apply to one market and model into CNF clauses.

Each group is an exactly-one choice over the values offered on the model (optional groups have
the extra value `none`). Every hard rule's clauses are tagged with the rule, so a core of the
explanation solver names the rules and selections behind a blocked option.

Tables compile two ways: as decision diagrams (`diagrams=True`, the engine's form: compact, and
propagation enforces them exactly) or one variable per row (the review's form, which projects
rows back onto their cells).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count as count_from
from itertools import product

from pysat.card import CardEnc, EncType
from pysat.formula import IDPool

from ..format.rules import compare
from ..model import NONE, Group, Market, Model, Operand, Option, Rule, Rulebook, Selector
from .tables import ANY, Node, diagram, encode

Clause = list[int]
PAIRWISE_MAX = 24  # above this many values, a sequential counter beats pairwise at-most-one


@dataclass
class Space:
    """The compiled problem of one market and model."""

    market: Market
    model: Model
    groups: list[Group]
    domains: dict[str, tuple[str, ...]]  # offered values per group, in catalogue order
    var: dict[tuple[str, str], int]
    value_of: dict[int, tuple[str, str]]
    structure: list[Clause]  # exactly-one per group
    hard: list[tuple[Rule, list[Clause]]]  # clauses per hard rule
    advice: list[tuple[Rule, list[Clause]]]
    defaults: dict[str, tuple[str, Rule]]
    recommended: dict[tuple[str, str], list[Rule]]
    hidden: dict[tuple[str, str], Rule]  # values an `offered` rule takes off this model
    top: int  # highest variable in use
    # hard rule index -> (groups, diagram levels, root) of a table, for checking trucks directly
    tables: dict[int, tuple[tuple[str, ...], list[list[Node]], int]] = field(default_factory=dict)
    _options: dict[tuple[str, str], Option] = field(default_factory=dict, repr=False)
    _hidden_by_group: dict[str, list[Rule]] | None = field(default=None, repr=False)

    def option(self, group_id: str, value: str) -> Option | None:
        if not self._options:
            self._options.update({(g.id, o.id): o for g in self.groups for o in g.options})
        return self._options.get((group_id, value))

    def hidden_in(self, group_id: str) -> list[Rule]:
        """The rules that take values of this group off the model, in rule order."""
        if self._hidden_by_group is None:
            self._hidden_by_group = {}
            for (group, _), rule in self.hidden.items():
                self._hidden_by_group.setdefault(group, []).append(rule)
        return self._hidden_by_group.get(group_id, [])

    def lits(self, selector: Selector) -> list[int]:
        domain = self.domains.get(selector.group, ())
        return [self.var[(selector.group, v)] for v in domain if v in selector.values]


def compile_space(book: Rulebook, market: Market, model: Model, diagrams: bool = False) -> Space:
    rules = [r for r in book.rules_for(market) if r.applies_to(market, model)]
    hidden = _hidden(rules, book, model)
    groups = book.groups_for(model)
    domains = {g.id: _domain(g, model, hidden) for g in groups}
    pool = IDPool()
    var = {(g, v): pool.id((g, v)) for g in domains for v in domains[g]}
    space = Space(
        market=market,
        model=model,
        groups=groups,
        domains=domains,
        var=var,
        value_of={n: key for key, n in var.items()},
        structure=[],
        hard=[],
        advice=[],
        defaults={},
        recommended={},
        hidden=hidden,
        top=0,
    )
    for group_id, domain in domains.items():
        space.structure += _exactly_one([var[(group_id, v)] for v in domain], pool)
    for group_id, value in model.standard.items():
        if value in domains.get(group_id, ()):
            space.defaults[group_id] = (value, _standard_rule(model, group_id, value))
    for rule in rules:
        _compile_rule(
            rule, space, pool, diagrams
        )  # market and layer defaults override the standard
    space.top = pool.top
    return space


def _standard_rule(model: Model, group_id: str, value: str) -> Rule:
    """The model's `standard` option as a default proposal, citing the model."""
    return Rule(
        id=f"{model.id}.standard.{group_id}",
        kind="default",
        severity="advice",
        message={
            "en": "As built on the dealer list for this model.",
            "ru": "Как в комплектации этой модели по прайс-листу дилера.",
            "zh": "经销商价格表中该车型的标准配置。",
        },
        reference=str(model.attrs.get("source", model.source)),
        source=model.source,
        owner="catalogue",
        group=group_id,
        option=value,
    )


def _hidden(rules: list[Rule], book: Rulebook, model: Model) -> dict[tuple[str, str], Rule]:
    out: dict[tuple[str, str], Rule] = {}
    for rule in rules:
        if rule.kind != "offered" or (rule.on and rule.on.matches(model.attr)):
            continue
        for sel in rule.then:
            for value in sel.values:
                out.setdefault((sel.group, value), rule)
    return out


def _domain(group: Group, model: Model, hidden: dict[tuple[str, str], Rule]) -> tuple[str, ...]:
    offered = model.offers.get(group.id)
    return tuple(
        v
        for v in group.values
        if (offered is None or v in offered or v == NONE) and (group.id, v) not in hidden
    )


def _exactly_one(lits: list[int], pool: IDPool) -> list[Clause]:
    if len(lits) <= PAIRWISE_MAX:
        return [lits] + [[-a, -b] for i, a in enumerate(lits) for b in lits[i + 1 :]]
    enc = CardEnc.equals(lits=lits, bound=1, vpool=pool, encoding=EncType.seqcounter)
    return [list(c) for c in enc.clauses]


def _compile_rule(rule: Rule, space: Space, pool: IDPool, diagrams: bool) -> None:
    if rule.kind == "offered":
        return
    if rule.kind == "default":
        if rule.owner == "catalogue" and rule.group in space.model.standard:
            return  # the model's own standard beats a catalogue-wide default
        if rule.option in space.domains.get(rule.group, ()):
            space.defaults[rule.group] = (rule.option, rule)  # later files override earlier
        return
    if rule.kind == "recommend":
        for sel in rule.then:
            for lit in space.lits(sel):
                space.recommended.setdefault(space.value_of[lit], []).append(rule)
        return
    bases = _condition(rule, space)
    if bases is None:
        return  # the condition can never hold on this model
    clauses = _clauses(rule, space, bases, pool, diagrams)
    if clauses is None:
        return
    (space.hard if rule.hard else space.advice).append((rule, clauses))


def _condition(rule: Rule, space: Space) -> list[Clause] | None:
    """The negated `if` as clause prefixes: a rule's clause applies unless the condition fails."""
    options = [space.lits(sel) for sel in rule.when]
    if any(not lits for lits in options):
        return None
    return [[-lit for lit in combo] for combo in product(*options)]


def _clauses(
    rule: Rule, space: Space, bases: list[Clause], pool: IDPool, diagrams: bool
) -> list[Clause] | None:
    kind = rule.kind
    if kind in ("requires", "require"):
        return [base + space.lits(sel) for sel in rule.then for base in bases]
    if kind in ("excludes", "forbid"):
        return [[*base, -lit] for sel in rule.then for lit in space.lits(sel) for base in bases]
    if kind == "compare":
        return _compare(rule, space, bases)
    if kind == "table":
        return (_diagram if diagrams else _table)(rule, space, bases, pool)
    raise ValueError(f"cannot compile rule kind {kind}")  # pragma: no cover - loader checks kinds


def _side_values(side: Operand | None, space: Space) -> list[tuple[int | None, float]] | None:
    """(literal or None for a constant, number) for one operand; None if it is unknown here."""
    assert side is not None  # the loader requires both sides of a compare rule
    if side.scope == "number":
        return [(None, side.number)]
    if side.scope in ("model", "market"):
        value = (space.model if side.scope == "model" else space.market).attr(side.attr)
        if not isinstance(value, int | float) or isinstance(value, bool):
            return None
        return [(None, float(value))]
    group = next((g for g in space.groups if g.id == side.name), None)
    if group is None:
        return []
    out: list[tuple[int | None, float]] = []
    for value in space.domains[group.id]:
        option = group.option(value)
        if option is not None:
            out.append((space.var[(group.id, value)], float(option.attrs[side.attr])))
    return out


def _compare(rule: Rule, space: Space, bases: list[Clause]) -> list[Clause] | None:
    left = _side_values(rule.left, space)
    right = _side_values(rule.right, space)
    if left is None or right is None:
        return None
    clauses: list[Clause] = []
    for (a, x), (b, y) in product(left, right):
        if not compare(x, rule.op, y):
            bad = [-lit for lit in (a, b) if lit is not None]
            clauses += [base + bad for base in bases]
    return clauses


def _table(rule: Rule, space: Space, bases: list[Clause], pool: IDPool) -> list[Clause]:
    """One variable per distinct row that fits the model, implying each of its cells."""
    present = [g for g in rule.groups if g in space.domains]
    columns = [rule.groups.index(g) for g in present]
    seen: set[tuple[str, ...]] = set()
    clauses: list[Clause] = []
    row_vars: list[int] = []
    for row in rule.rows:
        cells = tuple(row[i] for i in columns)
        if cells in seen:
            continue
        seen.add(cells)
        pairs = list(zip(present, cells, strict=True))
        if any(c != "*" and c not in space.domains[g] for g, c in pairs):
            continue  # the row names a value this model does not offer
        row_var = pool.id((rule.id, "row", len(row_vars)))
        row_vars.append(row_var)
        clauses += [[-row_var, space.var[(g, c)]] for g, c in pairs if c != "*"]
    clauses += [base + row_vars for base in bases]
    return clauses


def _diagram_of(rule: Rule, space: Space) -> tuple[tuple[str, ...], list[list[Node]], int]:
    """The table's reduced diagram over the groups this model has: (groups, levels, root)."""
    present = [g for g in rule.groups if g in space.domains]
    columns = [rule.groups.index(g) for g in present]
    # per column: cell -> value index ("*" -> ANY); a value this model lacks has no entry
    codes = [{"*": ANY} | {v: n for n, v in enumerate(space.domains[g])} for g in present]
    rows: set[tuple[int, ...]] = set()
    for row in rule.rows:
        try:
            rows.add(tuple([code[row[i]] for code, i in zip(codes, columns, strict=True)]))
        except KeyError:
            continue  # the row names a value this model does not offer: it can never match
    widths = [len(space.domains[g]) for g in present]
    levels, root = diagram(widths, sorted(rows))
    return tuple(present), levels, root


def _diagram(rule: Rule, space: Space, bases: list[Clause], pool: IDPool) -> list[Clause]:
    """The table as a decision diagram over the groups this model has, switched on by `if`."""
    groups, levels, root = _diagram_of(rule, space)
    if rule.hard:  # kept for checking whole trucks without a solve (check.py)
        space.tables[len(space.hard)] = (groups, levels, root)
    widths = [len(space.domains[g]) for g in groups]
    guard = pool.id((rule.id, "on"))
    count = count_from(0)
    clauses = encode(
        levels,
        root,
        lambda level, value: space.var[(groups[level], space.domains[groups[level]][value])],
        widths,
        guard,
        lambda: pool.id((rule.id, "node", next(count))),
    )
    return [*([*base, guard] for base in bases), *clauses]
