"""Turn the facts of every market and model into findings, each citing its path:line.

Severities: an error makes `rules check` fail (a market that can buy nothing, a model no market
can buy, advice that can never be followed); a warning asks an engineer to look (a model a market
can never buy, options dead everywhere, redundant rules, rules that never apply); info is for
review (options dead in one market, base-equipment candidates, defaults blocked somewhere).
Models and options are judged here; rules (redundant, never applying, advice that cannot be
followed, defaults that are never selectable) in rule_judging.py.
"""

from __future__ import annotations

from ..model import Rulebook
from .findings import (
    ALL,
    ERROR,
    INFO,
    N_,
    WARNING,
    Finding,
    SpaceFacts,
    models_of,
    offered,
    on_models,
    option_source,
    phrase,
    refs,
)
from .rule_judging import Spaces, judge_rules

ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


def judge(book: Rulebook, codes: list[str], spaces: Spaces) -> list[Finding]:
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


def _buyable(book: Rulebook, codes: list[str], spaces: Spaces) -> list[Finding]:
    out = []
    for (code, model_id), facts in spaces.items():
        if not facts.buyable:
            rules = facts.blocked_by.get("", ())
            said = phrase(
                N_("no valid configuration in %(market)s: blocked by %(by)s"),
                market=code,
                by=refs(book, rules),
            )
            source = str(book.models[model_id].source)
            out.append(
                Finding(WARNING, "unbuyable", model_id, source, market=code, models=(model_id,),
                        rules=rules, **said)
            )  # fmt: skip
    every = set(codes) == set(book.markets)  # "no market can buy it" needs every market
    for model in book.models.values() if every else ():
        if not any(spaces[(c, model.id)].buyable for c in codes):
            said = phrase(
                N_("no analysed market can buy it (%(markets)s)"), markets=", ".join(codes)
            )
            out.append(Finding(ERROR, "never-buyable", model.id, str(model.source), **said))
    for code in codes:
        if not any(spaces[(code, m)].buyable for m in book.models):
            source = str(book.markets[code].source)
            said = phrase(N_("no model has a valid configuration"))
            out.append(Finding(ERROR, "empty-market", code, source, market=code, **said))
    return out


def _labels(book: Rulebook) -> list[str]:
    return [f"{g.id}={v}" for g in book.groups.values() for v in g.values]


def _option(
    book: Rulebook,
    severity: str,
    kind: str,
    label: str,
    text: str,
    market: str,
    facts: list,
    **params: str,
) -> Finding:
    rules = tuple(sorted({r for f in facts for r in f.blocked_by.get(label, ())}))
    where = {"market": market} if market else {}
    said = phrase(text, by=refs(book, rules), **where, **params)
    source = option_source(book, label)
    return Finding(severity, kind, label, source, market=market, models=models_of(facts),
                   rules=rules, **said)  # fmt: skip


def _dead(book: Rulebook, codes: list[str], spaces: Spaces) -> list[Finding]:
    out = []
    anywhere = {f"{g}={v}" for f in spaces.values() for g, vs in f.offered.items() for v in vs}
    for label in _labels(book):
        if label not in anywhere:
            text = N_("offered on no model (by the models' offers and the offered rules)")
            out.append(_option(book, WARNING, "dead-option", label, text, ALL, []))
            continue
        where = [f for f in spaces.values() if f.buyable and offered(f, label)]
        dead = [f for f in where if label in f.blocked_by]
        if dead and len(dead) == len(where):
            text = N_("never selectable in any analysed market; blocked by %(by)s")
            out.append(_option(book, WARNING, "dead-option", label, text, ALL, dead))
            continue
        for code in codes:
            here = [f for f in dead if f.market == code]
            if here:
                on = on_models(here, [f for f in where if f.market == code])
                text = (
                    N_("never selectable in %(market)s on %(models)s; blocked by %(by)s")
                    if on
                    else N_(
                        "never selectable in %(market)s on every model that offers it;"
                        " blocked by %(by)s"
                    )
                )
                out.append(
                    _option(book, INFO, "dead-option", label, text, code, here, models=on)
                )  # fmt: skip
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
            text = N_("forced wherever it is offered: a candidate for base equipment (by %(by)s)")
            out.append(_forced_finding(book, label, text, ALL, forced))
            continue
        for code in codes:
            here = [f for f in forced if f.market == code]
            if here and len(here) == len([f for f in where if f.market == code]):
                text = N_("forced on every model of %(market)s that offers it (by %(by)s)")
                out.append(_forced_finding(book, label, text, code, here))
    return out


def _forced_finding(
    book: Rulebook, label: str, text: str, market: str, facts: list[SpaceFacts]
) -> Finding:
    group, value = label.split("=", 1)
    others = {f"{group}={v}" for f in facts for v in f.offered[group] if v != value}
    rules = tuple(sorted({r for f in facts for o in others for r in f.blocked_by.get(o, ())}))
    said = phrase(text, by=refs(book, rules), **({"market": market} if market else {}))
    source = option_source(book, label)
    return Finding(INFO, "forced-option", label, source, market=market, models=models_of(facts),
                   rules=rules, **said)  # fmt: skip
