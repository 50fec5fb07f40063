"""What the engine answers: plain data, ready for a schema or a template."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Rule, text_in

SELECTED, AVAILABLE, BLOCKED, REQUIRED = "selected", "available", "blocked", "required"


@dataclass(frozen=True)
class Reason:
    rule: str
    message: str
    source: str  # path:line
    severity: str
    because: tuple[str, ...] = ()  # the selections ("group=option") that take part

    @classmethod
    def of(cls, rule: Rule, lang: str, because: tuple[str, ...] = ()) -> Reason:
        return cls(rule.id, text_in(rule.message, lang), str(rule.source), rule.severity, because)


@dataclass
class OptionState:
    id: str
    name: str
    price: int
    state: str
    reasons: list[Reason] = field(default_factory=list)
    recommended: list[Reason] = field(default_factory=list)


@dataclass
class GroupState:
    id: str
    name: str
    optional: bool
    options: list[OptionState]
    selected: str | None
    value: str | None  # selected or required
    default: str | None


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str
    source: str
    severity: str
    options: tuple[str, ...]  # the selections involved, as "group=option"


@dataclass(frozen=True)
class PriceLine:
    group: str
    option: str
    price: int


@dataclass(frozen=True)
class Price:
    base: int
    options: tuple[PriceLine, ...]
    total: int
    currency: str = "CNY"


@dataclass
class Configuration:
    market: str
    model: str
    rules_version: str
    groups: list[GroupState]
    complete: bool
    valid: bool
    buyable: bool  # some valid truck exists for this model in this market
    violations: list[Violation]
    warnings: list[Violation]
    price: Price
    drop: list[str]  # selections to remove to resolve a conflict (smallest set)
    drop_proven: bool = True  # False when a time budget ended the search before the proof
    # Once complete: every group's decided value (chosen or forced), `none` for open optional
    # groups. An order with exactly these selections is approved as configure answered.
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class Verdict:
    valid: bool
    violations: list[Violation]
    warnings: list[Violation]
    missing: list[str]  # required groups with no selection
    values: dict[str, str]  # every group's value as validated (optional groups: none)
    price: Price
