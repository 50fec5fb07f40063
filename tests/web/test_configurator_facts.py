"""The configurator with the facts in view: key figures beside options, law and conflicts told
apart, the summary panel (every value, defaults marked, price lines, key figures, drawing)."""

from __future__ import annotations

import html as markup
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalog.services.active_rules import engine
from catalog.specsheet.key_figures import KW_PER_HP

from .test_configurator import HTMX, KZ, option_html

WITHOUT_ABS = KZ + "&sel_abs=without"


@pytest.fixture
def sales(login: Callable[[str], FlaskClient]) -> FlaskClient:
    return login("sales")


def text(html: str) -> str:
    return markup.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_each_engine_shows_power_in_hp_and_kw_and_its_euro_stage(
    sales: FlaskClient, app: Flask
) -> None:
    page = sales.get(KZ).text
    with app.app_context():
        engines = engine().book.groups["engine"]
        offered = [o for o in engines.options if f'data-option="engine={o.id}"' in page]
        assert offered
        for option in offered:
            hp = int(option.attrs["power_hp"])  # type: ignore[arg-type]
            shown = text(option_html(page, f"engine={option.id}"))
            assert f"{hp} hp / {round(hp * KW_PER_HP)} kW" in shown
            roman = {2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}[int(option.attrs["emission"])]  # type: ignore[arg-type]
            assert f"Euro {roman}" in shown


def test_each_gearbox_shows_speeds_and_rating(sales: FlaskClient, app: Flask) -> None:
    page = sales.get(KZ).text
    with app.app_context():
        gearboxes = engine().book.groups["gearbox"].options
    shown = [o for o in gearboxes if f'data-option="gearbox={o.id}"' in page]
    assert shown
    for option in shown:
        item = text(option_html(page, f"gearbox={option.id}"))
        assert f"{option.attrs['speeds']} speeds" in item
        if "input_nm" in option.attrs:
            assert f"input rating {int(option.attrs['input_nm']):,} N·m" in item  # type: ignore[arg-type]


def test_a_tank_shows_its_litres(sales: FlaskClient) -> None:
    item = text(option_html(sales.get(KZ).text, "extra_tank=alu-300"))
    assert "300 L" in item


def test_law_and_conflicts_are_told_apart(sales: FlaskClient) -> None:
    page = sales.get(WITHOUT_ABS).text
    euro2 = text(option_html(page, "engine=WP12.430E201"))
    assert "forbidden by law in Kazakhstan" in euro2 and "conflicts with" not in euro2
    euro5 = text(option_html(page, "engine=WP12.430E50"))
    assert "required by law in Kazakhstan" in euro5
    amt = text(option_html(page, "gearbox=SF16JZ240"))
    assert "conflicts with your choice of Anti-lock brakes: Without ABS" in amt
    assert "by law" not in amt


def test_the_summary_lists_every_value_with_defaults_marked_and_prices(
    sales: FlaskClient, app: Flask
) -> None:
    page = sales.get(WITHOUT_ABS).text
    summary = page[page.index('data-testid="summary"') :]
    lines = re.findall(
        r'<tr class="line how-(\w+)"><th scope="row">(.*?)</th>\s*<td>(.*?)</td>', summary, re.S
    )
    with app.app_context():
        config = engine().configure("KZ", "x3000-tractor-6x4", {"abs": "without"})
    expected = [g for g in config.groups if g.value or g.default]
    assert len(lines) == len(expected)
    hows = {how for how, _, _ in lines}
    assert hows == {"chosen", "fixed", "default"}
    for (how, head, price), group in zip(lines, expected, strict=True):
        assert text(head).startswith(group.name + ":")
        assert ("suggested" in head) == (how == "default")
        value = group.value or group.default
        option = next(o for o in group.options if o.id == value)
        assert (text(price).strip() == "included") == (option.price == 0)
    assert "Total with the suggestions" in summary


def test_the_summary_has_the_key_figures_and_the_drawing(sales: FlaskClient) -> None:
    page = sales.get(WITHOUT_ABS).text
    figures = text(page[page.index('data-testid="key-figures"') :].split("</table>")[0])
    for label in (
        "Power",
        "Max. torque",
        "Emission stage",
        "Design mass",
        "Legal mass in Kazakhstan",
    ):
        assert label in figures
    assert "Euro V" in figures and "430 hp" in figures
    drawing = page[page.index('data-testid="drawing"') :].split("</figure>")[0]
    assert "<svg" in drawing and 'aria-label="Side view of the truck as configured"' in drawing


def test_the_summary_follows_each_choice_in_place(sales: FlaskClient) -> None:
    before = sales.get(WITHOUT_ABS, headers=HTMX).text
    after = sales.get(WITHOUT_ABS + "&sel_cab=flat-roof&was_abs=without", headers=HTMX).text
    assert 'data-testid="summary"' in after and "<svg" in after
    pick = re.compile(r'<tr class="line how-(\w+)"><th scope="row">\s*Cab:')
    assert pick.search(before).group(1) in ("default", "fixed")  # type: ignore[union-attr]
    assert pick.search(after).group(1) == "chosen"  # type: ignore[union-attr]
    assert before.split('data-testid="drawing"')[1] != after.split('data-testid="drawing"')[1]


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_the_facts_are_in_the_reader_language(sales: FlaskClient, lang: str) -> None:
    english = (
        "forbidden by law",
        "conflicts with your choice",
        "Key figures",
        "included",
        "speeds",
    )
    page = text(sales.get(WITHOUT_ABS + f"&lang={lang}").text)
    for words in english:
        assert words not in page, words
