"""Each analysis on small inline rule sets whose answers are known."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.rulebook.review.analysis import analyse
from catalog.rulebook.review.findings import ERROR, INFO, WARNING, Analysis

from .rulesets import load


def kinds(analysis: Analysis, kind: str) -> list[tuple[str, str, str]]:
    return [(f.severity, f.market, f.item) for f in analysis.findings if f.kind == kind]


def test_model_a_market_can_never_buy_is_a_warning_of_that_market(tmp_path: Path) -> None:
    euro = """
    - id: euro-5
      kind: compare
      left: engine.emission
      op: ">="
      right: market.min_emission
    """
    book = load(tmp_path, markets={"AA": euro, "BB": ""})
    analysis = analyse(book)
    assert kinds(analysis, "unbuyable") == [(WARNING, "AA", "small")]
    finding = next(f for f in analysis.findings if f.kind == "unbuyable")
    assert finding.rules == ("euro-5",)
    assert finding.source == "rules/catalogue/models.yaml:3"
    assert "euro-5 (rules/markets/aa.yaml:4)" in finding.message
    assert analysis.ok
    assert not analysis.spaces[("AA", "small")].buyable
    assert analysis.spaces[("BB", "small")].buyable


def test_model_no_market_can_buy_and_empty_market_are_errors(tmp_path: Path) -> None:
    book = load(tmp_path, "- {id: no-e2, kind: forbid, options: engine=e2, models: {id: small}}")
    analysis = analyse(book)
    assert kinds(analysis, "never-buyable") == [(ERROR, "", "small")]
    assert not analysis.ok
    book = load(tmp_path, "- {id: no-paint, kind: forbid, options: paint}")
    assert kinds(analyse(book), "empty-market") == [(ERROR, "AA", "AA")]


def test_dead_options_everywhere_and_in_one_market(tmp_path: Path) -> None:
    rules = "- {id: no-blue, kind: forbid, options: paint=blue}"
    red = "- {id: aa-no-red, kind: forbid, options: paint=red, models: {id: big}}"
    analysis = analyse(load(tmp_path, rules, markets={"AA": red, "BB": ""}))
    dead = kinds(analysis, "dead-option")
    assert (WARNING, "", "paint=blue") in dead
    assert (INFO, "AA", "paint=red") in dead
    assert ("", "BB", "paint=red") not in [(s, m, i) for s, m, i in dead if m == "BB"]
    red_finding = next(f for f in analysis.findings if f.item == "paint=red")
    assert red_finding.models == ("big",)
    assert red_finding.rules == ("aa-no-red",)
    assert red_finding.source == "rules/catalogue/groups.yaml:14"


def test_forced_options_are_base_equipment_candidates(tmp_path: Path) -> None:
    layer = "- {id: must-air, kind: require, options: heater=air}"
    analysis = analyse(load(tmp_path, layer=layer))
    forced = kinds(analysis, "forced-option")
    assert (INFO, "", "heater=air") in forced
    # e2 is the only engine offered on `small` and never chosen on `big`: not a candidate
    assert all(item != "engine=e2" for _, _, item in forced)


def test_redundant_rules_are_found_with_what_implies_them(tmp_path: Path) -> None:
    rules = """
    - {id: no-water, kind: forbid, options: heater=water}
    - {id: water-needs-red, kind: requires, if: heater=water, then: paint=red}
    - id: torque
      kind: compare
      left: engine.torque
      op: "<="
      right: gearbox.input
    - id: pairs
      kind: table
      groups: [engine, gearbox]
      rows: [[e2, "*"], [e5, g20], [e5, g30], [e6, g30]]
    - {id: twelve, kind: compare, left: gearbox.speeds, op: ">=", right: 12}
    """
    analysis = analyse(load(tmp_path, rules))
    redundant = {f.item: f for f in analysis.findings if f.kind == "redundant-rule"}
    assert set(redundant) == {"water-needs-red", "torque", "pairs", "twelve"}
    assert redundant["water-needs-red"].rules == ("no-water",)
    assert redundant["torque"].rules == ("pairs",)
    assert redundant["pairs"].rules == ("torque",)
    assert "it and pairs imply each other: remove one, not both" in redundant["torque"].message
    assert "imply each other" not in redundant["water-needs-red"].message
    assert "never excludes anything" in redundant["twelve"].message
    assert all(f.severity == WARNING for f in redundant.values())


def test_a_table_that_allows_more_than_the_others_is_not_redundant(tmp_path: Path) -> None:
    rules = """
    - id: pairs
      kind: table
      groups: [engine, gearbox]
      rows: [[e2, "*"], [e5, g20], [e6, g30]]
    """
    analysis = analyse(load(tmp_path, rules))
    assert kinds(analysis, "redundant-rule") == []


def test_rule_that_never_applies(tmp_path: Path) -> None:
    rules = "- {id: ghost, kind: forbid, options: paint=red, models: {body: mixer}}"
    assert kinds(analyse(load(tmp_path, rules)), "never-applies") == [(WARNING, "", "ghost")]


@pytest.mark.parametrize(
    ("advice", "expected"),
    [
        ("- {id: rec, kind: recommend, options: paint=blue}", [(ERROR, "", "rec")]),
        (
            "- {id: rec, kind: recommend, options: paint=blue, models: {id: big}}",
            [(ERROR, "", "rec")],
        ),
        ("- {id: rec, kind: recommend, options: paint=red}", []),
        ("- {id: adv, kind: require, severity: advice, options: paint=blue}", [(ERROR, "", "adv")]),
        (
            "- {id: adv, kind: requires, severity: advice, if: paint=white, then: paint=blue}",
            [],  # followed by not choosing white
        ),
    ],
    ids=["recommend", "recommend-on-one-model", "followable", "advice-require", "advice-if"],
)
def test_advice_that_contradicts_a_hard_rule(
    tmp_path: Path, advice: str, expected: list[tuple[str, str, str]]
) -> None:
    rules = "- {id: no-blue, kind: forbid, options: paint=blue}\n" + advice
    analysis = analyse(load(tmp_path, rules))
    assert kinds(analysis, "advice-contradicts") == expected


def test_advice_blocked_in_one_market_only_is_a_warning(tmp_path: Path) -> None:
    rules = "- {id: rec, kind: recommend, options: paint=blue}"
    blue = "- {id: aa-no-blue, kind: forbid, options: paint=blue}"
    analysis = analyse(load(tmp_path, rules, markets={"AA": blue, "BB": ""}))
    assert kinds(analysis, "advice-contradicts") == [(WARNING, "AA", "rec")]


def test_recommended_model_the_market_cannot_buy(tmp_path: Path) -> None:
    rules = "- {id: rec-small, kind: recommend, models: {id: small}}"
    no_e2 = "- {id: no-e2, kind: forbid, options: engine=e2}"
    analysis = analyse(load(tmp_path, rules, markets={"AA": no_e2, "BB": ""}))
    assert kinds(analysis, "advice-contradicts") == [(WARNING, "AA", "rec-small")]


def test_default_that_is_never_selectable(tmp_path: Path) -> None:
    rules = """
    - {id: no-red, kind: forbid, options: paint=red}
    - {id: red-default, kind: default, group: paint, option: red}
    """
    assert kinds(analyse(load(tmp_path, rules)), "default-blocked") == [
        (WARNING, "", "red-default")
    ]


def test_market_selection_limits_the_analysis(tmp_path: Path) -> None:
    book = load(tmp_path, markets={"AA": "", "BB": ""})
    analysis = analyse(book, ["BB"])
    assert analysis.markets == ["BB"]
    assert {m for m, _ in analysis.spaces} == {"BB"}
    with pytest.raises(KeyError, match="ZZ"):
        analyse(book, ["ZZ"])


def test_json_keeps_errors_and_warnings_apart(tmp_path: Path) -> None:
    rules = """
    - {id: no-blue, kind: forbid, options: paint=blue}
    - {id: rec, kind: recommend, options: paint=blue}
    """
    data = analyse(load(tmp_path, rules)).to_json()
    assert data["ok"] is False
    assert [e["item"] for e in data["errors"]] == ["rec"]
    assert {"paint=blue"} <= {w["item"] for w in data["warnings"]}
    assert data["counts"]["AA"]["small"] == {
        "buyable": True,
        "count": 2 * 3,
        "exact": True,
        "lower_bound": 2 * 3,
        "upper_bound": 2 * 3,
    }
