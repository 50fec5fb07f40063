"""Rule tests: example orders kept beside the rules (rules/tests/*.yaml), each with its verdict.

The format is documented in rules/README.md ("Rule tests"). Each case is validated by the
engine exactly as an order would be; a case passes when the verdict, the violated rule ids, the
advice and the proposed defaults are what the file says. Pure: no Flask, no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml
from yaml.nodes import Node

from ..asof import DatedEngines
from ..dates import today
from ..engine.engine import Engine, SelectionError
from ..format import nodes
from ..model import Period, Rule, Rulebook, Source

TOP_KEYS = {"orders", "cases"}
ORDER_KEYS = {"market", "model", "selections"}
CASE_KEYS = {
    "id",
    "order",
    "change",
    *ORDER_KEYS,
    "expect",
    "rules",
    "advice",
    "defaults",
    "covers",
    "date",
}
EXPECT = ("valid", "invalid")


@dataclass(frozen=True)
class Case:
    id: str
    source: Source
    market: str
    model: str
    selections: dict[str, str | None]
    expect: str  # valid | invalid
    rules: tuple[str, ...] = ()  # hard rules that must be among the violations
    advice: tuple[str, ...] = ()  # advice rules that must warn or recommend the model
    defaults: dict[str, str] = field(default_factory=dict)  # group -> proposed option
    covers: tuple[str, ...] = ()  # rules the case exercises without a violation (never broken)
    day: date | None = None  # validated as of this day (default: today)


@dataclass(frozen=True)
class Outcome:
    case: Case
    passed: bool
    detail: str

    def line(self) -> str:
        status = "PASS" if self.passed else "FAIL"
        return f"{status} {self.case.source}: {self.case.id}: {self.detail}"


def case_files(root: Path) -> list[Path]:
    folder = root / "tests"
    return sorted(p for p in folder.glob("*.y*ml") if p.is_file()) if folder.is_dir() else []


def load_cases(root: Path) -> tuple[list[Case], list[nodes.Problem]]:
    """Every case of rules/tests/*.yaml, and every problem in those files (with path:line)."""
    cases: list[Case] = []
    problems: list[nodes.Problem] = []
    for file in case_files(root):
        cite = file.resolve().relative_to(root.resolve().parent).as_posix()
        try:
            node = nodes.compose(file.read_text(encoding="utf-8"))
        except yaml.YAMLError as err:
            where = Source(cite, nodes.syntax_line(err))
            problems.append(nodes.Problem(where, "-", nodes.syntax_message(err)))
            continue
        if node is not None:
            _read_file(node, cite, cases, problems)
    seen: dict[str, Source] = {}
    for case in cases:
        if case.id in seen:
            problems.append(
                nodes.Problem(case.source, case.id, f"duplicate case (first at {seen[case.id]})")
            )
        seen.setdefault(case.id, case.source)
    return cases, problems


def _read_file(node: Node, cite: str, cases: list[Case], problems: list[nodes.Problem]) -> None:
    try:
        top = nodes.mapping(node, "a rule test file")
        nodes.check_keys(node, top, TOP_KEYS, "a rule test file")
        orders = _orders(top["orders"][1]) if "orders" in top else {}
        items = nodes.sequence(top["cases"][1], "cases") if "cases" in top else []
    except nodes.Invalid as err:
        problems.append(nodes.Problem(Source(cite, nodes.line(err.node)), "-", err.message))
        return
    for item in items:
        try:
            cases.append(_case(item, cite, orders))
        except nodes.Invalid as err:
            problems.append(
                nodes.Problem(Source(cite, nodes.line(err.node)), _case_id(item), err.message)
            )


def _case_id(node: Node) -> str:
    try:
        return nodes.string(nodes.mapping(node, "case")["id"][1], "id")
    except (nodes.Invalid, KeyError):
        return "-"


def _orders(node: Node) -> dict[str, dict[str, tuple[Node, Node]]]:
    out = {}
    for name, (_, value) in nodes.mapping(node, "orders").items():
        found = nodes.mapping(value, f"order {name}")
        nodes.check_keys(value, found, ORDER_KEYS, f"order {name}")
        out[name] = found
    return out


def _case(node: Node, cite: str, orders: dict[str, dict[str, tuple[Node, Node]]]) -> Case:
    found = nodes.mapping(node, "a case")
    nodes.check_keys(node, found, CASE_KEYS, "a case")
    if "id" not in found or "expect" not in found:
        raise nodes.Invalid(node, "a case needs an id and expect (valid or invalid)")
    fields = dict(found)
    if "order" in found:
        name = nodes.string(found["order"][1], "order")
        if name not in orders:
            raise nodes.Invalid(found["order"][1], f"unknown order {name!r}")
        fields = {**orders[name], **{k: v for k, v in found.items() if k in ORDER_KEYS}}
    for key in ("market", "model"):
        if key not in fields:
            raise nodes.Invalid(node, f"a case needs {key} (or an order that has it)")
    selections = _selections(fields["selections"][1]) if "selections" in fields else {}
    if "change" in found:
        selections.update(_selections(found["change"][1]))
    expect = nodes.string(found["expect"][1], "expect")
    if expect not in EXPECT:
        raise nodes.Invalid(found["expect"][1], f"expect must be valid or invalid, not {expect!r}")
    return Case(
        id=nodes.string(found["id"][1], "id"),
        source=Source(cite, nodes.line(node)),
        market=nodes.string(fields["market"][1], "market"),
        model=nodes.string(fields["model"][1], "model"),
        selections=selections,
        expect=expect,
        rules=tuple(nodes.strings(found["rules"][1], "rules")) if "rules" in found else (),
        advice=tuple(nodes.strings(found["advice"][1], "advice")) if "advice" in found else (),
        covers=tuple(nodes.strings(found["covers"][1], "covers")) if "covers" in found else (),
        defaults={k: v for k, v in _selections(found["defaults"][1]).items() if v}
        if "defaults" in found
        else {},
        day=nodes.day(found["date"][1], "date") if "date" in found else None,
    )


def _selections(node: Node) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for group, (_, value) in nodes.mapping(node, "selections").items():
        null = value.tag == "tag:yaml.org,2002:null"
        out[group] = None if null else nodes.scalar(value, f"selection of {group}")
    return out


def run_case(engines: DatedEngines, case: Case) -> Outcome:
    engine = engines.on(case.day)
    try:
        verdict = engine.validate(case.market, case.model, case.selections)
    except SelectionError as err:
        hit = case.expect == "invalid" and all(r in str(err) for r in case.rules)
        return Outcome(case, hit, f"selection refused: {err}")
    got = "valid" if verdict.valid else "invalid"
    violated = {v.rule for v in verdict.violations}
    problems = []
    if got != case.expect:
        why = "; ".join(
            [
                *(f"{v.rule}: {v.message}" for v in verdict.violations),
                *(f"missing {g}" for g in verdict.missing),
            ]
        )
        problems.append(f"expected {case.expect}, got {got}" + (f" ({why})" if why else ""))
    problems += [
        f"expected a violation of {r}, got {sorted(violated) or 'none'}"
        for r in case.rules
        if r not in violated
    ]
    advice = {w.rule for w in verdict.warnings} | _recommended(engine, case)
    problems += [
        f"expected advice {r}, got {sorted(advice) or 'none'}"
        for r in case.advice
        if r not in advice
    ]
    problems += _defaults(engine, case)
    detail = "; ".join(problems) or f"{got}" + (
        f" ({', '.join(sorted(violated))})" if violated else ""
    )
    return Outcome(case, not problems, detail)


def _recommended(engine: Engine, case: Case) -> set[str]:
    offers = engine.models_for(case.market)
    return {r.rule for o in offers if o.id == case.model for r in o.recommended}


def _defaults(engine: Engine, case: Case) -> list[str]:
    if not case.defaults:
        return []
    wanted = {g: v for g, v in case.selections.items() if g not in case.defaults}
    config = engine.configure(case.market, case.model, wanted)
    proposed = {g.id: g.default or g.value for g in config.groups}
    return [
        f"expected default {g}={v}, got {proposed.get(g)}"
        for g, v in case.defaults.items()
        if proposed.get(g) != v
    ]


def run_cases(book: Rulebook, cases: list[Case]) -> list[Outcome]:
    engines = DatedEngines(book)
    return [run_case(engines, case) for case in cases]


def untested_rules(book: Rulebook, cases: list[Case]) -> list[tuple[Rule, str]]:
    """Market and layer rules no case names, each with the period left untested ("" if undated).

    A dated rule needs a case on each side of each of its dates: one naming it (in `rules`,
    `advice` or `covers`) dated within each version, and within each period no version is in
    force (there, `covers` says the case shows the rule is not applied). Defaults count when a
    case expects their proposal.
    """
    proposed = {(c.market, g, v) for c in cases for g, v in c.defaults.items()}
    out: list[tuple[Rule, str]] = []
    seen: set[str] = set()
    for rule in book.rules:
        if rule.owner == "catalogue" or rule.id in seen:
            continue
        seen.add(rule.id)
        naming = [c for c in cases if rule.id in (*c.rules, *c.advice, *c.covers)]
        if rule.kind == "default" and any(
            (m.code, rule.group, rule.option) in proposed and rule in book.rules_for(m)
            for m in book.markets.values()
        ):
            continue
        versions = [r for r in book.rules if r.id == rule.id]
        for period in _timeline([v.period for v in versions]):
            if not any(period.holds(c.day or today()) for c in naming):
                out.append((rule, "" if period.start is period.end is None else str(period)))
    return out


def _timeline(periods: list[Period]) -> list[Period]:
    """The versions' periods and the gaps around and between them, covering every day."""
    days = sorted({d for p in periods for d in p.changes()})
    starts: list[date | None] = [None, *days]
    return [
        Period(start, days[i] - timedelta(days=1) if i < len(days) else None)
        for i, start in enumerate(starts)
    ]
