"""Three interface languages, remembered in the session; rule messages follow."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

KZ = "/configure?market=KZ&model=x3000-tractor-6x4"


@pytest.mark.parametrize(
    ("lang", "title", "rule_text"),
    [
        ("en", "Configure a truck", "Kazakhstan admits imported trucks"),
        ("ru", "Конфигуратор грузовика", "Казахстан"),
        ("zh", "配置卡车", "哈萨克斯坦"),
    ],
)
def test_pages_and_rule_messages_in_each_language(
    login: Callable[[str], FlaskClient], lang: str, title: str, rule_text: str
) -> None:
    html = login("sales").get(f"{KZ}&lang={lang}").text
    assert title in html
    assert rule_text in html


def test_the_choice_is_remembered(login: Callable[[str], FlaskClient]) -> None:
    client = login("sales")
    client.get("/catalogue?lang=zh")
    html = client.get("/orders").text
    assert '<html lang="zh-Hans">' in html
    assert "订单" in html
