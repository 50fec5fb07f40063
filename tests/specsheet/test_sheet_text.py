"""The PDF says the right things in en, ru and zh: key figures, translated labels, compliance."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import KZ_TRACTOR, Rendered

Render = Callable[..., Rendered]

EXPECTED = {
    "en": [
        "TECHNICAL SPECIFICATION",
        "SHACMAN X3000 6x4 tractor SX42554V324",
        "Customer",
        "Order number KZ-2026-00042",
        "Date March 5, 2026",
        "Kazakhstan (KZ)",
        "Engine Weichai WP12.430E50",
        "Power 430 hp / 316 kW",
        "Max. torque —",  # the dealer list gives no torque
        "Emission stage Euro V",
        "Gearbox Fast 12JSDX220T-B 12 speeds, input rating 2,200 N·m",
        "Rear axle ratio 4.266",
        "Drive 6×4",
        "Wheelbase 3,175 + 1,400 mm",
        "Design mass ≈49 t gross combination mass, approximate: not from a datasheet",
        "Legal mass in Kazakhstan not known overall maximum 44 t, not a limit for this truck: "
        "Order No. 342 of 26 Mar 2015",
        "Fuel capacity —",  # the row does not say its tank
        "Tyres 315/80R22.5 tubeless (from 12.00R20)",
        "Cab Extended high-roof cab",
        "Body Tractor unit with fifth wheel",
        "ERA-GLONASS",
        "TR CU 018/2011",
        "Government decree No. 97 of 6 Feb 2013",
        "Total",
        "786,180 CNY",
        "Page 1 of",
    ],
    "ru": [
        "ТЕХНИЧЕСКАЯ СПЕЦИФИКАЦИЯ",
        "Седельный тягач SHACMAN X3000 6x4",
        "Клиент",
        "Номер заказа KZ-2026-00042",
        "Дата 5 марта 2026 г.",
        "Казахстан (KZ)",
        "Мощность 430 л. с. / 316 кВт",
        "Макс. крутящий момент —",
        "Экологический класс Евро-V",
        "Колёсная база 3 175 + 1 400 мм",
        "Конструктивная масса ≈49 т полная масса автопоезда",
        "Допустимая масса: Казахстан неизвестно общий максимум 44 т",
        "Запас топлива —",
        "Удлинённая кабина с высокой крышей",
        "Седельный тягач с седельно-сцепным устройством",
        "ЭРА-ГЛОНАСС",
        "TR CU 018/2011",
        "Итого",
        "786 180 CNY",
        "Страница 1 из",
    ],
    "zh": [
        "技术规格书",
        "陕汽 X3000 6x4 牵引车",
        "客户",
        "订单编号 KZ-2026-00042",
        "日期 2026年3月5日",
        "哈萨克斯坦 (KZ)",
        "功率 430 马力 / 316 kW",
        "最大扭矩 —",
        "排放标准 欧V",
        "轴距 3,175 + 1,400 毫米",
        "哈萨克斯坦法定质量 未知",
        "燃料容量 —",
        "加长高顶驾驶室",
        "带鞍座的牵引车",
        "ERA-GLONASS",
        "TR CU 018/2011",
        "合计",
        "786,180 CNY",
        "第 1 页，共",
    ],
}


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_key_figures_and_labels_in_each_language(render: Render, lang: str) -> None:
    sheet = render("KZ", "x3000-tractor-6x4", KZ_TRACTOR, lang)
    missing = [phrase for phrase in EXPECTED[lang] if phrase not in sheet.text]
    assert missing == []


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_weasyprint_logs_no_warning_or_error(render: Render, lang: str) -> None:
    assert render("KZ", "x3000-tractor-6x4", KZ_TRACTOR, lang).problems == []


@pytest.mark.parametrize(
    ("market", "model", "lang", "body"),
    [
        ("UZ", "x3000-mixer-6x4", "zh", "10立方米搅拌筒"),
        ("KG", "l3000-cargo-6x4", "ru", "Бортовая платформа"),
        ("TJ", "x3000-dump-6x6", "en", "U-shaped dump body 25 m³"),
    ],
)
def test_every_body_type_prints_cleanly(
    render: Render, market: str, model: str, lang: str, body: str
) -> None:
    sheet = render(market, model, {}, lang)
    assert sheet.problems == []
    assert body in sheet.text


def test_the_market_language_is_the_default(render: Render) -> None:
    assert "ТЕХНИЧЕСКАЯ СПЕЦИФИКАЦИЯ" in render("KZ", "x3000-tractor-6x4", KZ_TRACTOR, None).text
    uz = render("UZ", "x5000-tractor-4x2-cng", {}, None)
    assert "TECHNICAL SPECIFICATION" in uz.text
    assert uz.problems == []


def test_unknown_legal_mass_and_cng_figures(render: Render) -> None:
    text = render("UZ", "x5000-tractor-4x2-cng", {}, None).text
    assert "Legal mass in Uzbekistan not known" in text
    assert "Fuel capacity —" in text  # the dealer row does not say its cylinders
    assert "natural gas (CNG)" in text


def test_customer_text_is_printed_as_text(render: Render) -> None:
    sheet = render("KZ", "x3000-tractor-6x4", KZ_TRACTOR, "en")
    assert "Astana &lt;img src=&#34;file:///etc/passwd&#34;&gt; &amp; &#34;Co&#34;" in sheet.html
    assert '<img src="file:///etc/passwd"' not in sheet.html
    squeezed = sheet.text.replace(" ", "")  # the narrow cell wraps the name
    assert 'Astana<imgsrc="file:///etc/passwd">&"Co"' in squeezed
    assert "root:x:0:0" not in sheet.text
