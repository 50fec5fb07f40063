"""Rule review pages (issue 7): engineers and admins only; findings, counts, rules, effects."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient


@pytest.mark.parametrize("role", ["sales", "manager"])
def test_other_roles_are_refused(login: Callable[[str], FlaskClient], role: str) -> None:
    assert login(role).get("/review/").status_code == 403


def test_visitors_are_sent_to_log_in(client: FlaskClient) -> None:
    response = client.get("/review/markets/KZ")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_index_shows_findings_and_counts(login: Callable[[str], FlaskClient]) -> None:
    page = login("engineer").get("/review/")
    assert page.status_code == 200
    html = page.text
    assert "rules/markets/kz.yaml:35" in html and "kz-long-haul-12-speed" in html
    assert "no valid configuration in KZ" in html
    assert "115,935,805,440" in html  # TM x3000 tractor
    assert 'href="/review/markets/KZ"' in html


def test_market_page_lists_own_inherited_and_catalogue_rules(
    login: Callable[[str], FlaskClient],
) -> None:
    html = login("admin").get("/review/markets/kz").text
    assert "Rules of this market (5)" in html
    assert "Inherited from layer central-asia" in html
    assert "Government decree No. 97 of 6 Feb 2013" in html  # legal reference
    assert "rules/markets/kz.yaml:21" in html
    assert "Kazakhstan admits imported trucks with eco class 4 (Euro 4) engines or better." in html
    assert "0 (never)" in html  # the Euro II-only X5000 6x4 tractor
    assert "rules/catalogue/models.yaml:759" in html


def test_rule_page_shows_what_it_blocks(login: Callable[[str], FlaskClient]) -> None:
    client = login("engineer")
    html = client.get("/review/rules/kz-euro-4-minimum").text
    assert "engine=WP12.430E201" in html
    assert "the whole model: no valid configuration is left" in html  # L3000 dump in KZ
    redundant = client.get("/review/rules/kz-long-haul-12-speed").text
    assert "Nothing: every option stays as selectable" in redundant
    assert "redundant" in redundant


def test_unknown_market_and_rule_are_404(login: Callable[[str], FlaskClient]) -> None:
    client = login("engineer")
    assert client.get("/review/markets/XX").status_code == 404
    assert client.get("/review/rules/no-such-rule").status_code == 404
