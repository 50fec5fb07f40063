"""From a request (market, model, selections, language, document facts) to a Sheet and a PDF."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from ..i18n import LANGUAGES, translations
from ..rulebook import Engine, SelectionError
from ..rulebook.results import Configuration
from .facts import Document, Sheet, build_sheet
from .figures import Truck
from .render import printer, render_html


@dataclass(frozen=True)
class SheetRequest:
    market: str
    model: str
    selections: Mapping[str, str | None]
    document: Document
    lang: str | None = None  # None: the market's document language
    prices: bool = True


def issue_time(fixed: datetime | None = None) -> datetime:
    """The date printed on a sheet: fixed if given, else SOURCE_DATE_EPOCH if set, else now."""
    if fixed is not None:
        return fixed if fixed.tzinfo else fixed.replace(tzinfo=UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def sheet_lang(engine: Engine, market: str, lang: str | None) -> str:
    if lang:
        if lang not in LANGUAGES:
            raise SelectionError({"lang": f"unknown language {lang!r}; one of {list(LANGUAGES)}"})
        return lang
    known = engine.book.markets.get(market)
    if known is None:
        raise SelectionError({"market": f"unknown market {market!r}"})
    return known.language if known.language in LANGUAGES else "en"


def completed(
    engine: Engine, market: str, model: str, selections: Mapping[str, str | None], lang: str
) -> Configuration:
    """The configuration of the selections, with the engine's proposal for every open group."""
    config = engine.configure(market, model, selections, lang=lang)
    if config.complete and all(g.value is not None for g in config.groups):
        return config
    filled = {g.id: g.value or g.default for g in config.groups}
    return engine.configure(market, model, {k: v for k, v in filled.items() if v}, lang=lang)


def make_sheet(engine: Engine, request: SheetRequest) -> Sheet:
    lang = sheet_lang(engine, request.market, request.lang)
    config = completed(engine, request.market, request.model, request.selections, lang)
    book = engine.book
    values = {g.id: g.value for g in config.groups if g.value is not None}
    truck = Truck(book, book.markets[request.market], book.models[request.model], values, lang)
    return build_sheet(truck, config, request.document, translations(lang).gettext, request.prices)


def spec_html(engine: Engine, request: SheetRequest) -> str:
    return render_html(make_sheet(engine, request))


def spec_pdf(engine: Engine, request: SheetRequest) -> bytes:
    return printer().pdf(spec_html(engine, request))
