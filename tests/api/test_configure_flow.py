"""POST /api/v1/configure does what the configurator page does: change your mind (`changed`),
complete with defaults (`fill`), and the same request always gets the same answer."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

KZ = {"market": "KZ", "model": "x3000-tractor-6x4"}


def post(client: FlaskClient, auth: dict[str, str], **body: Any) -> dict[str, Any]:
    response = client.post("/api/v1/configure", json=KZ | body, headers=auth)
    assert response.status_code == 200, response.json
    return dict(response.json or {})


def option(answer: dict[str, Any], group: str, value: str) -> dict[str, Any]:
    states = next(g for g in answer["groups"] if g["id"] == group)["options"]
    return next(o for o in states if o["id"] == value)


def test_change_of_mind_drops_the_conflicting_choice_and_fills_its_place(
    client: FlaskClient, headers: Callable[[str], dict[str, str]]
) -> None:
    auth = headers("sales")
    before = post(client, auth, selections={"abs": "without"})
    amt = option(before, "gearbox", "SF16JZ240")
    assert amt["state"] == "blocked" and amt["reasons"][0]["because"] == ["abs=without"]

    after = post(
        client, auth, selections={"abs": "without", "gearbox": "SF16JZ240"}, changed="gearbox"
    )
    assert after["dropped"] == [{"option": "abs=without", "replaced_by": "domestic-4ch"}]
    assert after["selections"] == {"gearbox": "SF16JZ240", "abs": "domestic-4ch"}
    assert after["violations"] == []  # the answer is about the settled selections
    assert option(after, "gearbox", "SF16JZ240")["state"] == "selected"

    plain = post(client, auth, selections={"abs": "without", "gearbox": "SF16JZ240"})
    assert plain["dropped"] == [] and plain["violations"]  # without `changed`: only told


def test_fill_completes_with_the_defaults_and_the_result_is_orderable(
    client: FlaskClient, headers: Callable[[str], dict[str, str]]
) -> None:
    auth = headers("sales")
    empty = post(client, auth)
    assert not empty["complete"]
    filled = post(client, auth, fill=True)
    assert filled["complete"] and filled["valid"]
    defaults = empty["defaults"]
    assert all(filled["selections"][g] == v for g, v in defaults.items())
    order = {"customer": "Fill Ltd", "quantity": 1, **KZ, "selections": filled["selections"]}
    created = client.post("/api/v1/orders", json=order, headers=auth)
    assert created.status_code == 201, created.json
    assert created.json["selections"] == filled["values"]


def test_identical_requests_get_identical_answers_between_other_sessions(
    client: FlaskClient, headers: Callable[[str], dict[str, str]]
) -> None:
    auth = headers("sales")
    asks = [{}, {"cab": "flat-roof"}, {"abs": "without", "gearbox": "SF16JZ240"}]
    first = [post(client, auth, selections=a, fill=True) for a in asks]
    rnd = random.Random(7)
    for _ in range(20):
        # someone else's session on the same model warms the engine in between
        other: dict[str, str] = {}
        for _step in range(6):
            answer = post(client, auth, selections=other)
            open_groups = [
                g for g in answer["groups"]
                if g["selected"] is None
                and sum(o["state"] == "available" for o in g["options"]) > 1
            ]  # fmt: skip
            if not open_groups:
                break
            group = rnd.choice(open_groups)
            choices = [o["id"] for o in group["options"] if o["state"] == "available"]
            other[group["id"]] = rnd.choice(choices)
        again = [post(client, auth, selections=a, fill=True) for a in asks]
        assert again == first


def test_bad_fill_or_changed_is_a_422_naming_the_field(
    client: FlaskClient, headers: Callable[[str], dict[str, str]]
) -> None:
    auth = headers("sales")
    for body, field in (({"fill": "maybe"}, "fill"), ({"changed": 12}, "changed")):
        response = client.post("/api/v1/configure", json=KZ | body, headers=auth)
        assert response.status_code == 422
        assert field in str(response.json), response.json
