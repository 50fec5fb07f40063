"""Where to get a spec sheet: an order's PDF, a quick quote, `flask spec`, `flask spec-batch`."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from pypdf import PdfReader

from .conftest import HOSTILE, KZ_TRACTOR, pdf_text

Headers = dict[str, str]


@pytest.fixture
def sales(make_user: Callable[..., str], auth: Callable[[str], Headers]) -> Headers:
    return auth(make_user("sales"))


@pytest.fixture
def order(client: FlaskClient, sales: Headers) -> dict[str, Any]:
    body = {"customer": HOSTILE, "market": "KZ", "model": "x3000-tractor-6x4",
            "selections": KZ_TRACTOR, "quantity": 2}  # fmt: skip
    response = client.post("/api/v1/orders", json=body, headers=sales)
    assert response.status_code == 201, response.json
    return dict(response.json or {})


def test_order_pdf_in_the_market_language_with_metadata(
    client: FlaskClient, sales: Headers, order: dict[str, Any], tmp_path: Path
) -> None:
    response = client.get(f"/api/v1/orders/{order['id']}/spec.pdf?date=2026-03-05", headers=sales)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert f'filename="{order["number"]}-ru.pdf"' in response.headers["Content-Disposition"]
    text = pdf_text(response.data, tmp_path)
    assert "ТЕХНИЧЕСКАЯ СПЕЦИФИКАЦИЯ" in text and order["number"] in text
    assert order["amount"] == 2 * 393090  # row 15 310,190 + the options at list prices, × 2
    assert "Итого" in text and "786 180 CNY" in text  # the order's price, times its quantity
    reader = PdfReader(io.BytesIO(response.data))
    info = reader.metadata
    assert info is not None
    assert (
        info.title
        == "Техническая спецификация · Седельный тягач SHACMAN X3000 6x4 SX42554V324 · "
        + order["number"]
    )
    assert info.author == "SHACMAN"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20260305120000Z"
    assert reader.trailer["/Root"]["/Lang"] == "ru"


def test_fixed_date_gives_the_same_bytes(
    client: FlaskClient, sales: Headers, order: dict[str, Any]
) -> None:
    url = f"/api/v1/orders/{order['id']}/spec.pdf?lang=zh&date=2026-03-05"
    first, second = client.get(url, headers=sales), client.get(url, headers=sales)
    assert first.status_code == 200
    assert first.data == second.data


def test_language_and_prices_can_be_chosen(
    client: FlaskClient, sales: Headers, order: dict[str, Any], tmp_path: Path
) -> None:
    url = f"/api/v1/orders/{order['id']}/spec.pdf?lang=en&prices=false"
    text = pdf_text(client.get(url, headers=sales).data, tmp_path)
    assert "TECHNICAL SPECIFICATION" in text
    assert "Price summary" not in text.title() and "CNY" not in text


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/orders/999999/spec.pdf", 404),
        ("/api/v1/orders/{id}/spec.pdf?lang=de", 422),
        ("/api/v1/orders/{id}/spec.pdf?date=yesterday", 422),
    ],
)
def test_bad_requests(
    client: FlaskClient, sales: Headers, order: dict[str, Any], url: str, status: int
) -> None:
    response = client.get(url.format(id=order["id"]), headers=sales)
    assert response.status_code == status
    assert response.json is not None and response.json["code"] == status


def test_a_token_is_required(client: FlaskClient, order: dict[str, Any]) -> None:
    assert client.get(f"/api/v1/orders/{order['id']}/spec.pdf").status_code == 401


def test_quick_quote(client: FlaskClient, sales: Headers, tmp_path: Path) -> None:
    body = {"market": "TJ", "model": "x3000-dump-8x4", "selections": {"paint": "yellow"},
            "lang": "zh", "customer": "Pamir Mining", "quantity": 3}  # fmt: skip
    response = client.post("/api/v1/spec.pdf", json=body, headers=sales)
    assert response.status_code == 200, response.json
    text = pdf_text(response.data, tmp_path)
    assert "报价单" in text  # a quotation, not an order
    assert "塔吉克斯坦法定质量 未知" in text  # 40 t is the overall maximum, not a 4-axle limit
    assert "总质量上限40吨" in text
    assert "Pamir Mining" in text


def test_quick_quote_of_a_truck_the_rules_reject(client: FlaskClient, sales: Headers) -> None:
    body = {"market": "KZ", "model": "x3000-tractor-6x4",
            "selections": {"engine": "WP12.430E201"}}  # fmt: skip
    response = client.post("/api/v1/spec.pdf", json=body, headers=sales)
    assert response.status_code == 422
    violation = response.json["errors"]["violations"][0]
    assert violation["rule"] == "kz-euro-4-minimum"
    assert violation["source"].startswith("rules/markets/kz.yaml:")
    assert violation["options"] == ["engine=WP12.430E201"]
    unknown = client.post("/api/v1/spec.pdf", json={"market": "XX", "model": "x"}, headers=sales)
    assert unknown.status_code == 422


def test_flask_spec(runner: FlaskCliRunner, order: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    result = runner.invoke(args=["spec", str(order["id"]), "--lang", "ru", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Мощность 430 л. с. / 316 кВт" in pdf_text(out.read_bytes(), tmp_path)
    missing = runner.invoke(args=["spec", "999999", "-o", str(out)])
    assert missing.exit_code != 0 and "no order with id 999999" in missing.output


def test_flask_spec_batch_on_two_processes(
    app: Flask, runner: FlaskCliRunner, order: dict[str, Any], tmp_path: Path,
    client: FlaskClient, sales: Headers,
) -> None:  # fmt: skip
    body = {"customer": "Bishkek Build", "market": "KG", "model": "l3000-dump-4x2",
            "selections": {}, "quantity": 1}  # fmt: skip
    from catalog.services.active_rules import engine

    with app.app_context():
        config = engine().configure("KG", "l3000-dump-4x2", {})
    body["selections"] = {g.id: g.value or g.default for g in config.groups}
    second = client.post("/api/v1/orders", json=body, headers=sales).json
    out = tmp_path / "batch"
    result = runner.invoke(args=["spec-batch", "--all", "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{order['number']}-ru.pdf", f"{second['number']}-ru.pdf"])
    assert "[1/2]" in result.output and "[2/2]" in result.output
    assert "2 written, 0 failed" in result.output
    usage = runner.invoke(args=["spec-batch", "-o", str(out)])
    assert usage.exit_code == 2
