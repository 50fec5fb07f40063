"""Each rule kind on a small inline catalogue: what it blocks or forces, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.rulebook import Engine, SelectionError, load_rulebook
from catalog.rulebook.engine.results import Configuration

from .folders import make, rules


def engine(tmp_path: Path, **files: str) -> Engine:
    return Engine(load_rulebook(make(tmp_path, **files)))


def states(result: Configuration, group: str) -> dict[str, str]:
    found = next(g for g in result.groups if g.id == group)
    return {o.id: o.state for o in found.options}


def reasons(result: Configuration, group: str, option: str) -> list[tuple[str, str]]:
    found = next(g for g in result.groups if g.id == group)
    opt = next(o for o in found.options if o.id == option)
    return [(r.rule, r.source) for r in opt.reasons]


def test_requires_forces_the_target_and_blocks_the_rest(tmp_path: Path) -> None:
    text = rules("""
        - id: cng-needs-cylinders
          kind: requires
          if: engine=c5
          then: tank=cyl
          message: {en: CNG needs cylinders., ru: Нужны баллоны.}
    """)
    result = engine(tmp_path, catalogue__rules_yaml=text).configure(
        "AA", "truck", {"engine": "c5"}, lang="ru"
    )
    assert states(result, "tank") == {"t400": "blocked", "t800": "blocked", "cyl": "required"}
    assert reasons(result, "tank", "t400") == [
        ("cng-needs-cylinders", "rules/catalogue/rules.yaml:2")
    ]
    found = next(g for g in result.groups if g.id == "tank")
    assert found.options[0].reasons[0].message == "Нужны баллоны."
    assert found.options[0].reasons[0].because == ("engine=c5",)


def test_excludes_with_an_attribute_selector(tmp_path: Path) -> None:
    text = rules("""
        - {id: no-cyl-on-diesel, kind: excludes, if: "engine[fuel=diesel]", then: tank=cyl}
    """)
    result = engine(tmp_path, catalogue__rules_yaml=text).configure("AA", "truck", {"engine": "e5"})
    assert states(result, "tank")["cyl"] == "blocked"
    assert states(result, "tank")["t400"] == "available"


def test_offered_takes_the_option_off_other_models(tmp_path: Path) -> None:
    text = rules("""
        - {id: winch-on-tractors, kind: offered, options: extras=winch, on: {body: tractor}}
    """)
    eng = engine(tmp_path, catalogue__rules_yaml=text)
    assert "winch" in states(eng.configure("AA", "truck", {}), "extras")
    assert "winch" not in states(eng.configure("AA", "van", {}), "extras")
    with pytest.raises(SelectionError) as caught:
        eng.configure("AA", "van", {"extras": "winch"})
    assert "winch-on-tractors" in caught.value.errors["extras"]


def test_market_require_and_forbid(tmp_path: Path) -> None:
    market = """
        market: {code: AA, attrs: {min_emission: 4}}
        rules:
          - {id: aa-long-tank, kind: require, options: tank=t800|cyl}
          - {id: aa-no-cng, kind: forbid, options: engine=c5}
    """
    result = engine(tmp_path, markets__aa_yaml=market).configure("AA", "truck", {})
    assert states(result, "engine")["c5"] == "blocked"
    assert states(result, "tank") == {"t400": "blocked", "t800": "available", "cyl": "available"}
    assert reasons(result, "tank", "t400") == [("aa-long-tank", "rules/markets/aa.yaml:3")]


def test_compare_between_groups_and_with_the_market(tmp_path: Path) -> None:
    market = """
        market: {code: AA, attrs: {min_emission: 4}}
        rules:
          - {id: aa-euro-4, kind: compare, left: engine.emission, op: ">=",
             right: market.min_emission}
    """
    text = rules("""
        - {id: torque-fits, kind: compare, left: engine.torque, op: "<=", right: gearbox.input}
    """)
    eng = engine(tmp_path, catalogue__rules_yaml=text, markets__aa_yaml=market)
    result = eng.configure("AA", "truck", {"gearbox": "g20"})
    assert states(result, "engine") == {"e2": "blocked", "e5": "available", "c5": "available"}
    assert reasons(result, "engine", "e2") == [("aa-euro-4", "rules/markets/aa.yaml:3")]
    # no Euro 4 engine fits the small gearbox: a conflict, settled by dropping the gearbox
    result = eng.configure("AA", "truck", {"gearbox": "g10"})
    assert not result.valid and result.drop == ["gearbox=g10"]
    assert states(result, "gearbox") == {"g10": "blocked", "g20": "required"}


def test_table_rows_inline_and_from_csv(tmp_path: Path) -> None:
    inline = rules("""
        - id: pairs
          kind: table
          groups: [engine, gearbox]
          rows:
            - [e2, g10]
            - [e5, "*"]
    """)
    eng = engine(tmp_path / "a", catalogue__rules_yaml=inline)
    assert states(eng.configure("AA", "truck", {"gearbox": "g20"}), "engine") == {
        "e2": "blocked",
        "e5": "required",
        "c5": "blocked",
    }
    csv = rules("""
        - {id: pairs, kind: table, groups: [engine, gearbox], file: ../tables/pairs.csv}
    """)
    eng = engine(
        tmp_path / "b", catalogue__rules_yaml=csv, tables__pairs_csv="engine,gearbox\ne2,g10\n"
    )
    result = eng.configure("AA", "truck", {})
    assert states(result, "engine") == {"e2": "required", "e5": "blocked", "c5": "blocked"}
    assert reasons(result, "engine", "e5") == [("pairs", "rules/catalogue/rules.yaml:2")]


def test_defaults_are_proposed_and_jointly_valid(tmp_path: Path) -> None:
    text = rules("""
        - {id: d-engine, kind: default, group: engine, option: c5}
        - {id: d-tank, kind: default, group: tank, option: t800}
        - {id: cng-cyl, kind: requires, if: engine=c5, then: tank=cyl}
    """)
    result = engine(tmp_path, catalogue__rules_yaml=text).configure("AA", "truck", {})
    defaults = {g.id: g.default for g in result.groups}
    assert defaults["engine"] == "c5"
    assert defaults["tank"] == "cyl"  # the tank default yields to the engine default's rule


def test_recommend_marks_options_and_warns(tmp_path: Path) -> None:
    text = rules("""
        - {id: rec-long, kind: recommend, options: tank=t800, message: Long range recommended.}
        - {id: rec-tractors, kind: recommend, models: {body: tractor}}
    """)
    eng = engine(tmp_path, catalogue__rules_yaml=text)
    result = eng.configure("AA", "van", {"tank": "t400"})
    tank = next(g for g in result.groups if g.id == "tank")
    assert [r.rule for r in tank.options[1].recommended] == ["rec-long"]
    assert [(w.rule, w.options) for w in result.warnings] == [("rec-long", ("tank=t400",))]
    assert [m.id for m in eng.models_for("AA")] == ["truck", "van"]


def test_advice_warns_but_never_blocks(tmp_path: Path) -> None:
    text = rules("""
        - {id: soft, kind: requires, severity: advice, if: engine=e2, then: tank=t800}
    """)
    result = engine(tmp_path, catalogue__rules_yaml=text).configure(
        "AA", "truck", {"engine": "e2", "tank": "t400"}
    )
    assert states(result, "tank")["t400"] == "selected"
    assert [w.rule for w in result.warnings] == ["soft"]
    assert not result.violations


def test_optional_group_may_stay_empty_unless_a_rule_needs_it(tmp_path: Path) -> None:
    eng = engine(tmp_path / "a")
    chosen = {"engine": "e5", "gearbox": "g20", "tank": "t400"}
    result = eng.configure("AA", "truck", chosen)
    assert result.complete and result.valid
    assert eng.validate("AA", "truck", chosen).values["extras"] == "none"
    text = rules("""
        - {id: need-extra, kind: require, if: tank=t400, options: extras}
    """)
    eng = engine(tmp_path / "b", catalogue__rules_yaml=text)
    result = eng.configure("AA", "truck", chosen)
    assert states(result, "extras") == {
        "fridge": "available",
        "winch": "available",
        "none": "blocked",
    }
    assert not result.complete


def test_layer_rules_apply_through_include_and_market_filters(tmp_path: Path) -> None:
    layer = """
        layer: {id: base}
        rules:
          - {id: eaeu-cylinders, kind: forbid, options: tank=cyl, markets: {eaeu: true}}
    """
    markets = {
        "markets__aa_yaml": "market: {code: AA, eaeu: true}\ninclude: [../layers/base.yaml]\n",
        "markets__bb_yaml": "market: {code: BB}\ninclude: [../layers/base.yaml]\n",
        "markets__cc_yaml": "market: {code: CC, eaeu: true}\n",
    }
    eng = engine(tmp_path, layers__base_yaml=layer, **markets)
    assert states(eng.configure("AA", "truck", {}), "tank")["cyl"] == "blocked"
    assert states(eng.configure("BB", "truck", {}), "tank")["cyl"] == "available"
    assert states(eng.configure("CC", "truck", {}), "tank")["cyl"] == "available"


def test_conflicting_choices_name_the_rules_and_the_smallest_change(tmp_path: Path) -> None:
    text = rules("""
        - {id: cng-cyl, kind: requires, if: engine=c5, then: tank=cyl}
        - {id: big-box, kind: requires, if: engine=c5, then: gearbox=g20}
    """)
    eng = engine(tmp_path, catalogue__rules_yaml=text)
    chosen = {"tank": "t400", "gearbox": "g10", "engine": "c5"}
    result = eng.configure("AA", "truck", chosen, changed="engine")
    assert not result.valid
    assert {v.rule for v in result.violations} == {"cng-cyl", "big-box"}
    assert sorted(result.drop) == ["gearbox=g10", "tank=t400"]
    assert states(result, "engine")["c5"] == "selected"
    # without a latest choice to keep, dropping the one engine is the smaller change
    assert eng.configure("AA", "truck", chosen).drop == ["engine=c5"]


def test_alternatives_of_a_chosen_group_say_whether_they_fit(tmp_path: Path) -> None:
    text = rules("""
        - {id: torque-fits, kind: compare, left: engine.torque, op: "<=", right: gearbox.input}
    """)
    result = engine(tmp_path, catalogue__rules_yaml=text).configure(
        "AA", "truck", {"engine": "e2", "gearbox": "g10"}
    )
    assert states(result, "engine") == {"e2": "selected", "e5": "blocked", "c5": "blocked"}
    assert states(result, "gearbox") == {"g10": "selected", "g20": "available"}
    assert reasons(result, "engine", "e5")[0][0] == "torque-fits"


def test_validate_reports_missing_groups_and_violations(tmp_path: Path) -> None:
    text = rules("""
        - {id: cng-cyl, kind: requires, if: engine=c5, then: tank=cyl}
    """)
    eng = engine(tmp_path, catalogue__rules_yaml=text)
    verdict = eng.validate("AA", "truck", {"engine": "c5", "tank": "t400"})
    assert verdict.missing == ["gearbox"]
    assert [(v.rule, v.options) for v in verdict.violations] == [
        ("cng-cyl", ("engine=c5", "tank=t400"))
    ]
    ok = eng.validate("AA", "truck", {"engine": "c5", "tank": "cyl", "gearbox": "g20"})
    assert ok.valid and ok.price.total == 1000 + 300


def test_bad_selections_are_named(tmp_path: Path) -> None:
    eng = engine(tmp_path)
    with pytest.raises(SelectionError) as caught:
        eng.configure("AA", "truck", {"engine": "e9", "wheels": "x"})
    assert caught.value.errors == {
        "engine": "unknown option 'e9' of group engine",
        "wheels": "unknown group 'wheels'",
    }
    with pytest.raises(SelectionError):
        eng.configure("ZZ", "truck", {})
