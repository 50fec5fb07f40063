"""The state of every option of every group, with the reasons for blocked and forced ones."""

from __future__ import annotations

from ..model import Rule, text_in
from .results import AVAILABLE, BLOCKED, REQUIRED, SELECTED, GroupState, OptionState, Reason
from .solving import Step as Solving


def _name(solving: Solving, group_id: str, value: str, lang: str) -> tuple[str, int]:
    option = solving.space.option(group_id, value)
    if option is None:
        return {"ru": "Нет", "zh": "无"}.get(lang, "None"), 0
    return text_in(option.name, lang), solving.space.model.price_of(group_id, option)


def label(solving: Solving, lit: int) -> str:
    group, value = solving.space.value_of[lit]
    return f"{group}={value}"


def group_states(
    solving: Solving,
    chosen: dict[str, int],
    lits: list[int],
    possible: set[int],
    lang: str,
) -> tuple[list[GroupState], dict[str, str]]:
    space = solving.space
    values: dict[str, str] = {}
    groups = []
    others = {
        lit: [space.var[(g, v)] for v in space.domains[g] if space.var[(g, v)] != lit]
        for g, lit in chosen.items()
    }
    switchable = solving.alternatives(lits, others)
    for group in space.groups:
        domain = space.domains[group.id]
        open_values = [v for v in domain if space.var[(group.id, v)] in possible]
        selected = space.value_of[chosen[group.id]][1] if group.id in chosen else None
        forced = open_values[0] if selected is None and len(open_values) == 1 else None
        here = possible
        trial = lits
        if selected is not None:  # other values: could they replace the choice, all else kept?
            here = switchable
            trial = [lit for lit in lits if lit != chosen[group.id]]
        options = []
        for option_id in domain:
            name, price = _name(solving, group.id, option_id, lang)
            var = space.var[(group.id, option_id)]
            state, reasons = _state(solving, trial, var, option_id, selected, forced, here, lang)
            recommended = tuple(space.recommended.get((group.id, option_id), ()))
            recs = list(_reasons(solving, recommended, (), lang)) if recommended else []
            options.append(OptionState(option_id, name, price, state, reasons, recs))
        value = selected or forced
        if value is not None:
            values[group.id] = value
        if forced is not None:
            _forced_reasons(solving, group.id, options, forced, lang)
        name = text_in(group.name, lang)
        groups.append(GroupState(group.id, name, group.optional, options, selected, value, None))
    return groups, values


def _state(
    solving: Solving,
    lits: list[int],
    var: int,
    value: str,
    selected: str | None,
    forced: str | None,
    possible: set[int],
    lang: str,
) -> tuple[str, list[Reason]]:
    if value == selected:
        return SELECTED, []
    if value == forced:
        return REQUIRED, []
    if var in possible:
        return AVAILABLE, []
    rules, used = solving.blocked_by(lits, var)
    return BLOCKED, list(_reasons(solving, tuple(rules), tuple(used), lang))


def _reasons(
    solving: Solving, rules: tuple[Rule, ...], used: tuple[int, ...], lang: str
) -> tuple[Reason, ...]:
    """Reasons are asked for again at every step; build each distinct one once."""
    key = (tuple(r.id for r in rules), used, lang)
    found = solving.memo.get(key)
    if found is None:
        because = tuple(label(solving, lit) for lit in used)
        found = tuple(Reason.of(r, lang, because) for r in rules)
        solving.memo.put(key, found)
    assert isinstance(found, tuple)
    return found


def _forced_reasons(
    solving: Solving, group_id: str, options: list[OptionState], forced: str, lang: str
) -> None:
    """A forced value is forced by whatever blocks or hides every other value."""
    target = next(o for o in options if o.id == forced)
    seen = set()
    for other in options:
        for reason in other.reasons:
            if reason.rule not in seen:
                seen.add(reason.rule)
                target.reasons.append(reason)
    for rule in solving.space.hidden_in(group_id):
        if rule.id not in seen:
            seen.add(rule.id)
            target.reasons.append(Reason.of(rule, lang))
    if not target.reasons:
        model = solving.space.model
        message = {"ru": "Единственный вариант для этой модели.", "zh": "该车型仅此一项。"}
        text = message.get(lang, "The only option offered on this model.")
        target.reasons.append(Reason(model.id, text, str(model.source), "error"))
