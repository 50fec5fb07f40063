"""Translation catalogs: compiled files up to date, every spec sheet string translated, and the
locale chosen from ?lang=, the session, then Accept-Language."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask import Flask, g

from catalog.i18n import TRANSLATIONS_DIR, select_locale

ROOT = Path(__file__).resolve().parent.parent.parent
SPEC_SOURCES = [
    *(("python", p) for p in sorted((ROOT / "catalog" / "specsheet").glob("*.py"))),
    ("jinja2", ROOT / "templates" / "spec" / "sheet.html"),
]


def catalog(lang: str, kind: str) -> dict[object, object]:
    folder = TRANSLATIONS_DIR / lang / "LC_MESSAGES"
    if kind == "po":
        with (folder / "messages.po").open("rb") as fh:
            found = read_po(fh, locale=lang)
    else:
        with (folder / "messages.mo").open("rb") as fh:
            found = read_mo(fh)
    return {_key(m.id): _key(m.string) for m in found if m.id and m.string}


def _key(value: object) -> object:
    """Plural entries come as lists from one reader and tuples from the other."""
    return value if isinstance(value, str) else tuple(value)  # type: ignore[call-overload]


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_compiled_catalog_matches_its_source(lang: str) -> None:
    """Run `pybabel compile -d catalog/translations` after editing a .po file."""
    assert catalog(lang, "mo") == catalog(lang, "po")


def spec_strings() -> set[str]:
    found = set()
    for method, path in SPEC_SOURCES:
        for _line, message, _comments, _context in extract_from_file(method, str(path)):
            found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_every_spec_sheet_string_is_translated(lang: str) -> None:
    strings = spec_strings()
    assert len(strings) > 60
    assert sorted(strings - set(catalog(lang, "po"))) == []


@pytest.mark.parametrize(
    ("url", "headers", "session_lang", "expected"),
    [
        ("/?lang=zh", {"Accept-Language": "ru"}, "en", "zh"),
        ("/", {"Accept-Language": "ru"}, "zh", "zh"),
        ("/", {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}, None, "zh"),
        ("/", {"Accept-Language": "ru-RU"}, None, "ru"),
        ("/", {"Accept-Language": "de"}, None, "en"),
        ("/?lang=xx", {}, None, "en"),
    ],
)
def test_locale_selection(
    app: Flask, url: str, headers: dict[str, str], session_lang: str | None, expected: str
) -> None:
    from flask import session

    with app.test_request_context(url, headers=headers):
        if session_lang:
            session["lang"] = session_lang
        assert select_locale() == expected


def test_lang_is_remembered_for_pages_not_for_the_api(app: Flask) -> None:
    from flask import session

    with app.test_request_context("/orders?lang=ru"):
        select_locale()
        assert session["lang"] == "ru"
    with app.test_request_context("/api/v1/markets?lang=ru"):
        select_locale()
        assert "lang" not in session


def test_pages_get_the_html_lang_tag(app: Flask) -> None:
    with app.test_request_context("/?lang=zh"):
        app.preprocess_request()
        assert (g.lang, g.html_lang) == ("zh", "zh-Hans")
