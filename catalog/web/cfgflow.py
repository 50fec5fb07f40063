"""One step of the configurator: read the form, carry out what the user asked, say what changed.

The whole state lives in the query string (market, model, `sel_<group>=<option>`), so every step
is a plain GET that works with JavaScript off, can be bookmarked and goes back with the browser.
`was_<group>` fields carry the state the page showed, so the server knows which choice is new.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from ..limits import FIRST_DAY, LAST_DAY
from ..rulebook import Engine, SelectionError
from ..rulebook.engine.results import Configuration, Violation
from ..rulebook.model import text_in
from ..services.configurator import Configurer, fill, settle
from .configurator_view import GroupView, group_views, label

SEL, WAS = "sel_", "was_"


@dataclass
class Ask:
    market: str = ""
    model: str = ""
    selections: dict[str, str] = field(default_factory=dict)
    previous: dict[str, str] = field(default_factory=dict)
    anyway: tuple[str, str] | None = None  # a blocked option chosen on purpose
    confirm: tuple[str, str] | None = None  # ... and the user agreed to drop what it needs
    defaults: bool = False
    day: str = ""  # the delivery date (ISO) whose rules apply; "" for today


@dataclass
class Pending:
    value: str  # "group=option", sent back by the confirm button
    choice: str
    drop: list[str]
    violations: list[Violation]


@dataclass
class Step:
    market: str
    model: str
    selections: dict[str, str] = field(default_factory=dict)
    config: Configuration | None = None
    groups: list[GroupView] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    pending: Pending | None = None
    day: str = ""  # ISO delivery date the step was answered as of; "" for today
    first_day: str = FIRST_DAY.isoformat()
    last_day: str = LAST_DAY.isoformat()
    moved: bool = False  # the server changed the selections: the URL should follow


def _pair(text: str | None) -> tuple[str, str] | None:
    group, sep, option = (text or "").partition("=")
    return (group, option) if sep and group and option else None


def read(args: MultiDict[str, str]) -> Ask:
    def prefixed(prefix: str) -> dict[str, str]:
        n = len(prefix)
        return {k[n:]: v for k, v in args.items() if k.startswith(prefix) and v}

    return Ask(
        market=args.get("market", "").upper(),
        model=args.get("model", ""),
        selections=prefixed(SEL),
        previous=prefixed(WAS),
        anyway=_pair(args.get("anyway")),
        confirm=_pair(args.get("confirm")),
        defaults="defaults" in args,
        day=args.get("date", ""),
    )


def query(step: Step) -> dict[str, Any]:
    """The query string of a step's state, without the form's bookkeeping."""
    out: dict[str, Any] = {"market": step.market, "date": step.day, "model": step.model}
    out.update({SEL + g: v for g, v in step.selections.items()})
    return {k: v for k, v in out.items() if v}


def delivery_day(ask: Ask) -> tuple[date | None, str | None]:
    """The delivery date asked for, or None (today) with a notice when it is not a day the
    service answers for."""
    if not ask.day:
        return None, None
    try:
        day = date.fromisoformat(ask.day)
    except ValueError:
        day = None
    if day is None or not FIRST_DAY <= day <= LAST_DAY:
        notice = _(
            "The delivery date %(day)s is not a date between %(first)s and %(last)s; "
            "today's rules apply.",
            day=ask.day[:20],
            first=FIRST_DAY.isoformat(),
            last=LAST_DAY.isoformat(),
        )
        return None, notice
    return day, None


def run(engine: Engine, ask: Ask, lang: str) -> Step:
    book = engine.book
    step = Step(
        ask.market if ask.market in book.markets else "",
        ask.model if ask.model in book.models else "",
    )
    if not step.market or not step.model:
        return step
    configure = Configurer(engine, step.market, step.model, lang)
    step.selections = _applicable(configure, step, ask.selections)
    ask.anyway = ask.anyway if _possible(configure, ask.anyway) else None
    ask.confirm = ask.confirm if _possible(configure, ask.confirm) else None
    _intent(configure, step, ask)
    step.config = configure(step.selections)
    step.groups = group_views(step.config)
    return step


def _applicable(configure: Configurer, step: Step, wanted: dict[str, str]) -> dict[str, str]:
    """The selections that exist on this model; the others are named in a notice."""
    sel = dict(wanted)
    for _attempt in range(len(sel) + 1):
        try:
            configure(sel)
            return sel
        except SelectionError as err:
            for group_id in err.errors:
                option = sel.pop(group_id, "")
                group = configure.engine.book.groups.get(group_id)
                name = text_in(group.name, configure.lang) if group else group_id
                step.notices.append(
                    _(
                        "%(choice)s does not apply to this model and was left out.",
                        choice=f"{name}: {option}",
                    )
                )
    return {}


def _possible(configure: Configurer, choice: tuple[str, str] | None) -> bool:
    """Whether the option exists on the model and some valid truck has it (else no earlier
    choice could be dropped to make room for it)."""
    if choice is None:
        return False
    try:
        alone = configure({choice[0]: choice[1]})
    except SelectionError:
        return False
    return not alone.violations


def _intent(configure: Configurer, step: Step, ask: Ask) -> None:
    if ask.confirm:
        group, option = ask.confirm
        _settle(configure, step, {**step.selections, group: option}, group)
        step.moved = True
    elif ask.anyway:
        _try_anyway(configure, step, ask.anyway)
    elif ask.defaults:
        step.selections = fill(configure, step.selections)
        step.moved = True
    else:
        changed = [g for g, v in step.selections.items() if ask.previous.get(g) != v]
        step.moved = _settle(configure, step, step.selections, changed[-1] if changed else None)


def _try_anyway(configure: Configurer, step: Step, choice: tuple[str, str]) -> None:
    group, option = choice
    wanted = {**step.selections, group: option}
    trial = configure(wanted, changed=group)
    if not trial.drop:
        step.selections = wanted
        step.moved = True
        return
    step.pending = Pending(
        f"{group}={option}",
        label(trial.groups, f"{group}={option}"),
        [label(trial.groups, pair) for pair in trial.drop],
        trial.violations,
    )


def _settle(configure: Configurer, step: Step, wanted: dict[str, str], changed: str | None) -> bool:
    """The service's change of mind, worded for the page. Returns whether anything was dropped."""
    settled = settle(configure, wanted, changed)
    step.selections = settled.selections
    if not settled.dropped:
        return False
    views = settled.config.groups
    for gone in settled.dropped:
        if gone.replaced_by is not None:
            group_id = gone.option.partition("=")[0]
            new_label = label(views, f"{group_id}={gone.replaced_by}")
            step.notices.append(
                _("%(old)s was replaced by %(new)s.", old=label(views, gone.option), new=new_label)
            )
        else:
            step.notices.append(_("%(old)s was removed.", old=label(views, gone.option)))
    rules = "; ".join(f"{v.message} ({v.rule})" for v in settled.config.violations)
    step.notices.append(_("Reason: %(rules)s", rules=rules))
    return True
