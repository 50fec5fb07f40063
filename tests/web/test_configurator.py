"""The configurator page: states and reasons, defaults, changing your mind, with and without JS."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from .conftest import KZ_TRACTOR, proposal, sel

KZ = "/configure?market=KZ&model=x3000-tractor-6x4"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def sales(login: Callable[[str], FlaskClient]) -> FlaskClient:
    return login("sales")


def option_html(html: str, pair: str) -> str:
    """The <li> of one option, e.g. option_html(html, "engine=WP12.430E201")."""
    found = re.search(
        rf'<li class="option [^"]*" data-option="{re.escape(pair)}">(.*?)</li>', html, re.S
    )
    assert found, pair
    return found.group(0)


def query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def test_market_lists_its_recommended_models_first(sales: FlaskClient) -> None:
    kz = sales.get("/configure?market=KZ").text
    tj = sales.get("/configure?market=TJ").text
    first = re.compile(r'<optgroup label="Recommended for this market">\s*<option value="([^"]+)"')
    # tractors of the dealer's Kazakhstan list, dumps of its three-countries list
    assert first.search(kz).group(1) == "x6000-tractor-4x2"  # type: ignore[union-attr]
    assert first.search(tj).group(1) == "f3000-dump-6x4"  # type: ignore[union-attr]


def test_a_model_the_market_cannot_buy_is_shown_but_not_choosable(sales: FlaskClient) -> None:
    html = sales.get("/configure?market=KZ").text
    assert re.search(r'<option value="x5000-tractor-6x4" disabled>', html)  # Euro II only


def test_euro_ii_engine_is_blocked_with_its_reason_and_source(sales: FlaskClient) -> None:
    li = option_html(sales.get(KZ).text, "engine=WP12.430E201")
    assert "disabled" in li
    assert "Kazakhstan admits imported trucks with eco class 4 (Euro 4) engines or better." in li
    assert "kz-euro-4-minimum" in li
    assert re.search(r"<code>rules/markets/kz\.yaml:\d+</code>", li)
    assert "Choose anyway" not in li  # the market forbids it whatever else is chosen


def test_forced_options_are_locked_with_their_reason(sales: FlaskClient) -> None:
    li = option_html(sales.get(KZ).text, "tachograph=aetr-digital")
    assert "checked disabled" in li
    assert "AETR" in li and "kz-aetr-tachograph" in li


def test_recommended_options_are_marked(sales: FlaskClient) -> None:
    html = sales.get("/configure?market=TJ&model=x3000-dump-6x4").text
    li = option_html(html, "body=box-35m3-wear-resistant")
    assert "recommended" in li


def test_the_running_price_adds_the_options(sales: FlaskClient) -> None:
    html = sales.get(KZ + "&sel_cab=flat-roof").text
    assert "−2,000 CNY" in html or "-2,000 CNY" in html  # acc 13: high → flat roof
    # 310,190 + the forced Euro V engine 32,000 + insulated cab 1,000 + low-temp lines 800
    # − 2,000 for the flat roof
    assert re.search(r'data-testid="total">341,990 CNY<', html)


def test_complete_with_defaults_gives_a_valid_truck(sales: FlaskClient) -> None:
    response = sales.get(KZ + "&defaults=1")
    assert response.status_code == 303
    html = sales.get(response.location).text
    assert "Complete and valid" in html
    assert "Save as order" in html


def test_after_a_choice_the_other_options_of_its_group_stay_choosable(sales: FlaskClient) -> None:
    html = sales.get(KZ + "&sel_gearbox=12JSDX220T-B").text
    li = option_html(html, "gearbox=12JSDX240T")
    assert "disabled" not in li
    assert "disabled" in option_html(html, "engine=WP12.430E201")


def test_choose_anyway_names_what_must_go_and_replaces_it_on_confirm(
    sales: FlaskClient,
) -> None:
    state = KZ + "&sel_engine=WP12.430E50&sel_abs=without"
    li = option_html(sales.get(state).text, "gearbox=SF16JZ240")
    assert "disabled" in li and "eng-amt-needs-abs" in li  # acc 188: AMT must have ABS
    assert 'name="anyway" value="gearbox=SF16JZ240"' in li

    asked = sales.get(state + "&anyway=gearbox=SF16JZ240")
    assert asked.status_code == 200
    pending = asked.text.split('data-testid="pending"')[1].split("</section>")[0]
    assert "Anti-lock brakes: Without ABS" in pending
    assert "Gearbox: Fast SF16JZ240 16-speed AMT" in pending
    # Nothing is changed before the user confirms.
    assert "checked" in option_html(asked.text, "abs=without")

    confirmed = sales.get(state + "&confirm=gearbox=SF16JZ240")
    assert confirmed.status_code == 303
    assert query(confirmed.location)["sel_gearbox"] == "SF16JZ240"
    assert query(confirmed.location)["sel_abs"] == "domestic-4ch"
    page = sales.get(confirmed.location).text
    assert (
        "Anti-lock brakes: Without ABS was replaced by Anti-lock brakes: 4-channel ABS (domestic)."
        in page
    )


def test_keeping_the_earlier_choices_changes_nothing(sales: FlaskClient) -> None:
    state = KZ + "&sel_abs=without&sel_gearbox=12JSD200T-B"
    response = sales.get(state + "&was_abs=without&was_gearbox=12JSD200T-B&keep=1")
    assert response.status_code == 303
    assert query(response.location)["sel_gearbox"] == "12JSD200T-B"
    assert query(response.location)["sel_abs"] == "without"


def test_a_form_post_without_script_keeps_the_latest_choice(sales: FlaskClient) -> None:
    """Without JavaScript several radios may change at once; the changed one wins."""
    response = sales.get(
        KZ + "&sel_abs=without&sel_gearbox=SF16JZ240"
        "&was_abs=without&was_gearbox=12JSD200T-B&update=1"
    )
    assert response.status_code == 303
    assert query(response.location)["sel_gearbox"] == "SF16JZ240"
    assert query(response.location)["sel_abs"] == "domestic-4ch"


def test_choices_that_do_not_exist_on_the_model_are_left_out(sales: FlaskClient) -> None:
    response = sales.get("/configure?market=KZ&model=x5000-tractor-6x4&sel_engine=WP12.430E50")
    assert response.status_code == 200
    assert "does not apply to this model and was left out" in response.text


def test_htmx_gets_the_fragment_and_the_clean_url(sales: FlaskClient) -> None:
    response = sales.get(KZ + "&sel_cab=high-roof&was_cab=flat-roof", headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="cfg"')
    assert "<html" not in response.text
    assert response.headers["HX-Push-Url"] == KZ + "&sel_cab=high-roof"


def test_save_as_order_only_when_valid(sales: FlaskClient, app: Flask) -> None:
    assert "Save as order" not in sales.get(KZ).text
    valid = sales.get("/configure", query_string=KZ_TRACTOR | sel(proposal(app))).text
    assert "Complete and valid" in valid
    assert 'href="/orders/new?market=KZ&amp;model=x3000-tractor-6x4&amp;sel_' in valid


def test_a_model_the_market_cannot_buy_says_why_and_offers_the_others(sales: FlaskClient) -> None:
    html = sales.get("/configure?market=KZ&model=x5000-tractor-6x4").text
    assert "This market cannot buy this model" in html
    assert "kz-euro-4-minimum" in html
    assert "Complete with defaults" not in html
    assert '<option value="x3000-tractor-6x4"' in html


@pytest.mark.parametrize(
    "pair", ["engine=NOPE", "nogroup=x", "engine=WP12.430E201", "engine"], ids=str
)
def test_a_choice_no_truck_can_have_is_ignored(sales: FlaskClient, pair: str) -> None:
    for action in ("anyway", "confirm"):
        response = sales.get(f"{KZ}&sel_engine=WP12.430E50&{action}={pair}")
        assert response.status_code in (200, 303)
        assert 'data-testid="pending"' not in response.text
        if response.status_code == 303:
            assert query(response.location)["sel_engine"] == "WP12.430E50"


def test_htmx_answers_update_the_live_region_for_screen_readers(sales: FlaskClient) -> None:
    html = sales.get(KZ + "&sel_cab=high-roof", headers=HTMX).text
    live = re.search(r'<p id="cfg-live" hx-swap-oob="innerHTML">(.*?)</p>', html, re.S)
    assert live and "choices left · 343,990 CNY" in live.group(1)
