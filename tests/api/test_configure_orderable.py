"""What the configure call calls complete and valid, the order call accepts as is.

An integrator walks POST /api/v1/configure from nothing, one random open group at a time, on
every market and model, until the answer says complete and valid; then POST /api/v1/orders with
exactly the selections they chose is a 201, and the order stores the answer's `values`."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from catalog.paths import RULES
from catalog.rulebook import load_rulebook

BOOK = load_rulebook(RULES)


def configure(client: FlaskClient, auth: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/api/v1/configure", json=body, headers=auth)
    assert response.status_code == 200, response.json
    return dict(response.json or {})


def walk(client: FlaskClient, auth: dict[str, str], market: str, model: str) -> tuple:
    """(chosen selections, final answer): random open groups, random available options."""
    rnd = random.Random(f"{market}/{model}")
    chosen: dict[str, str] = {}
    body = {"market": market, "model": model, "selections": chosen}
    answer = configure(client, auth, body)
    while answer["buyable"] and not (answer["complete"] and answer["valid"]):
        open_groups = [
            g for g in answer["groups"]
            if g["selected"] is None
            and sum(o["state"] == "available" for o in g["options"]) > 1
        ]  # fmt: skip
        assert open_groups, f"{market} {model}: incomplete, yet nothing left to choose"
        group = rnd.choice(open_groups)
        options = [o["id"] for o in group["options"] if o["state"] == "available"]
        chosen[group["id"]] = rnd.choice(options)
        answer = configure(client, auth, body | {"selections": chosen, "changed": group["id"]})
    return chosen, answer


@pytest.mark.parametrize("market", sorted(BOOK.markets))
def test_complete_and_valid_is_orderable_on_every_model(
    client: FlaskClient, headers: Callable[[str], dict[str, str]], market: str
) -> None:
    auth = headers("sales")
    walked = 0
    for model in sorted(BOOK.models):
        chosen, answer = walk(client, auth, market, model)
        order = {"customer": "Walk Ltd", "market": market, "model": model, "quantity": 1}
        response = client.post("/api/v1/orders", json=order | {"selections": chosen}, headers=auth)
        if not answer["buyable"]:  # no valid truck at all: the order is refused, saying why
            assert response.status_code == 422, (model, response.json)
            continue
        walked += 1
        assert response.status_code == 201, (model, chosen, response.json)
        stored = response.json or {}
        assert stored["selections"] == answer["values"], model
        assert stored["price"]["total"] == answer["price"]["total"], model
    assert walked > len(BOOK.models) // 2  # most models are buyable in every market
