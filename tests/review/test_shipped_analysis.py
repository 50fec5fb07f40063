"""The analysis of the shipped rules finds what BRIEF §4 says it must."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from catalog.rulebook import load_rulebook
from catalog.rulebook.engine.compiler import compile_space
from catalog.rulebook.engine.solving import Solving
from catalog.rulebook.model import Rulebook
from catalog.rulebook.review.analysis import analyse
from catalog.rulebook.review.counting import count_space
from catalog.rulebook.review.findings import WARNING, Analysis

from .rulesets import RULES

DAY = date(2026, 12, 2)  # the shipped rules as of one fixed day


@pytest.fixture(scope="module")
def book() -> Rulebook:
    return load_rulebook(RULES).as_of(DAY)


@pytest.fixture(scope="module")
def analysis(book: Rulebook) -> Analysis:
    return analyse(book)


def euro_4_impossible(book: Rulebook) -> set[str]:
    """Models whose every offered engine is below Euro 4, read straight from the catalogue."""
    engines = book.groups["engine"]
    return {
        m.id
        for m in book.models.values()
        if all(int(engines.option(e).attrs["emission"]) < 4 for e in m.offers["engine"])  # type: ignore[union-attr]
    }


def test_models_without_a_euro_4_engine_are_impossible_in_kz_and_uz_only(
    analysis: Analysis, book: Rulebook
) -> None:
    expected = euro_4_impossible(book)
    assert "x5000-tractor-6x4" in expected and "f3000-dump-6x4" in expected
    assert "l3000-dump-4x2" not in expected  # the list prices a swap to the Euro V WP7.240E51
    unbuyable = {(f.market, f.item) for f in analysis.findings if f.kind == "unbuyable"}
    assert unbuyable == {(m, model) for m in ("KZ", "UZ") for model in expected}
    rules = {f.rules for f in analysis.findings if f.kind == "unbuyable"}
    assert rules == {("kz-euro-4-minimum",), ("uz-euro-4-minimum",)}
    assert all(f.severity == WARNING for f in analysis.findings if f.kind == "unbuyable")
    assert analysis.spaces[("TJ", "x5000-tractor-6x4")].buyable


def test_the_kz_12_speed_rule_is_redundant(analysis: Analysis) -> None:
    redundant = {f.item: f for f in analysis.findings if f.kind == "redundant-rule"}
    assert "kz-long-haul-12-speed" in redundant
    line = redundant["kz-long-haul-12-speed"].source
    assert line.startswith("rules/markets/kz.yaml:")
    assert (
        "- id: kz-long-haul-12-speed"
        in (RULES.parent / line.split(":")[0])
        .read_text(encoding="utf-8")
        .splitlines()[int(line.split(":")[1]) - 1]
    )
    assert "kz-euro-4-minimum" not in redundant


def test_the_shipped_rules_have_no_errors(analysis: Analysis) -> None:
    assert analysis.ok, [f.line() for f in analysis.findings if f.severity == "error"]


def test_counts_of_the_shipped_rules(analysis: Analysis) -> None:
    counts = analysis.to_json()["counts"]
    assert counts["KZ"]["x5000-tractor-6x4"]["count"] == 0
    assert counts["TM"]["x3000-tractor-6x4"]["count"] > 0
    assert all(c["exact"] for market in counts.values() for c in market.values())


def test_a_shipped_count_equals_brute_force(book: Rulebook) -> None:
    """The counter on the shipped rules, with every group outside FREE pinned to one value."""
    market, model = "TM", "l3000-dump-4x2"
    space = compile_space(book, book.markets[market], book.models[model])
    pinned = {g: d[0] for g, d in space.domains.items() if g not in FREE}
    pinned.update(PINNED)
    keep = {space.var[(g, v)] for g, d in space.domains.items() for v in d if g in FREE}
    keep |= {space.var[(g, v)] for g, v in pinned.items()}
    count = count_space(space, keep)
    expected = brute_force_pinned(book, market, model, pinned)
    assert count.value == expected > 10


FREE = ("engine", "deflector", "battery", "heater", "steering", "abs", "asr", "cab_insulation")
PINNED = {"fuel_piping": "low-temp"}


def brute_force_pinned(book: Rulebook, market: str, model: str, pinned: dict[str, str]) -> int:
    """Try every combination of the free groups' values, the others as pinned."""
    space = compile_space(book, book.markets[market], book.models[model])
    solving = Solving(space)
    fixed = [space.var[(g, v)] for g, v in pinned.items()]
    free = [[space.var[(g, v)] for v in space.domains[g]] for g in FREE]
    found = sum(1 for combo in product(*free) if solving.consistent([*fixed, *combo]))
    solving.close()
    return found
