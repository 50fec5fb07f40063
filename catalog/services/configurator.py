"""The configurator's steps, one service for the pages and the API: configure, change your mind
(keep the new choice, drop the smallest set of earlier ones, put a fitting value in each dropped
group) and complete with defaults. No Flask: the pages word the notices, the API returns data.

Every answer is a function of the request only: the engine's answers do not depend on what it
was asked before (tests/api/test_configure_flow.py asks the same thing between other sessions).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from ..rulebook import Engine
from ..rulebook.engine.results import Configuration


class Configurer:
    """The engine for one market, model and language, remembering its answers for one request
    (a step asks about the same selections more than once)."""

    def __init__(self, engine: Engine, market: str, model: str, lang: str):
        self.engine, self.market, self.model, self.lang = engine, market, model, lang
        self.memo: dict[tuple[tuple[tuple[str, str], ...], str | None], Configuration] = {}

    def __call__(self, selections: dict[str, str], changed: str | None = None) -> Configuration:
        key = (tuple(sorted(selections.items())), changed)
        if key not in self.memo:
            self.memo[key] = self.engine.configure(
                self.market, self.model, selections, changed=changed, lang=self.lang
            )
        return self.memo[key]


@dataclass(frozen=True)
class Dropped:
    option: str  # "group=option" that had to go
    replaced_by: str | None  # the group's new value, None when the group is left open


@dataclass
class Settled:
    selections: dict[str, str]
    dropped: list[Dropped]
    config: Configuration  # the answer that named the conflict (its violations say why)


def settle(configure: Configurer, wanted: dict[str, str], changed: str | None) -> Settled:
    """Keep `changed`; drop the smallest set of earlier choices it conflicts with, and put each
    dropped group's fitting value (required or suggested) in its place."""
    config = configure(wanted)
    if not config.drop:
        return Settled(dict(wanted), [], config)
    config = configure(wanted, changed)
    groups = [pair.partition("=")[0] for pair in config.drop]
    rest = {g: v for g, v in wanted.items() if g not in groups}
    after = configure(rest)
    dropped = []
    for pair, group_id in zip(config.drop, groups, strict=True):
        new = next((g.value or g.default for g in after.groups if g.id == group_id), None)
        if new is not None:
            rest[group_id] = new
        dropped.append(Dropped(pair, new))
    return Settled(rest, dropped, config)


def fill(configure: Configurer, selections: dict[str, str]) -> dict[str, str]:
    """The selections with every open group set to its proposed default (all fit together)."""
    out = dict(selections)
    for state in configure(selections).groups:
        if state.value is None and state.default is not None:
            out[state.id] = state.default
    return out


@dataclass
class Answer(Configuration):
    """A configure answer together with the selections it is about (after the change of mind
    and the fill) and what the change of mind dropped."""

    selections: dict[str, str] = field(default_factory=dict)
    dropped: list[Dropped] = field(default_factory=list)


def answer(
    configure: Configurer, selections: dict[str, str], changed: str | None, filled: bool
) -> Answer:
    """What POST /api/v1/configure returns: the page's steps, in the page's order."""
    dropped: list[Dropped] = []
    chosen = dict(selections)
    if changed:  # without it nothing is dropped: the answer names the conflict and the drop
        settled = settle(configure, chosen, changed)
        chosen, dropped = settled.selections, settled.dropped
    if filled:
        chosen = fill(configure, chosen)
    config = configure(chosen)
    known = {f.name: getattr(config, f.name) for f in fields(config)}
    return Answer(**known, selections=chosen, dropped=dropped)
