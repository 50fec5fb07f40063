"""The view-model: legal mass per market, kW, the drawing and the compliance rows (no PDF)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from catalog.rulebook import Engine
from catalog.specsheet import SheetRequest, make_sheet
from catalog.specsheet.drawing import axle_positions, side_view
from catalog.specsheet.key_figures import legal_limit

from .conftest import KZ_TRACTOR, order_document


@pytest.mark.parametrize(
    ("market", "model", "limit"),
    [
        ("KZ", "x3000-tractor-6x4", None),  # the trailer's axles decide: 38 t or 44 t
        ("KZ", "x3000-dump-6x4", 25),  # 3 axles
        ("KZ", "x3000-dump-8x4", 32),  # 4 axles
        ("KZ", "l3000-dump-4x2", None),  # 2 axles: not in Order No. 342
        ("KG", "l3000-dump-4x2", 18),
        ("KG", "x3000-cargo-6x4", 24),
        ("KG", "x3000-dump-8x4", None),  # no 4-axle figure; 44 t is the overall cap
        ("KG", "x6000-tractor-4x2", None),
        ("TJ", "x3000-dump-6x4", None),  # 40 t is the overall maximum, not a 3-axle limit
        ("TJ", "x3000-dump-8x4", None),
        ("TM", "x3000-dump-6x4", None),
        ("UZ", "x3000-tractor-6x4", None),
    ],
)
def test_legal_limit(engine: Engine, market: str, model: str, limit: float | None) -> None:
    book = engine.book
    assert legal_limit(book.markets[market], book.models[model]) == limit


def figures(engine: Engine, market: str, model: str, selections: dict[str, str]) -> dict[str, str]:
    request = SheetRequest(market, model, selections, order_document(), "en")
    return {row.label: row.value for row in make_sheet(engine, request).figures}


def test_legal_mass_is_the_lower_of_design_and_limit(engine: Engine) -> None:
    assert figures(engine, "KG", "l3000-dump-4x2", {})["Legal mass in Kyrgyzstan"] == "18 t"
    assert figures(engine, "KG", "x3000-dump-8x4", {})["Legal mass in Kyrgyzstan"] == "not known"
    assert figures(engine, "TM", "x3000-dump-8x4", {})["Legal mass in Turkmenistan"] == "not known"


def test_tj_overall_maximum_is_not_the_legal_mass_of_a_3_axle_dump(engine: Engine) -> None:
    request = SheetRequest("TJ", "x3000-dump-6x4", {}, order_document(), "en")
    rows = {row.label: row for row in make_sheet(engine, request).figures}
    legal = rows["Legal mass in Tajikistan"]
    assert legal.value == "not known"
    assert "overall maximum 40 t, not a limit for this truck" in legal.note
    design = rows["Design mass"]
    assert design.value.startswith("≈") and "not from a datasheet" in design.note


@pytest.mark.parametrize(
    ("engine_id", "power"),
    [("WP13.500E201", "500 hp / 368 kW"), ("WP12.430E50", "430 hp / 316 kW")],
)
def test_power_in_hp_and_kw(engine: Engine, engine_id: str, power: str) -> None:
    shown = figures(engine, "KZ", "x3000-tractor-6x4", {**KZ_TRACTOR, "engine": engine_id})
    assert shown["Power"] == power


def test_compliance_lists_market_and_layer_rules_with_references(engine: Engine) -> None:
    request = SheetRequest(
        "KZ", "x3000-tractor-6x4", KZ_TRACTOR, order_document(), "en", internal=True
    )
    rows = {row.id: row for row in make_sheet(engine, request).compliance}
    # until 2027 the emergency call is advice: listed in the internal copy, with its reference
    assert rows["ca-emergency-call"].reference.startswith("TR CU 018/2011")
    assert rows["kz-aetr-tachograph"].status == "met"
    assert rows["kz-euro-4-minimum"].status == "met"
    assert "ca-default-heater" not in rows  # defaults are not requirements
    assert "kz-tractors-first" not in rows  # list order advice says nothing about the truck
    assert not any(r.startswith("eng-") for r in rows)  # catalogue rules are not the market's
    tj = SheetRequest(
        "TJ", "x3000-dump-6x4", {"body": "u-body-25m3"}, order_document(), "en", internal=True
    )
    tj_rows = {row.id: row.status for row in make_sheet(engine, tj).compliance}
    assert "ca-emergency-call" not in tj_rows  # Tajikistan is not an EAEU member
    assert tj_rows["tj-wear-resistant-body"] == "advice-not-followed"
    customer = {
        row.id: row.status for row in make_sheet(engine, replace(tj, internal=False)).compliance
    }
    assert "tj-wear-resistant-body" not in customer  # sales advice stays in the internal copy
    assert set(customer.values()) <= {"met", "not-met"}


def test_a_truck_the_rules_reject_is_flagged(engine: Engine) -> None:
    request = SheetRequest(
        "KZ", "x3000-tractor-6x4", {**KZ_TRACTOR, "engine": "WP12.430E201"}, order_document(), "en"
    )
    sheet = make_sheet(engine, request)
    assert any("kz-euro-4-minimum" in p for p in sheet.problems)


@pytest.mark.parametrize(
    ("wheelbase", "axles", "xs"),
    [
        ("3800", 2, (0, 3800)),
        ("3175+1400", 3, (0, 3175, 4575)),
        ("1800+3775+1400", 4, (0, 1800, 5575, 6975)),
    ],
)
def test_axles_follow_the_wheelbase(wheelbase: str, axles: int, xs: tuple[int, ...]) -> None:
    assert axle_positions(wheelbase, axles) == xs


@pytest.mark.parametrize(
    ("model", "body", "wheels", "mark"),
    [
        ("x3000-tractor-6x4", None, 3, "#8d949e"),  # fifth wheel (steel)
        ("x3000-dump-8x4", "box-35m3-wear-resistant", 4, "#9aa3ad"),  # dump body
        ("x3000-mixer-6x4", "drum-10m3", 3, "#e4e7eb"),  # mixer drum
        ("l3000-cargo-6x4", "dropside-platform", 3, "#8a6a48"),  # platform floor
    ],
)
def test_drawing_follows_the_model(
    engine: Engine, model: str, body: str | None, wheels: int, mark: str
) -> None:
    values = {"cab": "day-cab" if model.startswith("l3000") else "flat-roof", "paint": "red"}
    svg = str(side_view(engine.book.models[model], {**values, **({"body": body} if body else {})}))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert len(re.findall(r'fill="#1d1f22"', svg)) == wheels  # one tyre per axle
    assert mark in svg
    assert 'fill="#c8102e"' in svg  # the cab in the chosen paint
    spans = [s for s in str(engine.book.models[model].attr("wheelbase")).split("+")]
    assert all(f">{s}</text>" in svg for s in spans)  # every span is dimensioned
