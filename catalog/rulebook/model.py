"""The loaded rulebook: plain, frozen data that remembers where each item was written."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
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


@dataclass(frozen=True, slots=True)  # slots: a big table keeps one per row
class Source:
    path: str  # relative to the repository root
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Period:
    """When an item is in force: from `start` to `end`, both days included; None is open."""

    start: date | None = None
    end: date | None = None

    def holds(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def overlaps(self, other: Period) -> bool:
        low = max(self.start or date.min, other.start or date.min)
        high = min(self.end or date.max, other.end or date.max)
        return low <= high

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def changes(self) -> tuple[date, ...]:
        """The first days on which being in force changes: `start` and the day after `end`."""
        after = self.end + timedelta(days=1) if self.end and self.end < date.max else None
        return tuple(d for d in (self.start, after) if d is not None)

    def __str__(self) -> str:
        if self.start and self.end:
            return f"{self.start.isoformat()} – {self.end.isoformat()}"
        if self.start:
            return f"from {self.start.isoformat()}"
        if self.end:
            return f"until {self.end.isoformat()}"
        return "always"


ALWAYS = Period()


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
    prices: dict[tuple[str, str], int] = field(default_factory=dict)  # (group, option) -> CNY
    standard: dict[str, str] = field(default_factory=dict)  # group -> option as built

    def attr(self, key: str) -> Scalar | None:
        return self.id if key == "id" else self.attrs.get(key)

    def price_of(self, group_id: str, option: Option) -> int:
        """The option's price on this model: the model's own price if it names one."""
        return self.prices.get((group_id, option.id), option.price)


@dataclass(frozen=True)
class MassLimits:
    reference: str
    by_axles: dict[int, float]
    combination: float | None
    max: float | None


@dataclass(frozen=True)
class FactVersion:
    """One dated version of a market fact: `attrs.<name>`, `language` or `mass_limits`."""

    fact: str
    value: Scalar | MassLimits
    period: Period
    source: Source
    reference: str = ""


@dataclass(frozen=True)
class Market:
    code: str
    name: Text
    language: str
    attrs: dict[str, Scalar]
    mass_limits: MassLimits | None
    layers: tuple[str, ...]  # every layer id applied, transitively, each once
    source: Source
    facts: tuple[FactVersion, ...] = ()  # dated versions; a view as of a day merges them in

    def as_of(self, day: date) -> Market:
        if not self.facts:
            return self
        attrs, language, limits = dict(self.attrs), self.language, self.mass_limits
        for version in self.facts:
            if not version.period.holds(day):
                continue
            if version.fact == "language":
                language = str(version.value)
            elif version.fact == "mass_limits":
                limits = version.value if isinstance(version.value, MassLimits) else None
            else:
                attrs[version.fact.removeprefix("attrs.")] = version.value  # type: ignore[assignment]
        live = tuple(v for v in self.facts if v.period.holds(day))
        return replace(self, attrs=attrs, language=language, mass_limits=limits, facts=live)

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
    row_notes: tuple[str, ...] = ()  # table: what each row stands for (a type approval)
    group: str = ""  # default
    option: str = ""
    period: Period = ALWAYS  # when the rule is in force (`from:` / `until:`)

    @property
    def hard(self) -> bool:
        return self.severity == "error" and self.kind not in ("default", "recommend")

    def applies_to(self, market: Market, model: Model) -> bool:
        if self.markets and not self.markets.matches(market.attr):
            return False
        return not (self.models and not self.models.matches(model.attr))


@dataclass(frozen=True)
class Rulebook:
    """The whole rules folder; `as_of(day)` is the view of what is in force on that day.

    A rule may have several dated versions under one id, and a market fact several dated values:
    only a view (one per interval between change dates, cached) has one of each, so engines and
    analyses work on views. A book without dates is its own view for every day.
    """

    version: str
    root: str
    models: dict[str, Model]
    groups: dict[str, Group]
    markets: dict[str, Market]
    rules: tuple[Rule, ...]
    interval: Period | None = None  # set on a view: the days it holds for
    _views: dict[date | None, Rulebook] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )

    @property
    def changes(self) -> tuple[date, ...]:
        """Every day on which something starts or stops being in force, in order."""
        days = {d for r in self.rules for d in r.period.changes()}
        days |= {d for m in self.markets.values() for f in m.facts for d in f.period.changes()}
        return tuple(sorted(days))

    @property
    def dated(self) -> bool:
        return bool(self.changes)

    def interval_of(self, day: date) -> Period:
        """The longest period around `day` in which nothing changes."""
        changes = self.changes
        start = max((d for d in changes if d <= day), default=None)
        after = min((d for d in changes if d > day), default=None)
        return Period(start, after - timedelta(days=1) if after else None)

    def as_of(self, day: date) -> Rulebook:
        if self.interval is not None and self.interval.holds(day):
            return self
        if self.interval is None and not self.dated:
            return self
        if self.interval is not None:
            raise ValueError(f"this view holds {self.interval}, not {day.isoformat()}")
        interval = self.interval_of(day)
        view = self._views.get(interval.start)
        if view is None:
            view = Rulebook(
                version=self.version,
                root=self.root,
                models=self.models,
                groups=self.groups,
                markets={c: m.as_of(day) for c, m in self.markets.items()},
                rules=tuple(r for r in self.rules if r.period.holds(day)),
                interval=interval,
            )
            self._views[interval.start] = view
        return view

    def rules_for(self, market: Market) -> list[Rule]:
        owners = {"catalogue", f"market:{market.code}", *(f"layer:{x}" for x in market.layers)}
        return [r for r in self.rules if r.owner in owners]

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def groups_for(self, model: Model) -> list[Group]:
        return [g for g in self.groups.values() if not g.models or g.models.matches(model.attr)]
