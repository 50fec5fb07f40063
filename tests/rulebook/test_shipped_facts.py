"""What the dealer's price list and MARKET_FACTS §2 say the shipped rules must do, checked
through the engine as of fixed days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from catalog.rulebook import load_rulebook
from catalog.rulebook.asof import DatedEngines
from catalog.rulebook.engine.results import Configuration

ROOT = Path(__file__).resolve().parents[2]
BOOK = load_rulebook(ROOT / "rules")
ENGINES = DatedEngines(BOOK)
DAY = date(2026, 12, 2)
ENGINE = ENGINES.on(DAY)
MARKETS = ["KG", "KZ", "TJ", "TM", "UZ"]
SAMPLE_IDS = [
    "x3000-tractor-6x4", "x5000-tractor-6x4", "x6000-tractor-4x2", "x6000-tractor-6x4",
    "x5000-tractor-4x2-cng", "x3000-dump-6x4", "f3000-dump-6x4", "x3000-dump-8x4",
    "x3000-dump-6x6", "l3000-dump-4x2", "x3000-mixer-6x4", "l3000-cargo-6x4", "x3000-cargo-6x4",
]  # fmt: skip


def option(result: Configuration, group: str, value: str) -> tuple[str, list[str], list[str]]:
    found = next(g for g in result.groups if g.id == group)
    opt = next(o for o in found.options if o.id == value)
    return opt.state, [r.rule for r in opt.reasons], [r.source for r in opt.reasons]


def price(result: Configuration, group: str, value: str) -> int:
    found = next(g for g in result.groups if g.id == group)
    return next(o.price for o in found.options if o.id == value)


def line_of(source: str) -> str:
    path, _, line = source.rpartition(":")
    return (ROOT / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]


def test_every_row_of_the_three_lists_is_a_model_citing_its_row() -> None:
    lists = {"KZ": "哈萨克", "UZ": "乌兹别克", "CA3": "中亚三国"}
    rows = {(m.attr("price_list"), str(m.attr("source"))) for m in BOOK.models.values()}
    assert len(rows) == len(BOOK.models) == 76  # 78 rows, two with estimated prices left out
    for model in BOOK.models.values():
        source = str(model.attr("source"))
        assert lists[str(model.attr("price_list"))] in source and ", row " in source
        assert str(model.attr("code")).startswith("SX")
        assert model.attr("mass_placeholder") is True
    counts = {k: sum(1 for m in BOOK.models.values() if m.attr("price_list") == k) for k in lists}
    assert counts == {"KZ": 27, "UZ": 10, "CA3": 39}
    assert set(SAMPLE_IDS) <= set(BOOK.models)  # stored orders refer to them


def test_kz_blocks_euro_ii_engines_citing_the_emission_rule() -> None:
    result = ENGINE.configure("KZ", "kz-sx42554v324", {})
    state, rules, sources = option(result, "engine", "WP12.430E201")
    assert (state, rules) == ("blocked", ["kz-euro-4-minimum"])
    assert sources[0].startswith("rules/markets/kz.yaml:")
    assert "kz-euro-4-minimum" in line_of(sources[0])
    assert option(result, "engine", "WP13.500E201")[0] == "blocked"  # E201: Euro II as well
    assert option(result, "engine", "WP12.430E50")[0] == "required"
    assert price(result, "engine", "WP12.430E50") == 32000  # engine_swaps.json, priced from E201


def test_e3x_engines_are_euro_iii() -> None:
    engines = BOOK.groups["engine"]
    for code in ("WP6.180E32", "WP10.340E32", "WP10.380E32", "WP6.210E32"):
        assert engines.option(code).attrs["emission"] == 3, code  # type: ignore[union-attr]
    assert engines.option("WP12.430E201").attrs["emission"] == 2  # type: ignore[union-attr]
    assert engines.option("WP12.430E50").attrs["emission"] == 5  # type: ignore[union-attr]


def test_engine_and_gearbox_swaps_carry_the_list_prices() -> None:
    result = ENGINE.configure("TM", "x3000-tractor-6x4", {})
    assert price(result, "engine", "WP12.430E201") == 0
    assert price(result, "engine", "WP13.500E201") == 14000
    assert price(result, "gearbox", "12JSDX220T-B") == 1200
    assert price(result, "gearbox", "12JSDX240T") == 3000
    assert price(result, "gearbox", "SF16JZ240") == 13000


def test_the_euro_ii_8x4_dump_is_quoted_at_its_own_price() -> None:
    euro_5 = BOOK.models["x3000-dump-8x4"]  # KZ list, WP12.430E50
    euro_2 = BOOK.models["ca3-sx33156v386"]  # three-countries list, WP12.430E201
    assert euro_5.price - euro_2.price == 45600
    assert euro_2.standard["engine"] == "WP12.430E201"


@pytest.mark.parametrize("market", MARKETS)
def test_every_market_requires_the_insulated_cab_and_an_air_heater(market: str) -> None:
    result = ENGINE.configure(market, "x3000-dump-6x4", {})
    state, rules, _ = option(result, "cab_insulation", "insulated")
    assert (state, rules) == ("required", ["ca-insulated-cab"])
    heater = {o.id: o.state for g in result.groups if g.id == "heater" for o in g.options}
    assert heater["air-4kw-imported"] == heater["air-domestic"] == "available"
    assert heater["none"] == "blocked"
    # the 9 kW coolant heater is the engine pre-heater, beside the cab heater, never instead
    assert option(result, "engine_preheater", "coolant-9kw")[0] == "available"
    lhd = option(result, "steering", "lhd")[0]
    assert lhd == ("available" if market == "UZ" else "required")  # UZ: not confirmed


def test_the_cold_package_is_company_policy_not_law() -> None:
    rule = BOOK.rule("ca-insulated-cab")
    assert rule is not None and rule.reference.startswith("Company policy, not law")


def test_altitude_is_advice_by_route_not_a_calibration() -> None:
    assert "engine_calibration" not in BOOK.groups
    result = ENGINE.configure("TJ", "x3000-dump-6x4", {"retarder": "without"})
    assert result.valid is False  # incomplete, but nothing about altitude blocks it
    assert "tj-mountain-passes" not in {v.rule for v in result.violations}
    assert any(r.rule == "tj-mountain-passes" for r in result.warnings)


@pytest.mark.parametrize("market", ["KZ", "UZ"])
def test_the_l3000_dump_needs_its_euro_v_swap_in_kz_and_uz(market: str) -> None:
    result = ENGINE.configure(market, "l3000-dump-4x2", {})
    assert result.buyable
    state, rules, _ = option(result, "engine", "WP6.180E32")  # E32: Euro III
    assert (state, rules) == ("blocked", [f"{market.lower()}-euro-4-minimum"])
    assert option(result, "engine", "WP7.240E51")[0] == "required"
    assert price(result, "engine", "WP7.240E51") == 33500
    assert ENGINE.configure("TJ", "l3000-dump-4x2", {}).buyable


def test_markets_list_their_recommended_models_first() -> None:
    kz = [ENGINE.book.models[o.id] for o in ENGINE.models_for("KZ")]
    assert kz[0].attr("body") == "tractor" and kz[0].attr("price_list") == "KZ"
    tj = [ENGINE.book.models[o.id] for o in ENGINE.models_for("TJ")]
    assert tj[0].attr("body") == "dump" and tj[0].attr("price_list") == "CA3"


@pytest.mark.parametrize("market", ["KZ", "KG"])
def test_the_emergency_call_is_advice_until_2027_and_required_from_2028(market: str) -> None:
    late_2027 = ENGINES.on(date(2027, 12, 31)).configure(market, "x3000-dump-6x4", {})
    assert option(late_2027, "emergency_call", "none")[0] == "available"
    assert option(late_2027, "emergency_call", "era-glonass")[0] == "available"
    early_2028 = ENGINES.on(date(2028, 1, 1)).configure(market, "x3000-dump-6x4", {})
    state, rules, _ = option(early_2028, "emergency_call", "era-glonass")
    assert (state, rules) == ("required", ["ca-emergency-call"])
    name = BOOK.groups["emergency_call"].option("era-glonass").name["en"]  # type: ignore[union-attr]
    assert "ERA-GLONASS" in name and "EVAK" in name


def test_no_emergency_call_rule_outside_the_eaeu() -> None:
    for market in ("TJ", "TM", "UZ"):
        result = ENGINES.on(date(2028, 1, 1)).configure(market, "x3000-dump-6x4", {})
        assert option(result, "emergency_call", "none")[0] == "available", market


@pytest.mark.parametrize("market", ["KZ", "UZ", "TM"])
def test_international_tractors_need_an_aetr_tachograph(market: str) -> None:
    result = ENGINE.configure(market, "x5000-tractor-4x2-cng", {})
    state, rules, _ = option(result, "tachograph", "aetr-digital")
    assert (state, rules) == ("required", [f"{market.lower()}-aetr-tachograph"])
    # the GB/T 19056 recorder pre-wiring is something else, priced 200 on the list
    assert option(result, "driving_recorder", "prewired")[0] == "available"
    assert price(result, "driving_recorder", "prewired") == 200


def test_no_aetr_rule_where_membership_is_not_confirmed() -> None:
    for market in ("KG", "TJ"):
        result = ENGINE.configure(market, "x5000-tractor-4x2-cng", {})
        assert option(result, "tachograph", "none")[0] == "available", market


def test_changing_your_mind_names_the_choices_that_must_go() -> None:
    chosen = {"cab": "high-roof", "deflector": "roof-side"}
    first = ENGINE.configure("TM", "x3000-dump-6x4", chosen)
    assert option(first, "cab", "flat-roof")[0] == "blocked"
    result = ENGINE.configure("TM", "x3000-dump-6x4", {**chosen, "cab": "flat-roof"}, changed="cab")
    assert result.drop == ["deflector=roof-side"]
    assert option(result, "cab", "flat-roof")[0] == "selected"


def test_price_adds_the_options_to_the_base() -> None:
    result = ENGINE.configure("TM", "x3000-dump-6x4", {"cab": "high-roof"})
    lines = {(line.group, line.price) for line in result.price.options}
    assert ("cab", 3000) in lines and ("cab_insulation", 1000) in lines  # acc 12, 242
    assert result.price.base == 306670
    assert result.price.total == 306670 + sum(price for _, price in lines)


def test_mass_limits_as_the_sources_give_them() -> None:
    kz = BOOK.markets["KZ"].as_of(DAY).mass_limits
    assert kz is not None and kz.by_axles == {3: 25, 4: 32, 5: 38, 6: 44}
    tj = BOOK.markets["TJ"].as_of(DAY).mass_limits
    assert tj is not None and tj.by_axles == {} and tj.max == 40  # an overall maximum only
    assert BOOK.markets["UZ"].as_of(DAY).mass_limits is None  # not confirmed
