"""The regulatory calendar: dated changes per market, the open orders a change will reject on
their delivery date, and how `rules calendar`, `rules check`, `rules diff` and the review page
show them. Fixture folders with their own dates, so the answers do not depend on today."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from catalog.rulebook import DatedEngines, load_rulebook
from catalog.rulebook.review.calendar import dated_changes, orders_at_risk
from catalog.services.regulatory_calendar import add_months

from .rulesets import write_rules
from .test_cli import app_with, git, run

TODAY = date(2026, 12, 3)
NO_BLUE = """
- id: no-blue
  kind: forbid
  from: 2028-01-01
  options: paint=blue
  message: {en: "From 2028 no blue trucks.", ru: "С 2028 года никаких синих грузовиков."}
"""
AA_RULES = """
- id: aa-euro
  kind: compare
  left: engine.emission
  op: ">="
  right: market.min_emission
- id: aa-blue-advice
  kind: recommend
  severity: advice
  until: 2027-03-31
  options: paint=white
"""
AA_FACTS = """market:
  code: "AA"
  attrs:
    min_emission:
      - {value: 2, until: 2027-06-30, reference: "Decree 1"}
      - {value: 5, from: 2027-07-01, reference: "Decree 2"}
include: [../layers/base.yaml]
"""


def calendar_rules(root: Path, layer: str = NO_BLUE) -> Path:
    folder = write_rules(root, markets={"AA": AA_RULES, "BB": ""}, layer=layer)
    path = folder / "markets" / "aa.yaml"
    body = path.read_text().split("\n", 2)[2]  # drop the plain market head and include line
    path.write_text(AA_FACTS + body)
    return folder


def line_of(folder: Path, relative: str, text: str) -> str:
    lines = (folder / relative).read_text().splitlines()
    return f"rules/{relative}:{next(i for i, x in enumerate(lines, 1) if text in x)}"


def test_changes_are_listed_per_market_with_first_and_last_days(tmp_path: Path) -> None:
    folder = calendar_rules(tmp_path)
    book = load_rulebook(folder)
    found = [(c.day.isoformat(), c.market, c.what, c.kind, c.item) for c in dated_changes(book)]
    assert found == [
        ("2027-04-01", "AA", "ends", "rule", "aa-blue-advice"),
        ("2027-07-01", "AA", "ends", "fact", "min_emission"),
        ("2027-07-01", "AA", "starts", "fact", "min_emission"),
        ("2028-01-01", "AA", "starts", "rule", "no-blue"),
        ("2028-01-01", "BB", "starts", "rule", "no-blue"),  # a layer rule: every market with it
    ]
    ends = dated_changes(book)[0]
    assert ends.last_day == date(2027, 3, 31)  # `until` is the last day in force
    assert ends.source == line_of(folder, "markets/aa.yaml", "id: aa-blue-advice")
    fact = dated_changes(book)[2]
    assert fact.text["en"] == "5" and fact.reference == "Decree 2"
    window = dated_changes(book, date(2027, 7, 1), date(2027, 12, 31), ["AA"])
    assert [(c.item, c.what) for c in window] == [
        ("min_emission", "ends"),
        ("min_emission", "starts"),
    ]


def order(paint: str, delivery: date | None, engine: str = "e2") -> dict[str, Any]:
    selections = {"engine": engine, "gearbox": "g10", "paint": paint}
    model = "small" if engine == "e2" else "big"  # small offers the Euro 2 engine only
    return {"id": paint + str(delivery), "number": f"N-{paint}-{delivery}", "market": "AA",
            "model": model, "status": "confirmed", "selections": selections,
            "delivery": delivery}  # fmt: skip


def test_an_order_is_at_risk_only_when_a_change_before_its_delivery_rejects_it(
    tmp_path: Path,
) -> None:
    book = load_rulebook(calendar_rules(tmp_path))
    engines = DatedEngines(book)
    cases = [
        order("blue", date(2028, 2, 1)),  # no-blue from 2028 and Euro 5 from July 2027
        order("red", date(2027, 9, 1)),  # Euro 5 from July 2027 only
        order("red", date(2027, 5, 1)),  # only the advice ends before: nothing rejects it
        order("blue", None),  # no delivery date: judged as of today, nothing changes
        order("blue", date(2026, 6, 1)),  # delivered before today
    ]
    found = orders_at_risk(book, engines.on, cases, TODAY)
    assert [r.order["number"] for r in found] == ["N-red-2027-09-01", "N-blue-2028-02-01"]
    red, blue = found
    assert [r.split(":")[0] for r in red.reasons] == ["aa-euro"]
    assert sorted(r.split(":")[0] for r in blue.reasons) == ["aa-euro", "no-blue"]
    assert {c.day for c in blue.changes} == {date(2027, 4, 1), date(2027, 7, 1), date(2028, 1, 1)}
    assert "rejected after the change of 2027-04-01, 2027-07-01, 2028-01-01" in blue.line()
    assert orders_at_risk(book, engines.on, [order("blue", date(2028, 2, 1), "e5")], TODAY) != []
    assert orders_at_risk(book, engines.on, [order("red", date(2028, 2, 1), "e5")], TODAY) == []
    # an order today's rules already reject is not the calendar's: `rules check` reports it
    assert orders_at_risk(book, engines.on, cases, date(2027, 8, 1)) == []


def test_months_are_added_as_calendar_months() -> None:
    assert add_months(date(2026, 12, 3), 24) == date(2028, 12, 3)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


def app_with_orders(tmp_path: Path, folder: Path) -> Flask:
    stored: list[dict[str, object]] = [
        {
            "customer": "Bishkek Build",
            "market": "AA",
            "model": "big",
            "selections": {"engine": "e5", "gearbox": "g10", "paint": paint},
            "quantity": 1,
            "price": 100,
            "price_detail": {},
            "status": status,
            "rules_version": "old",
            "delivery_date": delivery,
            "ship_date": "2026-01-01" if status == "shipped" else None,
        }
        for status, paint, delivery in (
            ("confirmed", "blue", "2028-02-01"),
            ("quoted", "red", "2027-05-01"),
            ("shipped", "blue", "2028-02-01"),  # shipped: not open
            ("draft", "blue", None),
        )
    ]
    return app_with(tmp_path, folder, stored)


@pytest.fixture
def cal_app(tmp_path: Path) -> Flask:
    return app_with_orders(tmp_path, calendar_rules(tmp_path / "repo"))


def test_calendar_command_lists_changes_and_orders(cal_app: Flask) -> None:
    runner = cal_app.test_cli_runner()
    code, out = run(runner, "calendar", "--on", "2026-12-03", "--months", "12")
    assert code == 0, out
    assert "Regulatory calendar 2026-12-03 to 2027-12-03" in out
    folder = Path(cal_app.config["RULES_DIR"])
    advice = line_of(folder, "markets/aa.yaml", "id: aa-blue-advice")
    assert (
        "2027-04-01  ends    rule aa-blue-advice (advice), last day 2027-03-31:" in out
        and f"[{advice}]" in out
    )
    assert "2028-01-01" not in out.split("Open orders")[0]  # beyond the 12 months
    assert "Open orders a coming change will reject on their delivery date (1):" in out
    assert "(AA big, confirmed, delivery 2028-02-01): rejected after the change of" in out
    assert "no-blue: From 2028 no blue trucks. (rules/layers/base.yaml:" in out
    code, out = run(runner, "calendar", "--on", "2026-12-03", "--json", "--market", "bb")
    data = json.loads(out)
    assert [(c["day"], c["market"], c["item"]) for c in data["changes"]] == [
        ("2028-01-01", "BB", "no-blue")
    ]
    assert data["orders_at_risk"] == []  # the stored orders are AA's
    code, out = run(runner, "calendar", "--on", "2026-02-30")
    assert code == 2 and "'2026-02-30' is not a day of the calendar" in out


def test_check_warns_about_orders_a_change_will_reject(cal_app: Flask) -> None:
    runner = cal_app.test_cli_runner()
    code, out = run(runner, "check", "--no-count")
    assert code == 0, out  # a warning, not an error
    assert "warning: order " in out and "delivery 2028-02-01" in out and "no-blue" in out
    data = json.loads(run(runner, "check", "--no-count", "--json")[1])
    assert [r["delivery_date"] for r in data["orders_at_risk"]] == ["2028-02-01"]
    assert "warning: order" not in run(runner, "check", "--no-count", "--no-orders")[1]


def test_diff_shows_dated_changes_and_judges_orders_on_their_delivery_date(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "repo"
    calendar_rules(repo, layer="[]")
    git(repo, "init", "-q")
    git(repo, "add", "rules")
    git(repo, "commit", "-q", "-m", "rules")
    folder = calendar_rules(repo)  # the working tree adds no-blue from 2028
    runner = app_with_orders(tmp_path, folder).test_cli_runner()
    code, out = run(runner, "diff", "HEAD")
    assert code == 0, out
    assert "  added: AA 2028-01-01  starts  rule no-blue (error): From 2028 no blue trucks." in out
    assert "  added: BB 2028-01-01  starts  rule no-blue (error)" in out
    assert "removed:" not in out
    # the confirmed blue order is delivered in 2028, the draft (no date) is judged as of today
    assert "Open orders the working-tree rules reject: 1 of 3" in out
    assert "delivery 2028-02-01): no-blue: From 2028 no blue trucks." in out
    data = json.loads(run(runner, "diff", "HEAD", "--json")[1])
    assert [c["item"] for c in data["dated_changes"]["added"]] == ["no-blue", "no-blue"]
    assert data["dated_changes"]["removed"] == []
