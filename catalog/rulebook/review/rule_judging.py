"""Findings about rules, each citing its path:line: redundant rules, rules that never apply,
advice that cannot be followed, defaults that are never selectable (judging.py judges models and
options and sorts everything)."""

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
    phrase,
    refs,
)

Spaces = dict[tuple[str, str], SpaceFacts]


def judge_rules(book: Rulebook, codes: list[str], spaces: Spaces) -> list[Finding]:
    return [
        *_redundant(book, codes, spaces),
        *_advice(book, codes, spaces),
        *_defaults(book, codes, spaces),
    ]


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
