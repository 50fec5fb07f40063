"""What the rule-base analysis found: plain data, for the command line, JSON and the pages, and
the helpers that cite a finding's rules and options by path:line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Rule, Rulebook
from .counting import Count

ERROR, WARNING, INFO = "error", "warning", "info"
LEVELS = (ERROR, WARNING, INFO)
ALL = ""  # the market of a finding about every analysed market


def N_(text: str) -> str:
    """Marks a finding's text for translation: the pages show it in the reader's language
    (`pybabel extract -k N_`); the command line prints the English."""
    return text


Params = tuple[tuple[str, str], ...]


def phrase(text: str, **params: str) -> dict[str, Any]:
    """A finding's message, its template and the values filled in (keyword arguments)."""
    return {"message": text % params, "text": text, "params": tuple(sorted(params.items()))}


@dataclass(frozen=True)
class Finding:
    severity: str  # error (exit 1), warning, info
    kind: str  # unbuyable, dead-option, forced-option, redundant-rule, …
    item: str  # a rule id, "group=option" or a model id
    source: str  # path:line of the item
    message: str
    market: str = ALL
    models: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()  # the rules behind it
    text: str = ""  # the message's template (`%(name)s` fills in `params`), for translating
    params: Params = ()

    def line(self) -> str:
        return f"{self.source}: {self.item}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "kind": self.kind,
            "item": self.item,
            "source": self.source,
            "message": self.message,
            "market": self.market or None,
            "models": list(self.models),
            "rules": list(self.rules),
        }


@dataclass
class SpaceFacts:
    """What the analysis learnt about one market and model."""

    market: str
    model: str
    buyable: bool
    offered: dict[str, tuple[str, ...]]  # group -> values offered on the model
    possible: dict[str, tuple[str, ...]]  # group -> values in some valid configuration
    blocked_by: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "g=v" or "" -> rules
    applies: dict[str, bool] = field(default_factory=dict)  # hard rule id -> has clauses here
    implied: dict[str, tuple[str, ...] | None] = field(default_factory=dict)  # None: not implied
    followable: dict[str, bool] = field(default_factory=dict)  # advice rule id -> can be followed
    count: Count | None = None

    def dead(self) -> list[str]:
        return [
            f"{g}={v}" for g, vs in self.offered.items() for v in vs if v not in self.possible[g]
        ]


# Citing helpers for the judging: where a rule or option was written, and on which models.


def refs(book: Rulebook, rule_ids: tuple[str, ...] | list[str] | set[str]) -> str:
    """`id (path:line), …` for rule ids."""
    rules = by_id(book)
    return ", ".join(f"{r} ({rules[r].source})" if r in rules else r for r in sorted(rule_ids))


_INDEX: dict[int, dict[str, Rule]] = {}


def by_id(book: Rulebook) -> dict[str, Rule]:
    if id(book.rules) not in _INDEX:
        _INDEX.clear()
        _INDEX[id(book.rules)] = {r.id: r for r in book.rules}
    return _INDEX[id(book.rules)]


def option_source(book: Rulebook, label: str) -> str:
    group_id, value = label.split("=", 1)
    group = book.groups[group_id]
    option = group.option(value)
    return str(option.source if option is not None else group.source)


def models_of(facts: list[SpaceFacts]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f.model for f in facts))


def on_models(some: list[SpaceFacts], every: list[SpaceFacts]) -> str:
    """The models, or "" for every model that offers the option."""
    return "" if len(some) == len(every) else ", ".join(models_of(some))


def offered(facts: SpaceFacts, label: str) -> bool:
    group, value = label.split("=", 1)
    return value in facts.offered.get(group, ())


@dataclass
class Analysis:
    version: str
    markets: list[str]
    models: list[str]
    spaces: dict[tuple[str, str], SpaceFacts]
    findings: list[Finding]
    seconds: float
    solver_calls: int
    counted: bool

    def of(self, severity: str) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]

    @property
    def ok(self) -> bool:
        return not self.of(ERROR)

    def for_market(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.market in (code, ALL)]

    def for_rule(self, rule_id: str) -> list[Finding]:
        return [f for f in self.findings if f.item == rule_id or rule_id in f.rules]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "ok": self.ok,
            "markets": self.markets,
            "models": self.models,
            "seconds": round(self.seconds, 3),
            "solver_calls": self.solver_calls,
            "errors": [f.to_json() for f in self.of(ERROR)],
            "warnings": [f.to_json() for f in self.of(WARNING)],
            "info": [f.to_json() for f in self.of(INFO)],
            "counts": {
                m: {t: _count_json(self.spaces[(m, t)]) for t in self.models} for m in self.markets
            },
        }


def _count_json(facts: SpaceFacts) -> dict[str, Any]:
    count = facts.count
    return {
        "buyable": facts.buyable,
        "count": count.value if count else None,
        "exact": bool(count and count.exact),
        "lower_bound": count.lower if count else None,
        "upper_bound": count.upper if count else None,
    }
