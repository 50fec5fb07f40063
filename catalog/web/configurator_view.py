"""What the configurator page shows for each option group, built from the engine's answer.

For a group that already has a selection the engine reports each other option as available when
it could replace the choice with every other selection kept, else blocked with the rules (and the
earlier choices) in the way: those are the options a user can "choose anyway".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..rulebook.engine.results import (
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


def group_views(config: Configuration) -> list[GroupView]:
    """Each group with its options; inputs get ids that stay the same from step to step (so the
    focus stays where it was when the page is updated in place)."""
    views = []
    for index, group in enumerate(config.groups):
        options = [_option(o, group, f"opt-{index}-{n}") for n, o in enumerate(group.options)]
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


def _option(state: OptionState, group: GroupState, input_id: str) -> OptionView:
    return OptionView(
        state.id,
        state.name,
        state.price,
        state.state,
        input_id,
        list(state.reasons),
        list(state.recommended),
        default=group.default == state.id,
    )


def label(groups: Sequence[GroupState | GroupView], pair: str) -> str:
    """'gearbox=12JSD200T-B' as people read it: 'Gearbox: Fast 12JSD200T-B'."""
    group_id, _, option_id = pair.partition("=")
    group = next((g for g in groups if g.id == group_id), None)
    if group is None:
        return pair
    name = next((o.name for o in group.options if o.id == option_id), option_id)
    return f"{group.name}: {name}"
