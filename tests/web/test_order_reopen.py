"""Reopening a draft or quoted order in the configurator and saving it back as its next version."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalog.db import get_db
from catalog.rulebook.engine.results import AVAILABLE
from catalog.services import orders as ordering
from catalog.services.active_rules import engine

from .conftest import KZ_TRACTOR, csrf_token, proposal, sel


@pytest.fixture
def sales(login: Callable[[str], FlaskClient]) -> FlaskClient:
    return login("sales")


@pytest.fixture
def order_id(sales: FlaskClient, app: Flask) -> int:
    fields = KZ_TRACTOR | sel(proposal(app))
    form = sales.get("/orders/new", query_string=fields)
    data: dict[str, Any] = fields | {"customer": "Astana Logistics", "quantity": 2}
    response = sales.post("/orders/new", data=data | {"csrf_token": csrf_token(form.text)})
    assert response.status_code == 303, response.text
    return int(str(response.location).rsplit("/", 1)[1])


def another_choice(app: Flask, order: dict[str, Any]) -> tuple[str, str]:
    """A group and an option the stored truck can switch to with every other choice kept."""
    with app.app_context():
        config = engine().configure(order["market"], order["model"], order["selections"])
    for group in config.groups:
        for option in group.options:
            if option.state == AVAILABLE and option.id != group.value:
                return group.id, option.id
    raise AssertionError("the stored truck has no option to switch to")


def stored(app: Flask, order_id: int) -> dict[str, Any]:
    with app.app_context():
        return ordering.get(get_db(), order_id)


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_a_draft_opens_in_the_configurator_at_its_version(
    sales: FlaskClient, order_id: int
) -> None:
    detail = sales.get(f"/orders/{order_id}").text
    assert f'href="/orders/{order_id}/reopen"' in detail
    response = sales.get(f"/orders/{order_id}/reopen")
    assert response.status_code == 303
    args = query_of(str(response.location))
    assert args["order"] == str(order_id) and args["version"] == "1"
    assert args["market"] == "KZ" and args["model"] == KZ_TRACTOR["model"]
    page = sales.get(str(response.location)).text
    assert f'name="order" value="{order_id}"' in page
    assert re.search(r"Changing order KZ-\d{4}-\d{5} \(version 1\)", page)
    assert "Save to order KZ-" in page


def test_saving_back_makes_the_next_version_and_keeps_the_history(
    sales: FlaskClient, app: Flask, order_id: int
) -> None:
    before = stored(app, order_id)
    group, option = another_choice(app, before)
    args = query_of(str(sales.get(f"/orders/{order_id}/reopen").location))
    args[f"sel_{group}"] = option
    page = sales.get("/configure", query_string=args).text
    save = re.search(rf'href="([^"]*/orders/{order_id}/configuration[^"]*)"', page)
    assert save, "no save button for the reopened order"
    review = sales.get(save.group(1).replace("&amp;", "&"))
    assert review.status_code == 200
    assert "Save as version 2" in review.text and "changed" in review.text
    form = {k: v for k, v in query_of(save.group(1).replace("&amp;", "&")).items()}
    form["csrf_token"] = csrf_token(review.text)
    response = sales.post(f"/orders/{order_id}/configuration", data=form)
    assert response.status_code == 303, response.text
    after = stored(app, order_id)
    assert after["version"] == 2 and after["number"] == before["number"]
    assert after["selections"][group] == option
    assert after["customer"] == before["customer"] and after["quantity"] == before["quantity"]
    with app.app_context():
        history = ordering.history(get_db(), order_id)
    assert [h["version"] for h in history] == [1, 2]
    assert "selections" in history[1]["changes"]


def test_a_stale_version_saves_nothing(sales: FlaskClient, app: Flask, order_id: int) -> None:
    before = stored(app, order_id)
    group, option = another_choice(app, before)
    form = {"version": "1", "model": before["model"]} | sel(before["selections"] | {group: option})
    review = sales.get(f"/orders/{order_id}/configuration", query_string=form)
    token = csrf_token(review.text)
    # someone else saves version 2 meanwhile
    edit = sales.get(f"/orders/{order_id}").text
    changed = {"action": "edit", "customer": "Someone Else", "quantity": 3, "version": 1}
    assert (
        sales.post(
            f"/orders/{order_id}", data=changed | {"csrf_token": csrf_token(edit)}
        ).status_code
        == 303
    )
    response = sales.post(f"/orders/{order_id}/configuration", data=form | {"csrf_token": token})
    assert response.status_code == 409
    assert "Someone else changed this order" in response.text
    assert f'href="/orders/{order_id}/reopen"' in response.text
    after = stored(app, order_id)
    assert after["version"] == 2 and after["selections"] == before["selections"]


def test_an_unchanged_configuration_is_not_a_new_version(
    sales: FlaskClient, app: Flask, order_id: int
) -> None:
    before = stored(app, order_id)
    form = {"version": "1", "model": before["model"]} | sel(before["selections"])
    review = sales.get(f"/orders/{order_id}/configuration", query_string=form)
    response = sales.post(
        f"/orders/{order_id}/configuration", data=form | {"csrf_token": csrf_token(review.text)}
    )
    assert response.status_code == 303
    assert stored(app, order_id)["version"] == 1


def test_a_configuration_the_rules_reject_is_refused(
    sales: FlaskClient, app: Flask, order_id: int
) -> None:
    before = stored(app, order_id)
    form = {"version": "1", "model": before["model"]}
    form |= sel(before["selections"] | {"engine": "WP12.430E201"})
    review = sales.get(f"/orders/{order_id}/configuration", query_string=form)
    response = sales.post(
        f"/orders/{order_id}/configuration", data=form | {"csrf_token": csrf_token(review.text)}
    )
    assert response.status_code == 422
    assert stored(app, order_id)["version"] == 1


def test_a_confirmed_order_cannot_be_reopened(
    sales: FlaskClient, app: Flask, order_id: int
) -> None:
    with app.app_context():
        ordering.update(get_db(), 1, order_id, {"version": 1, "status": "quoted"})
        ordering.update(get_db(), 1, order_id, {"version": 2, "status": "confirmed"})
    response = sales.get(f"/orders/{order_id}/reopen")
    assert response.status_code == 303 and response.location.endswith(f"/orders/{order_id}")
    page = sales.get("/configure", query_string=KZ_TRACTOR | {"order": order_id, "version": 3})
    assert "Changing order" not in page.text


def test_reader_roles_cannot_reopen(login: Callable[[str], FlaskClient], order_id: int) -> None:
    client = login("manager")
    assert client.get(f"/orders/{order_id}/reopen").status_code in (302, 403)


def test_the_review_says_at_once_when_the_rules_reject_the_new_configuration(
    sales: FlaskClient, app: Flask, order_id: int
) -> None:
    before = stored(app, order_id)
    form = {"version": "1", "model": before["model"]}
    form |= sel(before["selections"] | {"engine": "WP12.430E201"})
    review = sales.get(f"/orders/{order_id}/configuration", query_string=form)
    assert review.status_code == 422
    assert "The rules reject this truck:" in review.text
    assert "Kazakhstan admits imported trucks with eco class 4" in review.text  # the rule's text
    ru = sales.get(f"/orders/{order_id}/configuration", query_string=form | {"lang": "ru"})
    assert "Правила не допускают этот грузовик:" in ru.text
    assert "В Казахстан ввозятся грузовики с двигателями экологического класса не ниже 4" in ru.text
    assert 'data-testid="save-version"' not in review.text
    unknown = sales.get(f"/orders/{order_id}/configuration", query_string={"model": "nope"})
    assert unknown.status_code == 422
