"""Catalogue pages: models per market with key figures and why a market can't buy one."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask.testing import FlaskClient


def test_models_of_a_market_with_key_figures(login: Callable[[str], FlaskClient]) -> None:
    html = login("engineer").get("/catalogue?market=KZ").text
    row = re.search(
        r"<tr class=\"ok\">\s*<th scope=\"row\">SHACMAN X3000 6x4 tractor SX42554V324<br>"
        r"<code>kz-sx42554v324</code>.*?</tr>",
        html,
        re.S,
    )
    assert row, "the X3000 tractor row of the Kazakhstan list"
    for figure in ("X3000", "6x4", "3175+1400", "GCW ≈49 t", "319,570 CNY", "✓ yes"):
        assert figure in row.group(0)


def test_a_model_the_market_cannot_buy_says_why(login: Callable[[str], FlaskClient]) -> None:
    html = login("engineer").get("/catalogue?market=KZ").text
    row = re.search(
        r'<tr class="never">\s*<th scope="row">SHACMAN X5000 6x4 tractor SX425541324.*?</tr>',
        html,
        re.S,
    )
    assert row, "the X5000 tractor row (Euro II engines only)"
    assert "kz-euro-4-minimum" in row.group(0)


def test_recommended_models_come_first(login: Callable[[str], FlaskClient]) -> None:
    html = login("sales").get("/catalogue?market=TJ").text
    first = re.search(r'<tbody>\s*<tr class="ok">\s*<th scope="row">([^<]+)<', html)
    assert first and "dump" in first.group(1)


def test_option_groups_with_options_and_prices(login: Callable[[str], FlaskClient]) -> None:
    html = login("manager").get("/catalogue/options").text
    assert 'id="g-heater"' in html
    assert "9 kW coolant pre-heater" in html and "+10,000 CNY" in html
    assert "body = dump, mixer, cargo" in html


def test_market_facts_read_in_the_readers_language(login: Callable[[str], FlaskClient]) -> None:
    client = login("sales")
    english = client.get("/catalogue?market=KZ&lang=en").text
    assert "axles 3: 25 t, 4: 32 t, 5: 38 t, 6: 44 t; never over 44 t" in english
    ru = client.get("/catalogue?market=KZ&lang=ru").text
    assert "по осям 3: 25 t, 4: 32 t, 5: 38 t, 6: 44 t; не более 44 т" in ru
    assert "never over" not in ru
