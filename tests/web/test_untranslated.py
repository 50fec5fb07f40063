"""No English left on ru and zh pages: catalog strings with a translation are shown translated."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient

from catalog.db import get_db
from catalog.demo import load_all

TRANSLATIONS = Path(__file__).parents[2] / "catalog" / "translations"
PAGES = [
    "/",
    "/configure?market=KZ&model=x3000-tractor-6x4",
    "/orders",
    "/orders/1",
    "/catalogue?market=KZ",
    "/catalogue/options",
    "/exports",
    "/review",
    "/review/markets/KZ",
    "/review/calendar",
    "/account",
    "/quotes/approvals",
]
NAV = re.compile(r"<nav[^>]*>(.*?)</nav>", re.S)
HREF = re.compile(r'href="(/[^"#]*)"')
HIDDEN = re.compile(r"<(script|style)[^>]*>.*?</\1>", re.S)
TAG = re.compile(r"<[^>]+>")


def catalog(lang: str) -> dict[str, str]:
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        entries = read_po(f)
    found = {}
    for m in entries:
        msgid = m.id[0] if isinstance(m.id, tuple) else m.id
        text = m.string[0] if isinstance(m.string, tuple) else m.string
        # A lone lower-case word ("diesel", "none", "model") is also a data code or a rule id
        # shown as such; only phrases and capitalised labels are unambiguous interface text.
        code_like = msgid.islower() and " " not in msgid
        if msgid and len(msgid) > 3 and "%(" not in msgid and msgid != text and not code_like:
            found[msgid] = text or ""
    return found


def visible(page: str) -> str:
    """The page's text nodes, one a line: a label is a whole node, a word in data text is not."""
    nodes = html.unescape(TAG.sub("\n", HIDDEN.sub(" ", page))).splitlines()
    return "\n".join(n for node in nodes if (n := " ".join(node.split())))


def pages(client: FlaskClient, lang: str) -> dict[str, str]:
    """Every listed page plus every page the navigation links to, as visible text."""
    first = client.get(f"/?lang={lang}", follow_redirects=True).text
    nav = {u for block in NAV.findall(first) for u in HREF.findall(block) if "lang=" not in u}
    texts = {}
    for url in sorted(set(PAGES) | nav):
        sep = "&" if "?" in url else "?"
        response = client.get(f"{url}{sep}lang={lang}", follow_redirects=True)
        assert response.status_code == 200, url
        texts[url] = visible(response.text)
    return texts


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_no_untranslated_catalog_strings(
    app: Flask, login: Callable[[str], FlaskClient], lang: str
) -> None:
    with app.app_context():
        load_all(get_db())  # orders in every status, so the order pages exist
    strings = catalog(lang)
    assert strings, "the catalog has translated strings"
    left = []
    for url, text in pages(login("admin"), lang).items():
        for msgid, translation in strings.items():
            shown = re.search(rf"^{re.escape(msgid)}:?$", text, re.M)
            if shown and (not translation or translation not in text):
                left.append(
                    f"{url}: {msgid!r} in {text[max(0, shown.start() - 40) : shown.end() + 40]!r}"
                )
    assert not left, "English left on the page:\n" + "\n".join(sorted(set(left)))


@pytest.mark.parametrize(
    ("lang", "told"), [("ru", "Заказа 9999 нет."), ("zh", "订单 9999 不存在。")]
)
def test_an_error_page_tells_a_missing_order_in_the_readers_language(
    login: Callable[[str], FlaskClient], lang: str, told: str
) -> None:
    response = login("admin").get(f"/orders/9999?lang={lang}")
    assert response.status_code == 404
    assert told in response.text
    assert "no order with id" not in response.text
