"""Advice rules: evaluated on the decided values, they warn but never block."""

from __future__ import annotations

from ..model import Rule, text_in
from .compiler import Space
from .results import Violation


def broken_rules(
    space: Space, rules: list[tuple[Rule, list[list[int]]]], values: dict[str, str], lang: str
) -> list[Violation]:
    """The rules that the decided values (selected or required) already break."""
    truth = {space.var[(g, v)] for g, v in values.items()}
    decided = set(values)
    out: list[Violation] = []
    for rule, clauses in rules:
        if rule.kind == "table":
            broken = _table_broken(rule, space, values)
        else:
            broken = any(_false(clause, space, truth, decided) for clause in clauses)
        if broken:
            out.append(_violation(rule, _involved(rule, values), lang))
    return out


def warnings_for(space: Space, values: dict[str, str], lang: str) -> list[Violation]:
    """Advice that the decided values (selected or required) already break."""
    out = broken_rules(space, space.advice, values, lang)
    for rule in _recommend_rules(space):
        groups = {sel.group for sel in rule.then}
        for sel in rule.then:
            value = values.get(sel.group)
            if value is not None and value not in sel.values:
                out.append(
                    _violation(
                        rule, tuple(f"{g}={values[g]}" for g in sorted(groups) if g in values), lang
                    )
                )
                break
    return out


def _recommend_rules(space: Space) -> list[Rule]:
    seen: dict[str, Rule] = {}
    for rules in space.recommended.values():
        for rule in rules:
            seen.setdefault(rule.id, rule)
    return list(seen.values())


def _false(clause: list[int], space: Space, truth: set[int], decided: set[str]) -> bool:
    """Every literal of the clause is false under the decided values."""
    for lit in clause:
        key = space.value_of.get(abs(lit))
        if key is None or key[0] not in decided:
            return False
        if (lit > 0) == (abs(lit) in truth):
            return False
    return True


def _table_broken(rule: Rule, space: Space, values: dict[str, str]) -> bool:
    for sel in rule.when:
        if values.get(sel.group) not in sel.values:
            return False
    present = [g for g in rule.groups if g in space.domains]
    if any(g not in values for g in present):
        return False
    for row in rule.rows:
        cells = dict(zip(rule.groups, row, strict=True))
        if all(cells[g] in ("*", values[g]) for g in present):
            return False
    return True


def _involved(rule: Rule, values: dict[str, str]) -> tuple[str, ...]:
    groups = {sel.group for sel in (*rule.when, *rule.then)} | set(rule.groups)
    for side in (rule.left, rule.right):
        if side is not None and side.scope == "group":
            groups.add(side.name)
    return tuple(f"{g}={values[g]}" for g in sorted(groups) if g in values)


def _violation(rule: Rule, options: tuple[str, ...], lang: str) -> Violation:
    return Violation(rule.id, text_in(rule.message, lang), str(rule.source), rule.severity, options)
