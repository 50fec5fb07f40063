"""The export figures page and the yearly PDF report: managers and admins only, SVG charts."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient, FlaskCliRunner
from pypdf import PdfReader

from .conftest import HISTORY_CSV

PASSWORD = "correct horse battery"
Login = Callable[[str], FlaskClient]


@pytest.fixture
def login(client: FlaskClient, make_user: Callable[..., str], runner: FlaskCliRunner) -> Login:
    """login("manager") -> the client, logged in through the form; the history is imported."""
    assert runner.invoke(args=["exports", "import", str(HISTORY_CSV)]).exit_code == 0

    def log_in(role: str) -> FlaskClient:
        make_user(role, name=role, password=PASSWORD)
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]* value="([^"]+)"', page)
        assert token, "no CSRF token on the login page"
        data = {"name": role, "password": PASSWORD, "csrf_token": token.group(1)}
        assert client.post("/login", data=data).status_code == 302
        return client

    return log_in


def test_visitors_log_in_first_and_other_roles_are_refused(
    client: FlaskClient, login: Login
) -> None:
    assert client.get("/exports").status_code == 302
    assert login("sales").get("/exports").status_code == 403
    assert client.get("/exports/report.pdf").status_code == 403


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_the_page_shows_2023_with_the_change_and_charts(login: Login, role: str) -> None:
    client = login(role)
    page = client.get("/exports")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<span data-testid="units">7,500</span> units in 2023' in html
    assert '<span data-testid="change">+110.0 %</span>' in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3
    assert "illustrative split, not published" in html  # what the figures are, said with them
    assert "more than 7,500" in html and "derived from the +110 % growth" in html
    assert html.count("illustrative, not published.</figcaption>") == 2  # on both split charts
    assert "/api/v1/exports.csv?year=2023" in html and "/exports/report.pdf?year=2023" in html
    assert client.get("/api/v1/exports.csv?year=2023").status_code == 200  # by session


def test_filters_narrow_the_page(login: Login) -> None:
    html = login("manager").get("/exports?year=2023&market=TJ").get_data(as_text=True)
    assert '<span data-testid="units">1,200</span> units in 2023' in html
    assert '<option value="TJ" selected>TJ</option>' in html


@pytest.mark.parametrize("query", ["year=20x3", "year=1800", "market=RU", "body=%3Cscript%3E"])
def test_bad_filters_answer_422_and_echo_nothing_raw(login: Login, query: str) -> None:
    response = login("manager").get(f"/exports?{query}")
    assert response.status_code == 422
    assert "<script>" not in response.get_data(as_text=True)


def test_the_yearly_report_is_a_pdf(login: Login) -> None:
    response = login("manager").get("/exports/report.pdf?year=2023&body=dump")
    assert response.mimetype == "application/pdf"
    assert 'filename="exports-2023.pdf"' in response.headers["Content-Disposition"]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "2,700 units in 2023" in text and "+98.4 %" in text


def test_a_year_without_figures_says_no_data(login: Login) -> None:
    html = login("manager").get("/exports?year=2025").get_data(as_text=True)
    assert '<span data-testid="units">No data for 2025</span>' in html
    assert "-100" not in html and "−100" not in html
