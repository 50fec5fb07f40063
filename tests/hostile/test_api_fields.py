"""Every field of every JSON call, given each hostile value in turn (the rest of the body valid).

Free-text fields (a customer's name, a password) take markup, SQL, odd Unicode and paths as
the text they are: the answer is a 2xx and the text comes back exactly as sent. Every other
field refuses every one of them with a 4xx, and then nothing is stored. Never a 5xx.
"""

from __future__ import annotations

from typing import Any

import pytest

from catalog.security import passwords

from .corpus import MARKUP, REFUSED_TEXT, SQL, TRAVERSAL, UNICODE, VALUES, WRONG_TYPES

FREE_TEXT = set(MARKUP) | set(SQL) | set(UNICODE) | set(TRAVERSAL)  # ids of text to keep as is
SELECTION_KEY, SELECTION_VALUE = "selections key", "selections value"

# call -> (method, path, role, fields to try, free-text fields)
CALLS: dict[str, tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = {
    "configure": ("POST", "/api/v1/configure", "sales",
                  ("market", "model", "selections", SELECTION_KEY, SELECTION_VALUE, "changed",
                   "lang", "extra"), ()),
    "order create": ("POST", "/api/v1/orders", "sales",
                     ("customer", "market", "model", "selections", SELECTION_KEY,
                      SELECTION_VALUE, "quantity", "extra"), ("customer",)),
    "order patch": ("PATCH", "/api/v1/orders/{order}", "sales",
                    ("version", "status", "ship_date", "customer", "model", "selections",
                     SELECTION_VALUE, "quantity", "extra"), ("customer",)),
    "quick quote": ("POST", "/api/v1/spec.pdf", "sales",
                    ("market", "model", "selections", SELECTION_KEY, "lang", "prices", "date",
                     "quantity", "customer", "extra"), ("customer",)),
    "user create": ("POST", "/api/v1/users", "admin", ("name", "role", "password", "extra"),
                    ("password",)),
    "user patch": ("PATCH", "/api/v1/users/{user}", "admin",
                   ("role", "active", "password", "extra"), ("password",)),
    "token": ("POST", "/api/v1/users/{user}/tokens", "admin", ("days", "extra"), ()),
}  # fmt: skip

# Values a non-text field may take from the corpus, and why: (call, field, value id).
ACCEPTED = {
    ("configure", "changed", "null"),  # no group just changed
    ("configure", "selections", "object"),  # {"$gt": ""}: an empty value is "not chosen"
    ("configure", SELECTION_VALUE, "null"),  # not chosen
    ("configure", SELECTION_VALUE, "empty"),  # not chosen
    ("quick quote", "selections", "object"),
    ("quick quote", "lang", "null"),  # the market's document language
    ("quick quote", "date", "null"),  # today
    ("quick quote", "customer", "null"),  # a quote for no one in particular
    ("quick quote", "prices", "true"),
    ("quick quote", "prices", "zero"),  # marshmallow's Boolean reads 0 as false
    ("user patch", "active", "true"),
}
# `changed` only says which chosen group to keep when choices conflict; a value that names no
# chosen group is ignored (never stored, never echoed), so configure takes any string there.
IGNORED = {("configure", "changed")}


def body_for(site, call: str, current: dict[str, Any]) -> dict[str, Any]:
    """A valid body of the call (for PATCH: against the order's current version)."""
    bodies = {
        "configure": {"market": "KZ", "model": "x3000-tractor-6x4", "selections": {}},
        "order create": site.order_body(),
        "order patch": {"version": current["version"], "quantity": current["quantity"] % 9 + 1},
        "quick quote": {"market": "KZ", "model": "x3000-tractor-6x4"},
        "user create": {"name": f"fuzz-{current['made']}", "role": "sales"},
        "user patch": {"role": "engineer"},
        "token": {"days": 30},
    }
    return bodies[call]


def with_value(body: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    if field == SELECTION_KEY:
        return body | {"selections": {value if isinstance(value, str) else "x": "none"}}
    if field == SELECTION_VALUE:
        # an open group: the KZ tractor has one engine, so an empty engine is filled, rightly
        return body | {"selections": {**body.get("selections", {}), "gearbox": value}}
    return body | {"extra" if field == "extra" else field: value}


def values_for(call: str, field: str) -> dict[str, Any]:
    if call == "quick quote" and field != "extra":
        return REFUSED_TEXT | WRONG_TYPES | {k: MARKUP[k] for k in ("script", "jinja")}
    return VALUES


class FakePrinter:
    """The quick quote's HTML is made; WeasyPrint is skipped (test_escaping prints for real)."""

    def pdf(self, html: str) -> bytes:
        assert "<html" in html
        return b"%PDF-1.7 stub"


@pytest.mark.parametrize("call", list(CALLS))
def test_every_field_refuses_or_keeps_hostile_values(site, order, call, monkeypatch):
    monkeypatch.setattr("catalog.specsheet.pool.render", lambda html, *_: FakePrinter().pdf(html))
    method, path, role, fields, free = CALLS[call]
    client = site.app.test_client()
    current = {"version": order["version"], "quantity": order["quantity"], "made": 0}
    url = path.format(order=order["id"], user=_user_id(site, "web-engineer"))
    wrong = []
    for field in fields:
        for name, value in values_for(call, field).items():
            body = with_value(body_for(site, call, current), field, value)
            before = site.rows()
            response = client.open(url, method=method, json=body, headers=site.headers(role))
            free_text = field in free and name in FREE_TEXT and _long_enough(field, value)
            ignored = (call, field) in IGNORED and isinstance(value, str)
            problem = _judge(response, free_text or ignored or (call, field, name) in ACCEPTED)
            if ignored and not problem and value and value in response.get_data(as_text=True):
                problem = "echoed an ignored value"
            if not problem and response.status_code < 300:
                problem = _kept(response, field, value, free_text)
                _follow(current, response)
            elif not problem and site.rows() != before:
                problem = "refused, but rows changed"
            if problem:
                wrong.append(f"{field}={name}: {response.status_code} {problem}")
    assert wrong == [], "\n".join(wrong)


def _long_enough(field: str, value: str) -> bool:
    # a password is free text that the password policy (length, common list) also accepts
    return field != "password" or passwords.problem(value) is None


def _judge(response, acceptable: bool) -> str:
    status = response.status_code
    if status >= 500 or not 200 <= status < 500:
        return response.get_data(as_text=True)[:200]
    if status < 300 and not acceptable:
        return "accepted a hostile value"
    if status >= 400 and acceptable:
        return f"refused free text: {response.get_data(as_text=True)[:200]}"
    if status >= 400 and set(response.json or {}) != {"code", "status", "message", "errors"}:
        return "not the error shape"
    return ""


def _kept(response, field: str, value: Any, free_text: bool) -> str:
    if not free_text or field == "password" or response.mimetype != "application/json":
        return ""
    returned = (response.json or {}).get(field)
    return "" if returned == value else f"came back as {returned!r}"


def _follow(current: dict[str, Any], response) -> None:
    data = response.get_json(silent=True) or {}
    current["made"] += 1
    if "version" in data:
        current["version"], current["quantity"] = data["version"], data["quantity"]


def _user_id(site, name: str) -> int:
    listed = site.app.test_client().get("/api/v1/users", headers=site.headers("admin")).json
    return next(u["id"] for u in listed if u["name"] == name)
