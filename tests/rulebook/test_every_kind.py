"""Every rule kind against brute force, and every explanation against an independent solver.

On small random rulebooks (randombooks.py: every kind, `if:`, filters, `offered`, `none`), the
engine's state of every option must equal brute-force enumeration of all trucks under an
independent reading of the rules (independent.py); every reason and violation it gives must be
a true conflict under the rules it cites, and a reason a minimal one; a drop must be needed,
enough and smallest. Sessions on the shipped catalogue that also "choose anyway" check the same.
"""

from __future__ import annotations

import random
from itertools import combinations, product
from pathlib import Path

import pytest

from catalog.rulebook import Engine, Rulebook, load_rulebook
from catalog.rulebook.engine.results import AVAILABLE, BLOCKED, REQUIRED, SELECTED, Configuration
from catalog.rulebook.model import Rule

from .independent import Reading, domains_of, parse
from .randombooks import VALUES, book_of, random_rules

HARD = ("requires", "excludes", "forbid", "require", "compare", "table")


def hard_rules(book: Rulebook, market: str, model: str) -> list[Rule]:
    m, t = book.markets[market], book.models[model]
    return [r for r in book.rules_for(m) if r.applies_to(m, t) and r.hard and r.kind in HARD]


def offered(book: Rulebook, market: str, model: str) -> dict[str, list[str]]:
    """Each group's values on this model: those an `offered` rule keeps elsewhere are gone."""
    m, t = book.markets[market], book.models[model]
    gone = set()
    for rule in book.rules_for(m):
        if (
            rule.kind == "offered"
            and rule.applies_to(m, t)
            and rule.on
            and not rule.on.matches(t.attr)
        ):
            gone |= {(sel.group, v) for sel in rule.then for v in sel.values}
    return {g: [v for v in values if (g, v) not in gone] for g, values in VALUES.items()}


def check_explanations(
    reading: Reading, rules: list[Rule], result: Configuration, chosen: dict[str, str]
) -> int:
    """Every violation and reason is a true conflict; every reason is minimal. Returns checks."""
    by_id = {r.id: r for r in rules}
    checks = 0
    claims: dict[tuple[str, ...], list[Rule]] = {}
    for violation in result.violations:
        if violation.severity == "error":
            claims.setdefault(violation.options, []).append(by_id[violation.rule])
    for options, cited in claims.items():
        assert reading.conflicts(cited, parse(options)), (options, [r.id for r in cited])
        checks += 1
    for group in result.groups:
        for option in group.options:
            if option.state != BLOCKED:
                continue
            assert option.reasons, (group.id, option.id)
            cited = [by_id[r.rule] for r in option.reasons]
            because = parse(option.reasons[0].because)
            assert all(parse(r.because) == because for r in option.reasons)
            assert group.id not in because
            claim = {**because, group.id: option.id}
            assert reading.conflicts(cited, claim), (group.id, option.id, claim)
            for rule in cited:  # minimal: without any one rule or choice it is no conflict
                assert not reading.conflicts([r for r in cited if r is not rule], claim)
            for g in because:
                rest = {k: v for k, v in claim.items() if k != g}
                assert not reading.conflicts(cited, rest), (claim, g)
            checks += 1
    return checks


def brute(book: Rulebook, market: str, model: str, reading: Reading) -> list[dict[str, str]]:
    rules = hard_rules(book, market, model)
    domains = reading.domains
    trucks = [dict(zip(domains, c, strict=True)) for c in product(*domains.values())]
    return [t for t in trucks if all(reading.holds(r, t) for r in rules)]


def expected_states(
    valid: list[dict[str, str]], domains: dict[str, list[str]], chosen: dict[str, str]
) -> dict[tuple[str, str], str]:
    out = {}
    fits = [t for t in valid if all(t[g] == v for g, v in chosen.items())]
    for group, values in domains.items():
        if group in chosen:
            rest = [t for t in valid if all(t[g] == v for g, v in chosen.items() if g != group)]
            for value in values:
                ok = any(t[group] == value for t in rest)
                out[(group, value)] = (
                    SELECTED if value == chosen[group] else AVAILABLE if ok else BLOCKED
                )
            continue
        possible = {t[group] for t in fits}
        for value in values:
            state = (
                BLOCKED if value not in possible else REQUIRED if len(possible) == 1 else AVAILABLE
            )
            out[(group, value)] = state
    return out


def fits(valid: list[dict[str, str]], chosen: dict[str, str]) -> bool:
    return any(all(t[g] == v for g, v in chosen.items()) for t in valid)


@pytest.mark.parametrize("seed", range(80))
def test_every_kind_agrees_with_brute_force(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    book = book_of(tmp_path, random_rules(rnd, most=6))
    engine = Engine(book)
    for model in ("truck", "van"):
        domains = offered(book, "AA", model)
        reading = Reading(book, "AA", model, domains)
        valid = brute(book, "AA", model, reading)
        rules = hard_rules(book, "AA", model)
        for _ in range(4):
            chosen = {g: rnd.choice(v) for g, v in domains.items() if rnd.random() < 0.4}
            result = engine.configure("AA", model, chosen)
            assert domains_of(result) == domains
            assert result.buyable == bool(valid)
            check_explanations(reading, rules, result, chosen)
            if not valid:
                continue
            if result.drop:
                assert result.drop_proven
                assert not fits(valid, chosen)
                dropped = parse(result.drop)
                assert fits(valid, {g: v for g, v in chosen.items() if g not in dropped})
                assert not any(
                    fits(valid, {g: v for g, v in chosen.items() if g not in set(drop)})
                    for size in range(len(dropped))
                    for drop in combinations(chosen, size)
                )
                continue
            got = {(g.id, o.id): o.state for g in result.groups for o in g.options}
            assert got == expected_states(valid, domains, chosen), (seed, model, chosen)
            proposal = {g.id: v for g in result.groups if (v := g.value or g.default)}
            assert fits(valid, proposal), proposal  # defaults complete the truck validly


SHIPPED = Engine(load_rulebook(Path(__file__).resolve().parents[2] / "rules"))
PAIRS = [(m, t) for m in SHIPPED.book.markets for t in SHIPPED.book.models]


@pytest.mark.parametrize(("market", "model"), PAIRS, ids=[f"{m}-{t}" for m, t in PAIRS])
def test_shipped_sessions_explain_truly(market: str, model: str) -> None:
    """Sessions that sometimes pick a blocked option: every answer's explanations hold."""
    rnd = random.Random(f"true-{market}-{model}")
    book = SHIPPED.book
    rules = hard_rules(book, market, model)
    first = SHIPPED.configure(market, model, {})
    reading = Reading(book, market, model, domains_of(first))
    checks = check_explanations(reading, rules, first, {})
    for _ in range(2):
        chosen: dict[str, str] = {}
        result = first
        for _ in range(8):
            group = rnd.choice(result.groups)
            states = [o for o in group.options if o.state != SELECTED]
            if not states:
                continue
            chosen[group.id] = rnd.choice(states).id
            result = SHIPPED.configure(market, model, chosen, changed=group.id)
            checks += check_explanations(reading, rules, result, chosen)
            if result.drop:
                change = {group.id: chosen[group.id]}
                if not reading.conflicts(rules, change):  # the change is kept if it can be
                    assert f"{group.id}={chosen[group.id]}" not in result.drop
                dropped = parse(result.drop)
                chosen = {g: v for g, v in chosen.items() if g not in dropped}
                assert not reading.conflicts(rules, chosen)
        verdict = SHIPPED.validate(market, model, chosen)
        for violation in verdict.violations:
            cited = [r for r in rules if r.id == violation.rule]
            assert reading.conflicts(cited, parse(violation.options)), violation
    assert checks
