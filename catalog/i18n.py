"""Languages: Flask-Babel for pages, plain Babel catalogs for code that runs without a request.

The catalogs live in catalog/translations/<lang>/LC_MESSAGES/messages.po (compiled .mo files are
committed next to them). Pages pick the locale from ?lang=, then the session, then the browser's
Accept-Language; the spec sheet asks for a language explicitly through `translations(lang)`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations
from flask import Flask, current_app, g, request, session
from flask_babel import Babel

from .languages import LANGUAGES

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
HTML_LANG = {"en": "en", "ru": "ru", "zh": "zh-Hans"}  # zh-Hans: simplified glyph forms


def html_lang(lang: str) -> str:
    """The BCP 47 tag for an html `lang` attribute (zh-Hans: simplified glyphs)."""
    return HTML_LANG.get(lang, lang)


@cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalog of one language; English (the source language) needs none."""
    if lang == "en":
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS_DIR), [lang], domain="messages")


def select_locale() -> str:
    """?lang= (remembered in the session for pages), then the session, then Accept-Language."""
    langs = current_app.config.get("LANGUAGES", LANGUAGES)
    asked = request.args.get("lang")
    if asked and asked in langs:
        if not request.path.startswith("/api/"):
            session["lang"] = asked
        return asked
    remembered = session.get("lang")
    if remembered in langs:
        return str(remembered)
    best = request.accept_languages.best_match(langs)
    return str(best or current_app.config["BABEL_DEFAULT_LOCALE"])


def _remember_lang() -> None:
    g.lang = select_locale()
    g.html_lang = html_lang(g.lang)


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale, default_translation_directories=str(TRANSLATIONS_DIR))
    app.before_request(_remember_lang)
