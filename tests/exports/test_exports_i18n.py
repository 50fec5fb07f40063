"""The export figures page and the yearly report in Chinese and Russian; English by default."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient, FlaskCliRunner
from pypdf import PdfReader

from .conftest import HISTORY_CSV

PASSWORD = "correct horse battery"


@pytest.fixture
def manager(
    client: FlaskClient, make_user: Callable[..., str], runner: FlaskCliRunner
) -> FlaskClient:
    """The client, logged in as a manager through the form; the history is imported."""
    assert runner.invoke(args=["exports", "import", str(HISTORY_CSV)]).exit_code == 0
    make_user("manager", name="manager", password=PASSWORD)
    token = re.search(r'name="csrf_token"[^>]* value="([^"]+)"', client.get("/login").text)
    assert token, "no CSRF token on the login page"
    data = {"name": "manager", "password": PASSWORD, "csrf_token": token.group(1)}
    assert client.post("/login", data=data).status_code == 302
    return client


def test_the_page_in_chinese(manager: FlaskClient) -> None:
    assert "<h1>Export figures</h1>" in manager.get("/exports").text
    html = manager.get("/exports?lang=zh").text
    assert "<h1>出口数据</h1>" in html
    assert "<h2>年度数量（台）</h2>" in html and "<h2>按平台</h2>" in html
    assert '<th scope="col" class="num">变化</th>' in html
    assert "<title>按市场统计（台），2023年</title>" in html  # the chart titles too
    assert '<option value="">全部</option>' in html
    assert "Export figures" not in html and "Units by market" not in html


def test_the_report_in_russian(manager: FlaskClient) -> None:
    response = manager.get("/exports/report.pdf?year=2023&lang=ru")
    assert response.mimetype == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "Показатели экспорта за 2023" in text and "По платформам" in text
