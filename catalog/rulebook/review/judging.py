"""Turn the facts of every market and model into findings, each citing its path:line.

Severities: an error makes `rules check` fail (a market that can buy nothing, a model no market
can buy, advice that can never be followed); a warning asks an engineer to look (a model a market
can never buy, options dead everywhere, redundant rules, rules that never apply); info is for
review (options dead in one market, base-equipment candidates). This module judges models and
options; rulejudging.py judges rules.
"""

from __future__ import annotations

from ..model import Rule, Rulebook
from .findings import ALL, ERROR, INFO, WARNING, Finding, SpaceFacts

Spaces = dict[tuple[str, str], SpaceFacts]
ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


def judge(book: Rulebook, codes: list[str], spaces: Spaces) -> list[Finding]:
    from .rulejudging import judge_rules

    out = [
        *_buyable(book, codes, spaces),
        *_dead(book, codes, spaces),
        *_forced(book, codes, spaces),
        *judge_rules(book, codes, spaces),
    ]
    return sorted(out, key=lambda f: (ORDER[f.severity], f.market, _where(f.source), f.item))


def _where(source: str) -> tuple[str, int]:
    path, _, line = source.rpartition(":")
    return path, int(line) if line.isdigit() else 0


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
    if len(some) == len(every):
        return "on every model that offers it"
    return "on " + ", ".join(models_of(some))


def _buyable(book: Rulebook, codes: list[str], spaces: Spaces) -> list[Finding]:
    out = []
    for (code, model_id), facts in spaces.items():
        if not facts.buyable:
            rules = facts.blocked_by.get("", ())
            message = f"no valid configuration in {code}: blocked by {refs(book, rules)}"
            source = str(book.models[model_id].source)
            out.append(
                Finding(WARNING, "unbuyable", model_id, source, message, code, (model_id,), rules)
            )
    every = set(codes) == set(book.markets)  # "no market can buy it" needs every market
    for model in book.models.values() if every else ():
        if not any(spaces[(c, model.id)].buyable for c in codes):
            message = f"no analysed market can buy it ({', '.join(codes)})"
            out.append(Finding(ERROR, "never-buyable", model.id, str(model.source), message))
    for code in codes:
        if not any(spaces[(code, m)].buyable for m in book.models):
            source = str(book.markets[code].source)
            message = "no model has a valid configuration"
            out.append(Finding(ERROR, "empty-market", code, source, message, code))
    return out


def _labels(book: Rulebook) -> list[str]:
    return [f"{g.id}={v}" for g in book.groups.values() for v in g.values]


def offered(facts: SpaceFacts, label: str) -> bool:
    group, value = label.split("=", 1)
    return value in facts.offered.get(group, ())


def _option(
    book: Rulebook, severity: str, kind: str, label: str, text: str, market: str, facts: list
) -> Finding:
    rules = tuple(sorted({r for f in facts for r in f.blocked_by.get(label, ())}))
    message = text.format(by=refs(book, rules))
    source = option_source(book, label)
    return Finding(severity, kind, label, source, message, market, models_of(facts), rules)


def _dead(book: Rulebook, codes: list[str], spaces: Spaces) -> list[Finding]:
    out = []
    anywhere = {f"{g}={v}" for f in spaces.values() for g, vs in f.offered.items() for v in vs}
    for label in _labels(book):
        if label not in anywhere:
            text = "offered on no model (by the models' offers and the offered rules)"
            out.append(_option(book, WARNING, "dead-option", label, text, ALL, []))
            continue
        where = [f for f in spaces.values() if f.buyable and offered(f, label)]
        dead = [f for f in where if label in f.blocked_by]
        if dead and len(dead) == len(where):
            text = "never selectable in any analysed market; blocked by {by}"
            out.append(_option(book, WARNING, "dead-option", label, text, ALL, dead))
            continue
        for code in codes:
            here = [f for f in dead if f.market == code]
            if here:
                on = on_models(here, [f for f in where if f.market == code])
                text = f"never selectable in {code} {on}; blocked by {{by}}"
                out.append(_option(book, INFO, "dead-option", label, text, code, here))
    return out


def _forced(book: Rulebook, codes: list[str], spaces: Spaces) -> list[Finding]:
    """Options that are the only possible value of their group wherever they are offered."""
    out = []
    for label in _labels(book):
        group, value = label.split("=", 1)
        where = [f for f in spaces.values() if f.buyable and offered(f, label)]
        forced = [f for f in where if f.possible[group] == (value,)]
        if not any(len(f.offered[group]) > 1 for f in forced):
            continue  # only ever the one option offered: base equipment already
        if len(forced) == len(where):
            text = "forced wherever it is offered: a candidate for base equipment (by {by})"
            out.append(_forced_finding(book, label, text, ALL, forced))
            continue
        for code in codes:
            here = [f for f in forced if f.market == code]
            if here and len(here) == len([f for f in where if f.market == code]):
                text = f"forced on every model of {code} that offers it (by {{by}})"
                out.append(_forced_finding(book, label, text, code, here))
    return out


def _forced_finding(
    book: Rulebook, label: str, text: str, market: str, facts: list[SpaceFacts]
) -> Finding:
    group, value = label.split("=", 1)
    others = {f"{group}={v}" for f in facts for v in f.offered[group] if v != value}
    rules = tuple(sorted({r for f in facts for o in others for r in f.blocked_by.get(o, ())}))
    message = text.format(by=refs(book, rules))
    source = option_source(book, label)
    return Finding(INFO, "forced-option", label, source, message, market, models_of(facts), rules)
