"""Rule review pages in Russian and Chinese; English stays the default."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient


def test_review_pages_are_translated(login: Callable[[str], FlaskClient]) -> None:
    client = login("engineer")
    english = client.get("/review/markets/KZ").text
    assert "Findings for this market" in english and "Rules of this market (5)" in english

    ru = client.get("/review/markets/KZ?lang=ru").text
    assert "<h2>Результаты проверки для этого рынка</h2>" in ru
    assert "Правила этого рынка (5)" in ru
    assert "Унаследовано из слоя central-asia" in ru
    assert "0 (не продаётся)" in ru  # the L3000 dump
    assert "Rules of this market" not in ru and "Inherited from layer" not in ru

    zh = client.get("/review/?lang=zh").text
    assert "<h1>规则审查</h1>" in zh and "<h2>检查结果</h2>" in zh and "<h2>配置计数</h2>" in zh
    assert "分析用时" in zh
    rule = client.get("/review/rules/kz-euro-4-minimum").text  # the session keeps Chinese
    assert "<h2>此规则禁用的内容</h2>" in rule and "整个车型：不再有任何有效配置" in rule
    assert client.get("/review/markets/XX?lang=ru").status_code == 404


def test_findings_are_translated_with_their_citations(login: Callable[[str], FlaskClient]) -> None:
    client = login("engineer")
    english = client.get("/review/?lang=en").text
    assert "no valid configuration in KZ: blocked by kz-euro-4-minimum" in english
    ru = client.get("/review/?lang=ru").text
    assert "нет допустимой конфигурации в KZ: блокирует kz-euro-4-minimum (rules/markets/kz" in ru
    assert "never selectable in" not in ru and "no valid configuration in" not in ru
    assert "рекомендацию нельзя выполнить в KZ для" in ru and "покупка рекомендованной модели" in ru
    zh = client.get("/review/?lang=zh").text
    assert "在 KZ 没有有效配置：被 kz-euro-4-minimum (rules/markets/kz.yaml:21) 阻止" in zh
    assert "forced wherever it is offered" not in zh
