"""configure and validate: the one engine behind the configurator, the API and order checks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..dates import today
from ..model import NONE, Rulebook, text_in
from .advice import broken_rules, warnings_for
from .pricing import price_of
from .results import (
    AVAILABLE,
    Configuration,
    GroupState,
    Reason,
    Verdict,
    Violation,
)
from .solving import Solving, Step
from .spaces import Spaces
from .states import group_states, label

MAX_DEFAULT_RETRIES = 40  # rule defaults tried one by one when they do not all fit together


class SelectionError(ValueError):
    """The request names a market, model, group or option that does not exist or does not fit."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class ModelOffer:
    id: str
    buyable: bool
    recommended: list[Reason]


class Engine:
    """`key` names the rulebook view in the compile cache (by default its date interval);
    `cache` is a folder for compiled spaces shared across processes (the instance folder's)."""

    def __init__(self, book: Rulebook, key: str = "", cache: Path | None = None):
        # dated versions must never all apply at once: a whole book is read as of today
        # (asof.DatedEngines picks the view for any other day)
        self.book = book.as_of(today()) if book.interval is None else book
        interval = self.book.interval
        key = key or (f"{interval.start}..{interval.end}" if interval else "")
        self.spaces = Spaces(self.book, key, cache)

    @property
    def version(self) -> str:
        return self.book.version

    def solving(self, market: str, model: str) -> Solving:
        errors = {}
        if market not in self.book.markets:
            errors["market"] = f"unknown market {market!r}"
        if model not in self.book.models:
            errors["model"] = f"unknown model {model!r}"
        if errors:
            raise SelectionError(errors)
        return self.spaces.get(market, model)

    def prepare(self) -> None:
        """Compile every market and model now, e.g. before a server forks its workers."""
        self.spaces.prepare()

    def models_for(self, market: str, lang: str = "en") -> list[ModelOffer]:
        """Every model with whether the market can buy it; the most recommended first."""
        if market not in self.book.markets:
            raise SelectionError({"market": f"unknown market {market!r}"})
        m = self.book.markets[market]
        offers = []
        for model in self.book.models.values():
            buyable = bool(self.solving(market, model.id).empty[0])
            recs = [
                Reason.of(r, lang)
                for r in self.book.rules_for(m)
                if r.kind == "recommend" and not r.then and r.applies_to(m, model)
            ]
            offers.append(ModelOffer(model.id, buyable, recs))
        return sorted(offers, key=lambda o: (not o.buyable, -len(o.recommended)))

    def configure(
        self,
        market: str,
        model: str,
        selections: Mapping[str, str | None],
        changed: str | None = None,
        lang: str = "en",
    ) -> Configuration:
        with self.solving(market, model).step() as step:
            result = _configure(step, dict(selections), set(self.book.groups), changed, lang)
        result.rules_version = self.version
        return result

    def validate(
        self, market: str, model: str, selections: Mapping[str, str | None], lang: str = "en"
    ) -> Verdict:
        with self.solving(market, model).step() as step:
            return _validate(step, dict(selections), set(self.book.groups), lang)


def selection_lits(
    solving: Solving | Step, selections: dict[str, str | None], known: set[str]
) -> dict[str, int]:
    """group -> variable of the chosen value; raises SelectionError naming every bad entry."""
    space = solving.space
    errors: dict[str, str] = {}
    lits: dict[str, int] = {}
    for group_id, value in selections.items():
        if value is None or value == "":
            continue
        if group_id not in space.domains:
            errors[group_id] = (
                f"group {group_id!r} does not apply to model {space.model.id}"
                if group_id in known
                else f"unknown group {group_id!r}"
            )
        elif value not in space.domains[group_id]:
            errors[group_id] = _not_offered(solving, group_id, value)
        else:
            lits[group_id] = space.var[(group_id, value)]
    if errors:
        raise SelectionError(errors)
    return lits


def _not_offered(solving: Solving | Step, group_id: str, value: str) -> str:
    space = solving.space
    rule = space.hidden.get((group_id, value))
    model = space.model.id
    if rule is not None:
        return f"{value!r} is not offered on {model} ({rule.id}, {rule.source})"
    group = next(g for g in space.groups if g.id == group_id)
    if value in group.values:
        return f"{value!r} is not offered on {model} ({space.model.source})"
    return f"unknown option {value!r} of group {group_id}"


def _configure(
    solving: Step,
    selections: dict[str, str | None],
    known: set[str],
    changed: str | None,
    lang: str,
) -> Configuration:
    space = solving.space
    chosen = selection_lits(solving, selections, known)
    lits = list(chosen.values())
    violations: list[Violation] = []
    drop: list[int] = []
    proven = True
    buyable = bool(solving.solving.empty[0])
    possible, _ = solving.domains(lits)  # nothing is possible when the selections conflict
    if buyable and not possible:
        keep = [chosen[changed]] if changed in chosen else []
        violations = _violations(solving, lits, lang)
        drop, proven = solving.smallest_drop(lits, keep)
        lits = [lit for lit in lits if lit not in drop]
        chosen = {g: v for g, v in chosen.items() if v in lits}
        possible, _ = solving.domains(lits)
    elif not buyable:
        violations = _violations(solving, [], lang)
    groups, values = group_states(solving, chosen, lits, possible, lang)
    _add_defaults(solving, groups, values)
    complete = all(g.value is not None or _none_available(g) for g in groups)
    closed = [space.var[(g, v)] for g, v in _closed(groups, values).items()]
    valid = complete and not violations and solving.consistent(closed)
    return Configuration(
        market=space.market.code,
        model=space.model.id,
        rules_version="",
        groups=groups,
        complete=complete,
        valid=valid,
        buyable=buyable,
        violations=violations,
        warnings=warnings_for(space, values, lang),
        price=price_of(solving.space, values),
        drop=[label(solving, lit) for lit in drop],
        drop_proven=proven,
        values=_closed(groups, values) if complete else {},
    )


def _violations(solving: Step, lits: list[int], lang: str) -> list[Violation]:
    """Every hard rule the selections break outright; else the rules of a minimal conflict."""
    values = dict(solving.space.value_of[lit] for lit in lits)
    broken = broken_rules(solving.space, solving.space.hard, values, lang)
    if broken:
        return broken
    found = solving.conflict(lits)
    if found is None:  # pragma: no cover - callers ask only about inconsistent selections
        return []
    labels = tuple(sorted(label(solving, lit) for lit in found.selections))
    return [
        Violation(r.id, text_in(r.message, lang), str(r.source), r.severity, labels)
        for r in found.rules
    ]


def _add_defaults(solving: Step, groups: list[GroupState], values: dict[str, str]) -> None:
    """Propose a value for every open group such that all proposals together are valid.

    Rule defaults are kept in group order while they fit together; every other open group
    gets a value from one solve steered by phase hints toward its first open value (`none` for
    an optional group: an extra the customer did not ask for is not proposed).
    """
    space = solving.space
    fixed = [space.var[(g, v)] for g, v in values.items()]
    hints, rule_defaults = [], []
    for group in groups:
        if group.value is None:
            open_ids = [o.id for o in group.options if o.state == AVAILABLE]
            rule_default = space.defaults.get(group.id)
            if rule_default and rule_default[0] in open_ids:
                rule_defaults.append(space.var[(group.id, rule_default[0])])
                hints += [-space.var[(group.id, v)] for v in open_ids if v != rule_default[0]]
            elif open_ids:  # an optional group's proposal is `none` unless a rule says more
                hint = NONE if group.optional and NONE in open_ids else open_ids[0]
                hints.append(space.var[(group.id, hint)])
                # phases persist in the solver (witness searches set them too): reset the rest
                hints += [-space.var[(group.id, v)] for v in open_ids if v != hint]
    hints = [*rule_defaults, *hints]
    model = solving.model([*fixed, *rule_defaults], prefer=hints)
    if model is None:  # the rule defaults do not all fit: earlier groups' defaults win
        kept: list[int] = []
        model = solving.model(fixed, prefer=hints)
        for lit in rule_defaults[:MAX_DEFAULT_RETRIES]:
            if model is not None and model[lit - 1] == lit:  # the last truck has it already
                kept.append(lit)
            elif (trial := solving.model([*fixed, *kept, lit], prefer=hints)) is not None:
                kept.append(lit)
                model = trial
    # value variables come first (1..n): the rest of the model is the compiler's helpers
    found = (model or [])[: len(space.value_of)]
    chosen = dict(space.value_of[v] for v in found if v > 0)
    for group in groups:
        if group.value is None:
            group.default = chosen.get(group.id)


def _none_available(group: GroupState) -> bool:
    return group.optional and any(o.id == NONE and o.state == AVAILABLE for o in group.options)


def _closed(groups: list[GroupState], values: dict[str, str]) -> dict[str, str]:
    """The decided values plus `none` for every open optional group."""
    nones = {g.id: NONE for g in groups if g.value is None and g.optional}
    return {**values, **nones}


def _forced(solving: Step, lits: list[int], values: dict[str, str]) -> dict[str, str]:
    """Groups left open whose one possible value the selections force (configure shows them
    as required): they are decided, so a truck configure calls complete is valid as is."""
    space = solving.space
    possible, _ = solving.domains(lits) if solving.consistent(lits) else (set(), set())
    forced = {}
    for group in space.groups:
        if group.id in values:
            continue
        left = [v for v in space.domains[group.id] if space.var[(group.id, v)] in possible]
        if len(left) == 1:
            forced[group.id] = left[0]
    return forced


def _validate(
    solving: Step, selections: dict[str, str | None], known: set[str], lang: str
) -> Verdict:
    space = solving.space
    chosen = selection_lits(solving, selections, known)
    values = {g: space.value_of[v][1] for g, v in chosen.items()}
    values |= _forced(solving, list(chosen.values()), values)  # decided, as configure says
    missing = [g.id for g in space.groups if g.id not in values and not g.optional]
    for group in space.groups:
        if group.optional and group.id not in values and NONE in space.domains[group.id]:
            values[group.id] = NONE
    lits = [space.var[(g, v)] for g, v in values.items()]
    violations = [] if solving.consistent(lits) else _violations(solving, lits, lang)
    return Verdict(
        valid=not missing and not violations,
        violations=violations,
        warnings=warnings_for(space, values, lang),
        missing=missing,
        values=values,
        price=price_of(solving.space, values),
    )
