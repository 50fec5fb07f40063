"""Findings about rules: redundant, never applying, advice that cannot be followed, defaults
that are never selectable. See judging.py for the severities."""

from __future__ import annotations

from ..model import Rule, Rulebook
from .findings import ALL, ERROR, INFO, WARNING, Finding, SpaceFacts
from .judging import Spaces, models_of, offered, on_models, refs


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
    severity: str, kind: str, rule: Rule, message: str, market: str, facts: list, rules: tuple
) -> Finding:
    source = str(rule.source)
    return Finding(severity, kind, rule.id, source, message, market, models_of(facts), rules)


def _redundant(book: Rulebook, codes: list[str], spaces: Spaces) -> list[Finding]:
    out = []
    for rule in book.rules:
        if not rule.hard or rule.kind == "offered" or not relevant(book, rule, codes):
            continue
        where = [f for f in spaces.values() if rule.id in f.applies]
        if not where:
            message = "applies to no model in the analysed markets (its models or if never match)"
            out.append(_finding(WARNING, "never-applies", rule, message, ALL, [], ()))
            continue
        live = [f for f in where if f.buyable]
        if not live or any(f.implied.get(rule.id) is None for f in live):
            continue
        used = tuple(sorted({r for f in live for r in f.implied[rule.id] or ()}))
        if not any(f.applies[rule.id] for f in live):
            message = (
                "redundant: it never excludes anything; every option it would forbid is "
                "already not offered on the models it applies to"
            )
        else:
            by = refs(book, used) or "the models' offers and the other rules"
            message = f"redundant: implied by {by}; removing it changes no valid configuration"
        out.append(_finding(WARNING, "redundant-rule", rule, message, ALL, live, used))
    return _mutual(out)


def _mutual(found: list[Finding]) -> list[Finding]:
    """Rules that imply each other are each redundant alone, not together: say so."""
    used = {f.item: set(f.rules) for f in found if f.kind == "redundant-rule"}
    out = []
    for f in found:
        pair = sorted(r for r in used.get(f.item, ()) if f.item in used.get(r, ()))
        if pair:
            note = f" (it and {', '.join(pair)} imply each other: remove one, not both)"
            f = Finding(
                f.severity, f.kind, f.item, f.source, f.message + note, f.market, f.models, f.rules
            )
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
        by = f" (blocked by {refs(book, blockers)})" if blockers else ""
        if len(bad) == len(where):
            message = (
                f"advice that can never be followed: {what} is impossible wherever it applies{by}"
            )
            out.append(_finding(ERROR, "advice-contradicts", rule, message, ALL, bad, blockers))
            continue
        for code in codes:
            here = [f for f in bad if f.market == code]
            if here:
                blockers = tuple(sorted({r for f in here for r in _blockers_of(rule, f)}))
                by = f" (blocked by {refs(book, blockers)})" if blockers else ""
                on = ", ".join(models_of(here))
                message = (
                    f"advice that cannot be followed in {code} on {on}: {what} is impossible{by}"
                )
                out.append(
                    _finding(WARNING, "advice-contradicts", rule, message, code, here, blockers)
                )
    return out


def _advised(rule: Rule) -> str:
    if rule.kind != "recommend":
        return "what it asks for"
    if not rule.then:
        return "buying the recommended model"
    return "choosing " + " and ".join(s.text for s in rule.then)


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
        by = f"blocked by {refs(book, blockers)}"
        if len(bad) == len(where):
            message = f"default {label} is never selectable where it applies; {by}"
            out.append(_finding(WARNING, "default-blocked", rule, message, ALL, bad, blockers))
            continue
        for code in codes:
            here = [f for f in bad if f.market == code]
            if here:
                blockers = tuple(sorted({r for f in here for r in f.blocked_by.get(label, ())}))
                by = f"blocked by {refs(book, blockers)}"
                on = on_models(here, [f for f in where if f.market == code])
                message = f"default {label} is {by} in {code} {on}; another option is proposed"
                out.append(_finding(INFO, "default-blocked", rule, message, code, here, blockers))
    return out
