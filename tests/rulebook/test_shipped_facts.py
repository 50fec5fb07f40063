"""What the brief says the shipped rules must do, checked through the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.rulebook import Engine, load_rulebook
from catalog.rulebook.engine.results import Configuration

ROOT = Path(__file__).resolve().parents[2]
ENGINE = Engine(load_rulebook(ROOT / "rules"))
MARKETS = ["KG", "KZ", "TJ", "TM", "UZ"]


def option(result: Configuration, group: str, value: str) -> tuple[str, list[str], list[str]]:
    found = next(g for g in result.groups if g.id == group)
    opt = next(o for o in found.options if o.id == value)
    return opt.state, [r.rule for r in opt.reasons], [r.source for r in opt.reasons]


def line_of(source: str) -> str:
    path, _, line = source.rpartition(":")
    return (ROOT / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]


def test_kz_blocks_euro_ii_engines_citing_the_emission_rule() -> None:
    result = ENGINE.configure("KZ", "x3000-tractor-6x4", {})
    state, rules, sources = option(result, "engine", "WP12.430E201")
    assert (state, rules) == ("blocked", ["kz-euro-4-minimum"])
    assert sources[0].startswith("rules/markets/kz.yaml:")
    assert "kz-euro-4-minimum" in line_of(sources[0])
    assert option(result, "engine", "WP12.430E50")[0] == "available"


@pytest.mark.parametrize("market", MARKETS)
def test_every_market_requires_the_insulated_cab_and_an_air_heater(market: str) -> None:
    result = ENGINE.configure(market, "x3000-dump-6x4", {})
    state, rules, _ = option(result, "cab_insulation", "insulated")
    assert (state, rules) == ("required", ["ca-insulated-cab"])
    heater = {o.id: o.state for g in result.groups if g.id == "heater" for o in g.options}
    assert heater["air-4kw-imported"] == heater["air-domestic"] == "available"
    assert heater["water-9kw"] == heater["none"] == "blocked"
    assert option(result, "steering", "lhd")[0] == "required"


def test_tj_requires_the_high_altitude_calibration() -> None:
    result = ENGINE.configure("TJ", "x3000-dump-6x4", {})
    state, rules, _ = option(result, "engine_calibration", "high-altitude")
    assert (state, rules) == ("required", ["tj-high-altitude-calibration"])
    assert option(result, "engine_calibration", "high-altitude")[0] == "required"


@pytest.mark.parametrize("market", ["KZ", "UZ"])
def test_the_l3000_dump_has_no_valid_truck_in_kz_and_uz(market: str) -> None:
    result = ENGINE.configure(market, "l3000-dump-4x2", {})
    assert not result.buyable and not result.valid
    assert {v.rule for v in result.violations} == {f"{market.lower()}-euro-4-minimum"}
    assert all(o.state == "blocked" for g in result.groups for o in g.options)
    offers = {o.id: o.buyable for o in ENGINE.models_for(market)}
    assert offers["l3000-dump-4x2"] is False
    assert ENGINE.configure("TJ", "l3000-dump-4x2", {}).buyable


def test_markets_list_their_recommended_models_first() -> None:
    kz = [ENGINE.book.models[o.id].attr("body") for o in ENGINE.models_for("KZ")]
    tj = [ENGINE.book.models[o.id].attr("body") for o in ENGINE.models_for("TJ")]
    assert kz[:5] == ["tractor"] * 5
    assert tj[:5] == ["dump"] * 5


def test_eaeu_members_require_era_glonass() -> None:
    for market, required in (("KZ", True), ("KG", True), ("TJ", False), ("UZ", False)):
        state = option(
            ENGINE.configure(market, "x3000-dump-6x4", {}), "emergency_call", "era-glonass"
        )
        assert (state[0] == "required") is required, market


def test_changing_your_mind_names_the_choices_that_must_go() -> None:
    chosen = {"engine": "WP13.550E501", "gearbox": "12JSDX240TA"}
    first = ENGINE.configure("KZ", "x3000-tractor-6x4", chosen)
    assert option(first, "gearbox", "12JSD200T-B")[0] == "blocked"
    result = ENGINE.configure(
        "KZ", "x3000-tractor-6x4", {**chosen, "gearbox": "12JSD200T-B"}, changed="gearbox"
    )
    assert result.drop == ["engine=WP13.550E501"]
    assert option(result, "gearbox", "12JSD200T-B")[0] == "selected"


def test_price_adds_the_options_to_the_base() -> None:
    result = ENGINE.configure("TM", "x3000-tractor-6x4", {"cab": "high-roof"})
    lines = {(line.group, line.price) for line in result.price.options}
    assert ("cab", 6000) in lines and ("cab_insulation", 1000) in lines
    assert result.price.total == 310200 + sum(price for _, price in lines)
