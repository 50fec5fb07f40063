"""What the configurator page shows for each option group, built from the engine's answer.

People need to know which options of a group they can switch to after choosing one. Where the
engine reports the other options of a selected group as blocked by that selection alone (no rule),
the group is shown as the engine sees it with that one selection left open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..rulebook import Engine
from ..rulebook.results import (
    AVAILABLE,
    BLOCKED,
    REQUIRED,
    SELECTED,
    Configuration,
    GroupState,
    OptionState,
    Reason,
)


@dataclass
class OptionView:
    id: str
    name: str
    price: int
    state: str
    input_id: str
    reasons: list[Reason] = field(default_factory=list)
    recommended: list[Reason] = field(default_factory=list)
    default: bool = False

    @property
    def checked(self) -> bool:
        return self.state in (SELECTED, REQUIRED)

    @property
    def disabled(self) -> bool:
        return self.state in (BLOCKED, REQUIRED)

    @property
    def anyway(self) -> bool:
        """Blocked only by earlier choices: it can be chosen on purpose, dropping those."""
        return self.state == BLOCKED and bool(self.reasons) and all(r.because for r in self.reasons)


@dataclass
class GroupView:
    id: str
    name: str
    optional: bool
    options: list[OptionView]
    selected: str | None
    value: str | None
    default: str | None

    @property
    def locked(self) -> bool:
        return self.selected is None and self.value is not None

    @property
    def open(self) -> bool:
        return self.value is None

    def option(self, option_id: str | None) -> OptionView | None:
        return next((o for o in self.options if o.id == option_id), None)


def group_views(
    engine: Engine,
    config: Configuration,
    selections: dict[str, str],
    lang: str,
) -> list[GroupView]:
    views = []
    for index, group in enumerate(config.groups):
        states = group.options
        if _unexplained(group):
            states = _as_if_open(engine, config, selections, group, lang)
        options = [
            _option(o, group, f"opt-{index}-{n}", states[n]) for n, o in enumerate(group.options)
        ]
        views.append(
            GroupView(
                group.id,
                group.name,
                group.optional,
                options,
                group.selected,
                group.value,
                group.default,
            )
        )
    return views


def _unexplained(group: GroupState) -> bool:
    """A selected group whose other options come back blocked with no rule: blocked only by the
    selection itself (an engine that does not report alternatives)."""
    return group.selected is not None and any(
        o.state == BLOCKED and not o.reasons for o in group.options if o.id != group.selected
    )


def _as_if_open(
    engine: Engine,
    config: Configuration,
    selections: dict[str, str],
    group: GroupState,
    lang: str,
) -> list[OptionState]:
    others = {g: v for g, v in selections.items() if g != group.id}
    open_config = engine.configure(config.market, config.model, others, lang=lang)
    same = next(g for g in open_config.groups if g.id == group.id)
    return same.options


def _option(shown: OptionState, group: GroupState, input_id: str, alt: OptionState) -> OptionView:
    """`shown` is the option in the page's configuration; `alt` the same with its group open."""
    if shown.state in (SELECTED, REQUIRED) or alt is shown:
        state, reasons = shown.state, shown.reasons
    else:
        state, reasons = (BLOCKED, alt.reasons) if alt.state == BLOCKED else (AVAILABLE, [])
    return OptionView(
        shown.id,
        shown.name,
        shown.price,
        state,
        input_id,
        list(reasons),
        list(shown.recommended or alt.recommended),
        default=group.default == shown.id,
    )


def label(groups: Sequence[GroupState | GroupView], pair: str) -> str:
    """'gearbox=12JSD200T-B' as people read it: 'Gearbox: Fast 12JSD200T-B'."""
    group_id, _, option_id = pair.partition("=")
    group = next((g for g in groups if g.id == group_id), None)
    if group is None:
        return pair
    name = next((o.name for o in group.options if o.id == option_id), option_id)
    return f"{group.name}: {name}"
