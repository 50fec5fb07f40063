"""The loaded rulebook: plain, frozen data that remembers where each item was written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Scalar = str | int | float | bool
Text = dict[str, str]  # language code -> text; "en" always present

NONE = "none"  # the built-in value of an optional group
SEVERITIES = ("error", "advice")
RULE_KINDS = (
    "requires",
    "excludes",
    "offered",
    "require",
    "forbid",
    "compare",
    "table",
    "default",
    "recommend",
)


@dataclass(frozen=True)
class Source:
    path: str  # relative to the repository root
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def text_in(text: Text, lang: str) -> str:
    return text.get(lang) or text["en"]


@dataclass(frozen=True)
class Option:
    id: str
    name: Text
    price: int
    attrs: dict[str, Scalar]
    approx: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class Group:
    id: str
    name: Text
    optional: bool
    models: Filter | None
    options: tuple[Option, ...]
    source: Source

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def values(self) -> tuple[str, ...]:
        ids = tuple(o.id for o in self.options)
        return (*ids, NONE) if self.optional else ids


@dataclass(frozen=True)
class Model:
    id: str
    name: Text
    attrs: dict[str, Scalar]
    offers: dict[str, tuple[str, ...]]
    price: int
    source: Source

    def attr(self, key: str) -> Scalar | None:
        return self.id if key == "id" else self.attrs.get(key)


@dataclass(frozen=True)
class MassLimits:
    reference: str
    by_axles: dict[int, float]
    combination: float | None
    max: float | None


@dataclass(frozen=True)
class Market:
    code: str
    name: Text
    language: str
    attrs: dict[str, Scalar]
    mass_limits: MassLimits | None
    layers: tuple[str, ...]  # every layer id applied, transitively, each once
    source: Source

    def attr(self, key: str) -> Scalar | None:
        return self.code if key in ("id", "code") else self.attrs.get(key)


@dataclass(frozen=True)
class Filter:
    """attribute -> allowed values; a key listed in `negated` must NOT match its values."""

    terms: tuple[tuple[str, tuple[Scalar, ...], bool], ...]

    def matches(self, get: Any) -> bool:
        for key, values, negated in self.terms:
            hit = get(key) in values
            if hit == negated:
                return False
        return True


@dataclass(frozen=True)
class Selector:
    """A set of values of one group; `text` is how it was written."""

    group: str
    values: frozenset[str]
    text: str


@dataclass(frozen=True)
class Operand:
    """One side of a compare rule: a group attribute, a model/market attribute or a number."""

    scope: str  # "group", "model", "market" or "number"
    name: str  # group id or attribute name
    attr: str
    number: float


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: str
    message: Text
    reference: str
    source: Source
    owner: str  # "catalogue", "layer:<id>" or "market:<code>"
    models: Filter | None = None
    markets: Filter | None = None
    when: tuple[Selector, ...] = ()
    then: tuple[Selector, ...] = ()  # requires/excludes targets; require/forbid/recommend options
    on: Filter | None = None  # offered
    left: Operand | None = None
    op: str = ""
    right: Operand | None = None
    groups: tuple[str, ...] = ()  # table
    rows: tuple[tuple[str, ...], ...] = ()
    row_sources: tuple[Source, ...] = ()
    group: str = ""  # default
    option: str = ""

    @property
    def hard(self) -> bool:
        return self.severity == "error" and self.kind not in ("default", "recommend")

    def applies_to(self, market: Market, model: Model) -> bool:
        if self.markets and not self.markets.matches(market.attr):
            return False
        return not (self.models and not self.models.matches(model.attr))


@dataclass(frozen=True)
class Rulebook:
    version: str
    root: str
    models: dict[str, Model]
    groups: dict[str, Group]
    markets: dict[str, Market]
    rules: tuple[Rule, ...]

    def rules_for(self, market: Market) -> list[Rule]:
        owners = {"catalogue", f"market:{market.code}", *(f"layer:{x}" for x in market.layers)}
        return [r for r in self.rules if r.owner in owners]

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def groups_for(self, model: Model) -> list[Group]:
        return [g for g in self.groups.values() if not g.models or g.models.matches(model.attr)]
