"""The configurator and the order form answer as of the delivery date (the field after the
market): the shipped emergency-call change decides between 2027 and 2028."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask.testing import FlaskClient

from .conftest import csrf_token

BASE = "/configure?market=KZ&model=x3000-tractor-6x4"


def none_state(page: str) -> str:
    found = re.search(r'<li class="option state-(\w+)" data-option="emergency_call=none"', page)
    assert found, "no emergency_call=none option on the page"
    return found[1]


def test_the_delivery_date_decides_which_rules_apply(login: Callable[[str], FlaskClient]) -> None:
    client = login("sales")
    page = client.get(BASE).get_data(as_text=True)
    first = page.index('name="market"')
    assert first < page.index('name="date"') < page.index('name="model"')  # right after market
    assert none_state(client.get(BASE + "&date=2027-06-01").get_data(as_text=True)) == "available"
    late = client.get(BASE + "&date=2028-03-01").get_data(as_text=True)
    assert none_state(late) == "blocked"
    assert 'value="2028-03-01"' in late


def test_a_bad_delivery_date_says_so_and_uses_today(login: Callable[[str], FlaskClient]) -> None:
    client = login("sales")
    for bad in ("2027-02-30", "1999-01-01", "soon"):
        response = client.get(BASE + "&date=" + bad, follow_redirects=True)
        assert response.status_code == 200
        assert "today&#39;s rules apply" in response.get_data(as_text=True), bad


def test_the_order_saved_from_a_dated_configuration_keeps_its_delivery_date(
    login: Callable[[str], FlaskClient],
) -> None:
    client = login("sales")
    url = BASE + "&date=2027-06-01&sel_emergency_call=none&defaults=1"
    page = client.get(url, follow_redirects=True).get_data(as_text=True)
    link = re.search(r'href="(/orders/new\?[^"]+)"', page)
    assert link, "no Save as order link"
    target = link[1].replace("&amp;", "&")
    assert "date=2027-06-01" in target
    form = client.get(target).get_data(as_text=True)
    assert 'value="2027-06-01"' in form
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields |= {"customer": "Astana Logistics", "quantity": "1", "delivery_date": "2027-06-01"}
    fields["csrf_token"] = csrf_token(form)
    saved = client.post("/orders/new", data=fields)
    assert saved.status_code == 303, saved.get_data(as_text=True)[:3000]
    fields["delivery_date"] = "2028-03-01"  # the same truck for 2028: the rules reject it
    refused = client.post("/orders/new", data=fields)
    assert refused.status_code == 422
    assert "ca-emergency-call" in refused.get_data(as_text=True)


def test_the_order_page_shows_the_delivery_date(login: Callable[[str], FlaskClient]) -> None:
    client = login("sales")
    url = BASE + "&date=2027-06-01&sel_emergency_call=none&defaults=1"
    page = client.get(url, follow_redirects=True).get_data(as_text=True)
    link = re.search(r'href="(/orders/new\?[^"]+)"', page)
    assert link
    form = client.get(link[1].replace("&amp;", "&")).get_data(as_text=True)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields |= {"customer": "Shymkent Cargo", "quantity": "1", "delivery_date": "2027-06-01"}
    fields["csrf_token"] = csrf_token(form)
    saved = client.post("/orders/new", data=fields)
    shown = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert re.search(r"Delivery date</dt><dd>Jun 1, 2027</dd>", shown)  # in the reader's language
    reopened = client.get(saved.headers["Location"] + "/reopen")  # configured as of its date
    assert reopened.status_code == 303 and "date=2027-06-01" in reopened.headers["Location"]
