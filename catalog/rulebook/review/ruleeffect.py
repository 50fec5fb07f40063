"""What one rule does: the options it blocks (or takes off a model) in each market and model.

An option is blocked by rule R on a model in a market when some valid truck has it once R is
switched off, and none has it with R on. Pure: no Flask, no database.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.compiler import compile_space
from ..model import Rule, Rulebook
from .probe import Probe
from .rulejudging import relevant


@dataclass(frozen=True)
class Effect:
    market: str
    model: str
    blocked: tuple[str, ...]  # "group=option" possible without the rule, impossible with it
    hidden: tuple[str, ...]  # offered rules: options not offered on this model because of it
    unbuyable: bool  # the model is buyable without the rule and not with it


def rule_effect(book: Rulebook, rule: Rule, markets: list[str] | None = None) -> list[Effect]:
    """Every market and model where `rule` changes what can be sold, in catalogue order."""
    out = []
    for code in relevant(book, rule, markets or sorted(book.markets)):
        market = book.markets[code]
        for model in book.models.values():
            if not rule.applies_to(market, model):
                continue
            effect = _effect(book, rule, code, model.id)
            if effect.blocked or effect.hidden or effect.unbuyable:
                out.append(effect)
    return out


def _effect(book: Rulebook, rule: Rule, code: str, model_id: str) -> Effect:
    space = compile_space(book, book.markets[code], book.models[model_id])
    hidden = tuple(f"{g}={v}" for (g, v), r in space.hidden.items() if r.id == rule.id)
    if not any(r.id == rule.id for r, _ in space.hard):
        return Effect(code, model_id, (), hidden, False)
    probe = Probe(space)
    try:
        with_rule, without = probe.possible(), probe.possible_without(rule)
    finally:
        probe.close()
    blocked = tuple(f"{g}={v}" for g, v in (space.value_of[n] for n in sorted(without - with_rule)))
    return Effect(code, model_id, blocked, hidden, bool(without) and not with_rule)
