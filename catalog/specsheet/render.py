"""Sheet -> HTML (Jinja, autoescaped, translated) -> PDF (WeasyPrint, static files only)."""

from __future__ import annotations

import re
import threading
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..i18n import translations
from ..paths import TEMPLATES
from .facts import Sheet


@cache
def environment(lang: str) -> Environment:
    """One Jinja environment per language, with that language's catalog installed."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals["page_counter"] = page_counter
    return env


def page_counter(text: str) -> Markup:
    """A translated "Page {page} of {pages}" as a CSS `content` value with page counters."""
    out = []
    for part in re.split(r"(\{pages?\})", str(text)):
        if part in ("{page}", "{pages}"):
            out.append(f"counter({part[1:-1]})")
        elif part:
            quoted = part.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
            out.append(f'"{quoted}"')
    return Markup(" ".join(out))


def render_html(sheet: Sheet) -> str:
    return environment(sheet.lang).get_template("spec/sheet.html").render(sheet=sheet)


class Printer:
    """WeasyPrint, imported once; one font configuration and fetcher reused for every sheet."""

    def __init__(self, root: Path | None = None):
        from weasyprint.text.fonts import FontConfiguration

        from .fetcher import STATIC_ROOT, StaticFetcher

        self.fetcher = StaticFetcher(root or STATIC_ROOT)
        self.fonts = FontConfiguration()
        self._lock = threading.Lock()  # Pango and the font configuration are not thread-safe

    def pdf(self, html: str) -> bytes:
        from weasyprint import HTML

        with self._lock:
            document = HTML(string=html, base_url=self.fetcher.base_url, url_fetcher=self.fetcher)
            result: bytes = document.write_pdf(font_config=self.fonts)
        return result


@cache
def printer() -> Printer:
    """The printer of this process (each batch worker gets its own)."""
    return Printer()
