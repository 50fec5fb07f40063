"""The state of every option of every group, with the reasons for blocked and forced ones."""

from __future__ import annotations

from ..model import text_in
from .results import AVAILABLE, BLOCKED, REQUIRED, SELECTED, GroupState, OptionState, Reason
from .solving import Known
from .solving import Step as Solving

Fixed = tuple[str, str, int, tuple[Reason, ...]]  # option id, name, price, recommendations


def _fixed(solving: Solving, lang: str) -> dict[int, Fixed]:
    """Per value variable, what never changes between steps: built once per language."""
    kept = solving.solving.options
    found: dict[int, Fixed] | None = kept.get(lang)
    if found is None:
        space = solving.space
        found = {}
        for group in space.groups:
            for value in space.domains[group.id]:
                option = space.option(group.id, value)
                if option is None:
                    name, price = {"ru": "Нет", "zh": "无"}.get(lang, "None"), 0
                else:
                    name, price = text_in(option.name, lang), space.model.price_of(group.id, option)
                recs = space.recommended.get((group.id, value), ())
                texts = tuple(Reason.of(r, lang) for r in recs)
                found[space.var[(group.id, value)]] = (value, name, price, texts)
        kept[lang] = found
    return found


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
    fixed = _fixed(solving, lang)
    everything = frozenset(lits)
    # blocked options per selections they are asked about: explained together once all known
    pending: dict[frozenset[int], list[tuple[OptionState, int]]] = {}
    trials: dict[frozenset[int], list[int]] = {everything: lits}
    forced_in: list[tuple[str, list[OptionState], str]] = []
    for group in space.groups:
        variables = [space.var[(group.id, v)] for v in space.domains[group.id]]
        open_values = [fixed[var][0] for var in variables if var in possible]
        selected = space.value_of[chosen[group.id]][1] if group.id in chosen else None
        forced = open_values[0] if selected is None and len(open_values) == 1 else None
        here, key = possible, everything
        if selected is not None:  # other values: could they replace the choice, all else kept?
            here = switchable
            key = everything - {chosen[group.id]}
            trials[key] = [lit for lit in lits if lit != chosen[group.id]]
        options = []
        for var in variables:
            option_id, name, price, recs = fixed[var]
            if option_id == selected:
                state = SELECTED
            elif option_id == forced:
                state = REQUIRED
            elif var in here:
                state = AVAILABLE
            else:
                state = BLOCKED
            option = OptionState(option_id, name, price, state, [], list(recs))
            if state == BLOCKED:
                pending.setdefault(key, []).append((option, var))
            options.append(option)
        value = selected or forced
        if value is not None:
            values[group.id] = value
        if forced is not None:
            forced_in.append((group.id, options, forced))
        name = text_in(group.name, lang)
        groups.append(GroupState(group.id, name, group.optional, options, selected, value, None))
    for key, asked in pending.items():
        found = solving.blocked_by(trials[key], [var for _, var in asked], key)
        for (option, _), known in zip(asked, found, strict=True):
            option.reasons = list(_texts(solving, known, lang))
    for group_id, options, forced in forced_in:
        _forced_reasons(solving, group_id, options, forced, lang)
    return groups, values


def _texts(solving: Solving, known: Known, lang: str) -> tuple[Reason, ...]:
    """A reason's texts, built the first time a step shows it in this language."""
    found = known.texts.get(lang)
    if found is None:
        because = tuple(label(solving, lit) for lit in sorted(known.used))
        found = known.texts[lang] = tuple(Reason.of(r, lang, because) for r in known.rules)
    return found


def _forced_reasons(
    solving: Solving, group_id: str, options: list[OptionState], forced: str, lang: str
) -> None:
    """A forced value is forced by whatever blocks or hides every other value."""
    target = next(o for o in options if o.id == forced)
    seen: set[str] = set()
    for reason in dict.fromkeys(r for other in options for r in other.reasons):
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
