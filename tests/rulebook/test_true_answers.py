"""Every violation, drop and blocked-option reason the engine reports is true.

Random sessions on the sample and on generated models go through Engine.configure, sometimes
choosing a blocked option on purpose ("Choose anyway"). Each answer is checked by an independent
solver (bench/reference.py: its own reading of the rules and its own clauses, no engine code):

- every option state equals the reference's;
- a violation's named choices really conflict under the cited rules, and without them the
  remaining choices no longer conflict under those rules;
- the drop leaves a consistent selection, and no smaller drop does;
- a blocked option's reason (rules and choices) really rules the option out.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.bigtables import generate_big_tables
from bench.generate import generate_rules
from catalog.rulebook import Engine, load_rulebook
from catalog.rulebook.engine import solving
from catalog.rulebook.engine.explain import together
from catalog.rulebook.engine.results import AVAILABLE, BLOCKED, REQUIRED, SELECTED

from .checker import Checker, parse

ROOT = Path(__file__).resolve().parents[2]


def check_answer(
    check: Checker, result: object, chosen: dict[str, str], changed: str | None
) -> dict[str, str]:
    """Assert everything the answer claims; return the selections it keeps."""
    kept = {g: v for g, v in chosen.items() if f"{g}={v}" not in result.drop}
    if result.drop:
        assert not check.consistent(chosen), ("a drop where nothing conflicts", chosen, result.drop)
        assert check.consistent(kept), ("the drop leaves a conflict", chosen, result.drop)
        assert changed not in parse(result.drop), "the drop removes the choice just made"
        smaller = check.drop_of(chosen, changed, len(result.drop) - 1)
        assert not smaller, ("a smaller drop exists", chosen, result.drop)
    elif result.buyable:
        assert check.consistent(chosen) and not result.violations, (chosen, result.violations)
    cited: dict[tuple[str, ...], set[str]] = {}
    for violation in result.violations:
        cited.setdefault(violation.options, set()).add(violation.rule)
    for labels, rule_ids in cited.items():
        named = parse(labels)
        assert named.items() <= chosen.items(), ("a violation names a choice not made", labels)
        assert not check.consistent(named, rule_ids), ("no conflict", labels, rule_ids, chosen)
        if named:  # (none named: the rules alone leave the model unbuyable)
            rest = {g: v for g, v in chosen.items() if g not in named}
            assert check.consistent(rest, rule_ids), ("conflict stays", labels, rule_ids)
    states = check.ref.step(kept) if result.buyable else {g: set() for g in check.problem.domains}
    for group in result.groups:
        for option in group.options:
            if option.state == BLOCKED:
                check_reason(check, kept, group.id, option)
            if group.id in kept:
                expected = SELECTED if option.id == kept[group.id] else AVAILABLE
                expected = expected if option.id in states[group.id] else BLOCKED
            else:
                only = len(states[group.id]) == 1
                expected = (
                    (REQUIRED if only else AVAILABLE) if option.id in states[group.id] else BLOCKED
                )
            assert option.state == expected, (group.id, option.id, option.state, expected, kept)
    return kept


def check_reason(check: Checker, kept: dict[str, str], group: str, option: object) -> None:
    assert option.reasons, ("blocked without a reason", group, option.id)
    in_effect = {g: v for g, v in kept.items() if g != group}
    for reason in option.reasons:
        because = parse(reason.because)
        assert because.items() <= in_effect.items(), (
            "a reason names a choice not in effect",
            reason,
        )
    rule_ids = {r.rule for r in option.reasons}
    because = parse(label for r in option.reasons for label in r.because)
    trial = {**because, group: option.id}
    assert not check.consistent(trial, rule_ids), (
        "the reason does not rule it out",
        group,
        option.id,
        option.reasons,
    )


def sessions(
    engine: Engine, market: str, model: str, rnd: random.Random, count: int, steps: int
) -> int:
    """Random sessions with "choose anyway" steps; returns how many answers were checked."""
    check = Checker(engine.book, market, model)
    checked = 0
    for _ in range(count):
        chosen: dict[str, str] = {}
        changed = None
        for _ in range(steps):
            result = engine.configure(market, model, chosen, changed=changed)
            chosen = check_answer(check, result, chosen, changed)
            checked += 1
            if not result.buyable:
                return checked
            blocked = [
                (g.id, o.id)
                for g in result.groups
                for o in g.options
                if o.state == BLOCKED and check.consistent({g.id: o.id})  # not dead
            ]
            free = [
                (g.id, o.id)
                for g in result.groups
                if g.value is None
                for o in g.options
                if o.state == AVAILABLE
            ]
            pool = blocked if blocked and (rnd.random() < 0.35 or not free) else free
            if not pool:
                break
            changed, value = rnd.choice(pool)
            chosen = {**chosen, changed: value}
    return checked


SAMPLE = Engine(load_rulebook(ROOT / "rules"))


@pytest.mark.parametrize("market", sorted(SAMPLE.book.markets))
def test_sample_answers_are_true(market: str) -> None:
    rnd = random.Random(market)
    # six models per market, drawn anew per market: all 76 x 5 take many minutes on 2 cores
    for model in rnd.sample(sorted(SAMPLE.book.models), 6):
        assert sessions(SAMPLE, market, model, rnd, 2, 14) > 0


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = generate_rules(tmp_path_factory.mktemp("gen") / "rules", groups=40, rules=300, seed=3)
    return Engine(load_rulebook(folder))


@pytest.mark.slow  # minutes per model on 2 cores: pytest --runslow
@pytest.mark.parametrize("seed", range(3))
def test_generated_answers_are_true(generated: Engine, seed: int) -> None:
    model = sorted(generated.book.models)[seed]
    assert sessions(generated, "AA", model, random.Random(seed), 3, 25) > 0


@pytest.mark.slow  # pytest --runslow
def test_big_tables_answers_are_true(tmp_path: Path) -> None:
    folder = generate_big_tables(tmp_path / "rules", seed=5, groups=30, tables=25, rows_min=0)
    engine = Engine(load_rulebook(folder))
    assert sessions(engine, "AA", "big-tractor", random.Random(5), 3, 25) > 0


def test_reasons_past_the_cutoff_are_true(
    generated: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no time left for searches, blocked values share one conflict per call: it must
    still rule out each of them (and a later call explains them again)."""
    shared = []

    def spy(*args: object) -> object:
        found = together(*args)  # type: ignore[arg-type]
        shared.append(found)
        return found

    monkeypatch.setattr(solving, "REASONS_UNTIL", 0.0)
    monkeypatch.setattr(solving, "together", spy)
    engine = Engine(generated.book)  # its own spaces: no reason kept from other tests
    model = sorted(engine.book.models)[0]
    assert sessions(engine, "AA", model, random.Random(7), 2, 8) > 0
    assert shared and all(found is not None for found in shared)
