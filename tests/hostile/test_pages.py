"""Hostile input to the pages: form posts without (or with a wrong) CSRF token, hostile form
values and query strings. Always a 4xx or a normal page, never a 5xx; nothing stored by a
refused post; hostile text never comes back as live markup."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

import pytest

from .conftest import csrf
from .corpus import MARKUP, REFUSED_TEXT, SQL, TEXT, TRAVERSAL, UNICODE

FREE_TEXT = MARKUP | SQL | UNICODE | TRAVERSAL
SURROGATES = {k: v for k, v in REFUSED_TEXT.items() if "surrogate" in k}
FORM = "application/x-www-form-urlencoded"
NUMBERS = {"huge": "9" * 40, "negative": "-5", "float": "1.5", "word": "abc"}


def post(client, path: str, form: dict[str, Any]):
    """Post the form as a browser would encode it (a lone surrogate: its invalid UTF-8)."""
    fields = {k: str(v).encode("utf-8", "surrogatepass") for k, v in form.items()}
    return client.post(path, data=urlencode(fields), content_type=FORM)


def new_order_form(site, **changes: Any) -> dict[str, Any]:
    fields = {f"sel_{group}": value for group, value in site.selections.items()}
    form = {"market": "KZ", "model": "x3000-tractor-6x4", "customer": "Form Corp", "quantity": "2"}
    return form | fields | changes


def forms(site, order: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every form that changes something: (path, its fields without the CSRF token)."""
    return {
        "login": ("/login", {"name": "web-sales", "password": "correct horse battery"}),
        "logout": ("/logout", {}),
        "save order": ("/orders/new", new_order_form(site)),
        "status change": (f"/orders/{order['id']}",
                          {"action": "status", "status": "quoted", "version": order["version"]}),
        "edit order": (f"/orders/{order['id']}", {"action": "edit", "customer": "Changed",
                                                   "quantity": "7", "version": order["version"]}),
    }  # fmt: skip


@pytest.mark.parametrize("token", ["missing", "empty", "wrong", "other session"])
@pytest.mark.parametrize("form", ["login", "logout", "save order", "status change", "edit order"])
def test_forms_without_a_valid_csrf_token_change_nothing(site, order, form, token):
    client = site.app.test_client() if form == "login" else site.login("sales")
    path, fields = forms(site, order)[form]
    tokens = {"empty": "", "wrong": "IjEyMyI.forged.token", "other session": _foreign(site)}
    data = fields if token == "missing" else fields | {"csrf_token": tokens[token]}
    before = site.rows()
    response = post(client, path, data)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert "CSRF" in response.get_data(as_text=True)
    assert site.rows() == before
    logged_in = client.get("/orders").status_code == 200
    assert logged_in is (form != "login")  # no login without the token; no logout either


def _foreign(site) -> str:
    """A valid CSRF token, but of another browser's session."""
    return csrf(site.login("manager").get("/orders").get_data(as_text=True))


def test_hostile_customer_names_on_the_order_form(site):
    """Free text is stored exactly; control characters, blank and overlong names are refused
    with nothing stored. A lone surrogate can only arrive as invalid UTF-8, which werkzeug
    keeps as its %XX escapes: stored as that harmless text."""
    client = site.login("sales")
    token = csrf(client.get("/orders").get_data(as_text=True))
    wrong = []
    for name, value in (FREE_TEXT | REFUSED_TEXT).items():
        before = site.rows()
        response = post(
            client, "/orders/new", new_order_form(site, customer=value, csrf_token=token)
        )
        if response.status_code == 303 and name in FREE_TEXT | SURROGATES:
            shown = _customer_of(site, response.headers["Location"])
            expected = (
                quote(value.encode("utf-8", "surrogatepass"), safe=" ")
                if name in SURROGATES
                else value
            )
            if shown != expected:
                wrong.append(f"{name}: stored as {shown!r}")
        elif name in FREE_TEXT | SURROGATES or response.status_code != 422:
            wrong.append(f"{name}: {response.status_code}")
        elif site.rows() != before:
            wrong.append(f"{name}: refused, but rows changed")
    assert wrong == [], "\n".join(wrong)


def _customer_of(site, location: str) -> str:
    order_id = int(location.rstrip("/").rsplit("/", 1)[1])
    order = site.app.test_client().get(f"/api/v1/orders/{order_id}", headers=site.headers())
    return str(order.json["customer"])


@pytest.mark.parametrize("field", ["quantity", "market", "model", "sel_gearbox", "sel_nothing"])
def test_hostile_values_on_the_order_form_are_refused(site, field):
    client = site.login("sales")
    token = csrf(client.get("/orders").get_data(as_text=True))
    wrong = []
    for name, value in (TEXT | NUMBERS).items():
        if (field, name) == ("sel_nothing", "empty"):
            continue  # an empty choice is no choice: the order is saved, rightly
        before = site.rows()
        form = new_order_form(site, **{field: value}, csrf_token=token)
        response = post(client, "/orders/new", form)
        if not 400 <= response.status_code < 500 or site.rows() != before:
            wrong.append(f"{name}: {response.status_code}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("field", ["version", "status", "ship_date", "quantity", "customer"])
def test_hostile_values_on_the_order_page_forms_are_refused(site, order, field):
    """The status form (status, ship_date, version) and the edit form (customer, quantity)."""
    client = site.login("sales")
    path = f"/orders/{order['id']}"
    token = csrf(client.get(path).get_data(as_text=True))
    action = "edit" if field in ("quantity", "customer") else "status"
    wrong = []
    for name, value in (REFUSED_TEXT if field == "customer" else TEXT | NUMBERS).items():
        if (field, name) in (("ship_date", "blank"), ("ship_date", "empty")):
            continue  # no ship date: a valid status change
        if field == "customer" and name in SURROGATES:
            continue  # arrives as %XX text (see above)
        before = site.rows()
        form = {"action": action, "status": "quoted", "customer": "Edit Corp", "quantity": "3",
                "version": _version(site, order), "csrf_token": token, field: value}  # fmt: skip
        response = post(client, path, form)
        if response.status_code != 422 or site.rows() != before:
            wrong.append(f"{name}: {response.status_code}")
    assert wrong == [], "\n".join(wrong)


def _version(site, order: dict[str, Any]) -> int:
    answer = site.app.test_client().get(f"/api/v1/orders/{order['id']}", headers=site.headers())
    return int(answer.json["version"])


PAGE_QUERIES = [
    ("/orders", "page"),
    ("/orders", "q"),
    ("/orders", "market"),
    ("/orders", "status"),
    ("/configure", "market"),
    ("/configure", "model"),
    ("/configure", "sel_engine"),
    ("/configure", "anyway"),
    ("/configure", "confirm"),
    ("/orders/new", "model"),
    ("/catalogue", "market"),
    ("/exports", "year"),
    ("/exports", "market"),
    ("/login", "next"),
    ("/orders", "lang"),
]


@pytest.mark.parametrize(("path", "param"), PAGE_QUERIES, ids=[f"{p} {q}" for p, q in PAGE_QUERIES])
def test_hostile_query_strings_on_pages(site, path, param):
    client = site.login("admin")
    base = {"market": "KZ", "model": "x3000-tractor-6x4"} if "configure" in path else {}
    wrong = []
    for name, value in (TEXT | NUMBERS).items():
        query = base | {param: value.encode("utf-8", "surrogatepass")}
        response = client.get(path, query_string=query)
        text = response.get_data(as_text=True)
        if response.status_code >= 500 or any(m in text for m in MARKUP.values() if "<" in m):
            wrong.append(f"{name}: {response.status_code} {text[:200]}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("kind", ["2 MiB field", "5,000 fields"])
def test_huge_form_posts_are_refused(site, kind):
    client = site.login("sales")
    token = csrf(client.get("/orders").get_data(as_text=True))
    form = new_order_form(site, csrf_token=token)
    if kind == "2 MiB field":
        form["customer"] = "A" * (2 * 1024 * 1024)
    else:
        form |= {f"sel_x{n}": "y" for n in range(5_000)}
    before = site.rows()
    response = post(client, "/orders/new", form)
    assert response.status_code == (413 if kind == "2 MiB field" else 400)  # unknown groups
    assert site.rows() == before
