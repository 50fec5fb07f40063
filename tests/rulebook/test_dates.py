"""Dated rules and market facts: the loader's date errors at path:line, and views as of a day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from catalog.rulebook import DatedEngines, Engine, RulebookError, load_rulebook
from catalog.rulebook.dates import today
from catalog.rulebook.model import Period
from catalog.rulebook.review.ruletests import load_cases, run_cases, untested_rules

from .folders import make

MARKET = "market:\n  code: AA\n  language: ru\n"
FACTS = "include: [../layers/base.yaml]\nrules: []\n"

ERRORS = [
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: forbid\n    options: engine=e2\n    from: 2028-1-1\n",
        },
        [
            "rules/catalogue/rules.yaml:5: r1: from must be a date written YYYY-MM-DD, not '2028-1-1'"
        ],
        id="rule-from-malformed",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: forbid\n    options: engine=e2\n    until: 2027-02-30\n",
        },
        ["rules/catalogue/rules.yaml:5: r1: until '2027-02-30' is not a day of the calendar"],
        id="rule-until-no-such-day",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: forbid\n    options: engine=e2\n    from: 1999-12-31\n",
        },
        [
            "rules/catalogue/rules.yaml:5: r1: from must be between 2000-01-01 and 2100-12-31, not 1999-12-31"
        ],
        id="rule-from-out-of-range",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": "rules:\n  - id: r1\n    kind: forbid\n    options: engine=e2\n    from: 2028-01-01\n    until: 2027-12-31\n",
        },
        ["rules/catalogue/rules.yaml:6: r1: until 2027-12-31 is before from 2028-01-01"],
        id="rule-until-before-from",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": (
                "rules:\n"
                "  - {id: r1, kind: forbid, options: engine=e2, until: 2028-01-01}\n"
                "  - {id: r1, kind: forbid, options: engine=e5, from: 2028-01-01}\n"
            ),
        },
        [
            "rules/catalogue/rules.yaml:3: r1: dates from 2028-01-01 overlap the version at "
            "rules/catalogue/rules.yaml:2 (until 2028-01-01)"
        ],
        id="rule-versions-overlap",
    ),
    pytest.param(
        {
            "catalogue/rules.yaml": (
                "rules:\n"
                "  - {id: r1, kind: forbid, options: engine=e2, until: 2027-12-31}\n"
                "  - {id: r1, kind: forbid, options: engine=e5}\n"
            ),
        },
        [
            "rules/catalogue/rules.yaml:3: r1: duplicate rule id (first at rules/catalogue/rules.yaml:2)"
        ],
        id="rule-undated-duplicate",
    ),
    pytest.param(
        {
            "markets/aa.yaml": MARKET
            + "  attrs:\n    min_emission:\n"
            + "      - {value: 4, until: 2027-12-31}\n"
            + "      - {value: 5, from: 2027-06-01}\n"
            + FACTS,
        },
        [
            "rules/markets/aa.yaml:7: market: attrs.min_emission from 2027-06-01 overlaps the "
            "version at rules/markets/aa.yaml:6 (until 2027-12-31)"
        ],
        id="fact-versions-overlap",
    ),
    pytest.param(
        {
            "markets/aa.yaml": "market:\n  code: AA\n  language:\n    - {value: ru, from: 2020-01-01}\n    - {value: en, from: 2030-01-01}\n"
            + FACTS,
        },
        [
            "rules/markets/aa.yaml:5: market: language from 2030-01-01 overlaps the version at "
            "rules/markets/aa.yaml:4 (from 2020-01-01)"
        ],
        id="language-versions-overlap",
    ),
    pytest.param(
        {
            "markets/aa.yaml": MARKET
            + "  mass_limits:\n"
            + "    - {by_axles: {3: 25}, until: 2026-06-30}\n"
            + "    - {by_axles: {3: 26}, from: 2026-06-30}\n"
            + FACTS,
        },
        [
            "rules/markets/aa.yaml:6: market: mass_limits from 2026-06-30 overlaps the version at "
            "rules/markets/aa.yaml:5 (until 2026-06-30)"
        ],
        id="mass-limits-overlap",
    ),
    pytest.param(
        {
            "markets/aa.yaml": MARKET
            + "  attrs:\n    min_emission: {value: 5, from: 28.01.2028}\n"
            + FACTS,
        },
        [
            "rules/markets/aa.yaml:5: market: from must be a date written YYYY-MM-DD, not '28.01.2028'"
        ],
        id="fact-malformed-day",
    ),
    pytest.param(
        {
            "markets/aa.yaml": MARKET + "  attrs:\n    min_emission: {value: 5}\n" + FACTS,
        },
        ["rules/markets/aa.yaml:5: market: a version of attrs.min_emission needs from: or until:"],
        id="fact-version-undated",
    ),
    pytest.param(
        {
            "markets/aa.yaml": MARKET
            + "  attrs:\n    min_emission: {value: 5, from: 2028-01-01}\n"
            + "include: [../layers/base.yaml]\n"
            + "rules:\n  - {id: euro, kind: compare, left: engine.emission, op: '>=', right: market.min_emission}\n",
        },
        [
            "rules/markets/aa.yaml:8: euro: market AA has no attribute 'min_emission' "
            "in force until 2027-12-31"
        ],
        id="fact-missing-while-rule-in-force",
    ),
]


def _write(folder: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (folder / rel).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("files", "expected"), ERRORS)
def test_date_errors_are_reported_at_their_place(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    folder = make(tmp_path)
    _write(folder, files)
    with pytest.raises(RulebookError) as caught:
        load_rulebook(folder)
    assert [str(p) for p in caught.value.problems] == expected


DATED = {
    "markets/aa.yaml": MARKET.replace(
        "language: ru", "language: [{value: ru, until: 2027-12-31}, {value: en, from: 2028-01-01}]"
    )
    + "  attrs:\n    min_emission:\n"
    + "      - {value: 4, until: 2027-12-31}\n"
    + "      - {value: 5, from: 2028-01-01, reference: Decree 5}\n"
    + "  mass_limits:\n"
    + "    - {reference: old, by_axles: {3: 25}, until: 2026-06-30}\n"
    + "    - {reference: new, by_axles: {3: 26}, from: 2026-07-01}\n"
    + "include: [../layers/base.yaml]\n"
    + "rules:\n"
    + "  - {id: euro, kind: compare, left: engine.emission, op: '>=', right: market.min_emission}\n"
    + "  - {id: no-fridge, kind: forbid, options: extras=fridge, severity: advice, until: 2027-12-31}\n"
    + "  - {id: no-fridge, kind: forbid, options: extras=fridge, from: 2028-01-01}\n",
}
TRUCK = {"engine": "e5", "gearbox": "g20", "tank": "t800", "extras": "fridge"}


def test_a_view_holds_what_is_in_force_on_its_day(tmp_path: Path) -> None:
    folder = make(tmp_path)
    _write(folder, DATED)
    book = load_rulebook(folder)
    assert book.changes == (date(2026, 7, 1), date(2028, 1, 1))
    early, mid, late = (book.as_of(date(y, 1, 1)) for y in (2026, 2027, 2028))
    assert early.interval == Period(None, date(2026, 6, 30))
    assert mid.interval == Period(date(2026, 7, 1), date(2027, 12, 31))
    assert late.interval == Period(date(2028, 1, 1), None)
    facts = [(v.markets["AA"].language, v.markets["AA"].attrs["min_emission"]) for v in (mid, late)]
    assert facts == [("ru", 4), ("en", 5)]
    limits = [v.markets["AA"].mass_limits for v in (early, mid)]
    assert [(m.reference, m.by_axles) for m in limits if m] == [("old", {3: 25}), ("new", {3: 26})]
    assert [(r.id, r.severity) for r in mid.rules if r.id == "no-fridge"] == [
        ("no-fridge", "advice")
    ]
    assert [(r.id, r.severity) for r in late.rules if r.id == "no-fridge"] == [
        ("no-fridge", "error")
    ]
    assert book.as_of(date(2027, 12, 31)) is mid  # one view per interval, cached


def test_an_engine_reads_a_dated_book_as_of_today(tmp_path: Path) -> None:
    folder = make(tmp_path)
    _write(folder, DATED)
    book = load_rulebook(folder)
    assert Engine(book).book is book.as_of(today())
    with pytest.raises(ValueError, match="this view holds"):
        book.as_of(date(2027, 1, 1)).as_of(date(2029, 1, 1))
    undated = load_rulebook(make(tmp_path / "plain"))
    assert undated.as_of(date(2030, 1, 1)) is undated


def test_the_same_order_switches_on_the_date(tmp_path: Path) -> None:
    folder = make(tmp_path)
    _write(folder, DATED)
    engines = DatedEngines(load_rulebook(folder))
    before = engines.on(date(2027, 12, 31)).validate("AA", "truck", TRUCK)
    after = engines.on(date(2028, 1, 1)).validate("AA", "truck", TRUCK)
    assert (before.valid, [w.rule for w in before.warnings]) == (True, ["no-fridge"])
    assert (after.valid, [v.rule for v in after.violations]) == (False, ["no-fridge"])
    euro4 = {**TRUCK, "engine": "e2", "extras": "none"}
    assert not engines.on(date(2027, 1, 1)).validate("AA", "truck", euro4).valid
    assert engines.on(date(2027, 1, 1)) is engines.on(date(2026, 7, 1))  # one engine per interval


CASES = """
orders:
  fridge:
    market: AA
    model: truck
    selections: {engine: e5, gearbox: g20, tank: t800, extras: fridge}
cases:
  - {id: before, order: fridge, date: 2027-12-31, expect: valid, advice: [no-fridge]}
  - {id: after, order: fridge, date: 2028-01-01, expect: invalid, rules: [no-fridge]}
  - {id: euro, order: fridge, change: {engine: e2, extras: null}, date: 2027-01-01,
     expect: invalid, rules: [euro]}
"""


def test_rule_tests_run_as_of_their_date_and_cover_each_side(tmp_path: Path) -> None:
    folder = make(tmp_path)
    _write(folder, DATED)
    (folder / "tests").mkdir()
    (folder / "tests/aa.yaml").write_text(CASES, encoding="utf-8")
    book = load_rulebook(folder)
    cases, problems = load_cases(folder)
    assert problems == []
    assert [(o.case.id, o.passed) for o in run_cases(book, cases)] == [
        ("before", True),
        ("after", True),
        ("euro", True),
    ]
    assert untested_rules(book, cases) == []
    only_after = [c for c in cases if c.id != "before"]
    missing = [(r.id, period) for r, period in untested_rules(book, only_after)]
    assert missing == [("no-fridge", "until 2027-12-31")]
