"""Turn the facts of every market and model into findings, each citing its path:line.

Severities: an error makes `rules check` fail (a market that can buy nothing, a model no market
can buy, advice that can never be followed); a warning asks an engineer to look (a model a market
can never buy, options dead everywhere, redundant rules, rules that never apply); info is for
review (options dead in one market, base-equipment candidates, defaults blocked somewhere).
Models and options are judged first, then rules: redundant, never applying, advice that cannot be
followed, defaults that are never selectable.
"""

from __future__ import annotations

from typing import Any

from ..model import Rule, Rulebook
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

Spaces = dict[tuple[str, str], SpaceFacts]
ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


def judge(book: Rulebook, codes: list[str], spaces: Spaces) -> list[Finding]:
    out = [
        *_buyable(book, codes, spaces),
        *_dead(book, codes, spaces),
        *_forced(book, codes, spaces),
        *_redundant(book, codes, spaces),
        *_advice(book, codes, spaces),
        *_defaults(book, codes, spaces),
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


# Rules: redundant, never applying, advice that cannot be followed, defaults never selectable.


def relevant(book: Rulebook, rule: Rule, codes: list[str]) -> list[str]:
    """The analysed markets whose rules include `rule`."""
    out = []
    for code in codes:
        market = book.markets[code]
        owners = {"catalogue", f"market:{code}", *(f"layer:{x}" for x in market.layers)}
        if rule.owner in owners and (not rule.markets or rule.markets.matches(market.attr)):
            out.append(code)
    return out


def applicable(book: Rulebook, rule: Rule, codes: list[str], spaces: Spaces) -> list[SpaceFacts]:
    models = book.models.values()
    return [
        spaces[(c, m.id)]
        for c in relevant(book, rule, codes)
        for m in models
        if rule.applies_to(book.markets[c], m)
    ]


def _finding(
    severity: str,
    kind: str,
    rule: Rule,
    said: dict[str, Any],
    market: str,
    facts: list,
    rules: tuple,
) -> Finding:
    source = str(rule.source)
    return Finding(severity, kind, rule.id, source, market=market, models=models_of(facts),
                   rules=rules, **said)  # fmt: skip


def _redundant(book: Rulebook, codes: list[str], spaces: Spaces) -> list[Finding]:
    out = []
    for rule in book.rules:
        if not rule.hard or rule.kind == "offered" or not relevant(book, rule, codes):
            continue
        where = [f for f in spaces.values() if rule.id in f.applies]
        if not where:
            said = phrase(
                N_("applies to no model in the analysed markets (its models or if never match)")
            )
            out.append(_finding(WARNING, "never-applies", rule, said, ALL, [], ()))
            continue
        live = [f for f in where if f.buyable]
        if not live or any(f.implied.get(rule.id) is None for f in live):
            continue
        used = tuple(sorted({r for f in live for r in f.implied[rule.id] or ()}))
        if not any(f.applies[rule.id] for f in live):
            said = phrase(
                N_(
                    "redundant: it never excludes anything; every option it would forbid is "
                    "already not offered on the models it applies to"
                )
            )
        elif not used:
            said = phrase(
                N_(
                    "redundant: implied by the models' offers and the other rules; removing it "
                    "changes no valid configuration"
                )
            )
        else:
            said = phrase(
                N_("redundant: implied by %(by)s; removing it changes no valid configuration"),
                by=refs(book, used),
            )
        out.append(_finding(WARNING, "redundant-rule", rule, said, ALL, live, used))
    return _mutual(out)


def _mutual(found: list[Finding]) -> list[Finding]:
    """Rules that imply each other are each redundant alone, not together: say so."""
    used = {f.item: set(f.rules) for f in found if f.kind == "redundant-rule"}
    out = []
    for f in found:
        pair = sorted(r for r in used.get(f.item, ()) if f.item in used.get(r, ()))
        if pair:
            said = phrase(
                N_(
                    "redundant: implied by %(by)s; removing it changes no valid configuration "
                    "(it and %(pair)s imply each other: remove one, not both)"
                ),
                by=dict(f.params)["by"],
                pair=", ".join(pair),
            )
            f = Finding(f.severity, f.kind, f.item, f.source, market=f.market, models=f.models,
                        rules=f.rules, **said)  # fmt: skip
        out.append(f)
    return out


def _advice(book: Rulebook, codes: list[str], spaces: Spaces) -> list[Finding]:
    out = []
    for rule in book.rules:
        if rule.severity != "advice" or rule.kind == "default":
            continue
        where = [f for f in applicable(book, rule, codes, spaces) if _judged(rule, f)]
        bad = [f for f in where if not _followable(rule, f)]
        if not bad:
            continue
        what = _advised(rule)
        blockers = tuple(sorted({r for f in bad for r in _blockers_of(rule, f)}))
        if len(bad) == len(where):
            text = (
                N_(
                    "advice that can never be followed: %(what)s is impossible wherever it "
                    "applies (blocked by %(by)s)"
                )
                if blockers
                else N_(
                    "advice that can never be followed: %(what)s is impossible wherever it applies"
                )
            )
            said = phrase(text, by=refs(book, blockers), **what)
            out.append(_finding(ERROR, "advice-contradicts", rule, said, ALL, bad, blockers))
            continue
        for code in codes:
            here = [f for f in bad if f.market == code]
            if here:
                blockers = tuple(sorted({r for f in here for r in _blockers_of(rule, f)}))
                text = (
                    N_(
                        "advice that cannot be followed in %(market)s on %(models)s: %(what)s is "
                        "impossible (blocked by %(by)s)"
                    )
                    if blockers
                    else N_(
                        "advice that cannot be followed in %(market)s on %(models)s: %(what)s is "
                        "impossible"
                    )
                )
                said = phrase(text, market=code, models=", ".join(models_of(here)),
                              by=refs(book, blockers), **what)  # fmt: skip
                out.append(
                    _finding(WARNING, "advice-contradicts", rule, said, code, here, blockers)
                )
    return out


def _advised(rule: Rule) -> dict[str, str]:
    """What the advice asks for: `what` (translated on the pages), the options it names."""
    if rule.kind != "recommend":
        return {"what": N_("what it asks for")}
    if not rule.then:
        return {"what": N_("buying the recommended model")}
    options = " and ".join(s.text for s in rule.then)
    return {"what": "choosing " + options, "options": options}


def _judged(rule: Rule, facts: SpaceFacts) -> bool:
    if rule.kind == "recommend":
        return not rule.then or facts.buyable
    return facts.buyable and rule.id in facts.followable


def _followable(rule: Rule, facts: SpaceFacts) -> bool:
    if rule.kind != "recommend":
        return facts.followable[rule.id]
    if not rule.then:
        return facts.buyable
    return all(any(v in facts.possible.get(s.group, ()) for v in s.values) for s in rule.then)


def _blockers_of(rule: Rule, facts: SpaceFacts) -> set[str]:
    if rule.kind == "recommend" and not rule.then:
        return set(facts.blocked_by.get("", ()))
    labels = [f"{s.group}={v}" for s in rule.then for v in s.values]
    return {r for label in labels for r in facts.blocked_by.get(label, ())}


def _defaults(book: Rulebook, codes: list[str], spaces: Spaces) -> list[Finding]:
    out = []
    for rule in book.rules:
        if rule.kind != "default":
            continue
        label = f"{rule.group}={rule.option}"
        where = applicable(book, rule, codes, spaces)
        where = [f for f in where if f.buyable and offered(f, label)]
        bad = [f for f in where if rule.option not in f.possible[rule.group]]
        if not bad:
            continue
        blockers = tuple(sorted({r for f in bad for r in f.blocked_by.get(label, ())}))
        if len(bad) == len(where):
            text = N_("default %(option)s is never selectable where it applies; blocked by %(by)s")
            said = phrase(text, option=label, by=refs(book, blockers))
            out.append(_finding(WARNING, "default-blocked", rule, said, ALL, bad, blockers))
            continue
        for code in codes:
            here = [f for f in bad if f.market == code]
            if here:
                blockers = tuple(sorted({r for f in here for r in f.blocked_by.get(label, ())}))
                on = on_models(here, [f for f in where if f.market == code])
                text = (
                    N_(
                        "default %(option)s is blocked by %(by)s in %(market)s on %(models)s; "
                        "another option is proposed"
                    )
                    if on
                    else N_(
                        "default %(option)s is blocked by %(by)s in %(market)s on every model "
                        "that offers it; another option is proposed"
                    )
                )
                said = phrase(text, option=label, by=refs(book, blockers), market=code, models=on)
                out.append(_finding(INFO, "default-blocked", rule, said, code, here, blockers))
    return out
