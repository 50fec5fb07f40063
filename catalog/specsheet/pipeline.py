"""From a request (market, model, selections, language, document facts) to a Sheet and a PDF."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from ..i18n import translations
from ..languages import LANGUAGES
from ..rulebook import Engine, SelectionError
from .facts import Document, Sheet, build_sheet
from .key_figures import Truck
from .render import printer, render_html

HARD = ("met", "not-met")  # compliance rows of requirements (the rest is advice)


@dataclass(frozen=True)
class SheetRequest:
    market: str
    model: str
    selections: Mapping[str, str | None]
    document: Document
    lang: str | None = None  # None: the market's document language
    prices: bool = True
    internal: bool = False  # the customer's copy unless asked for the internal one


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


def decided(
    engine: Engine, market: str, model: str, selections: Mapping[str, str | None]
) -> dict[str, str]:
    """The selections as given, and the configurator's value or proposal for every open group.

    Given selections are never replaced, even when they conflict: the sheet then shows the
    truck that was asked for, with the rules it breaks.
    """
    config = engine.configure(market, model, selections)
    given = {k: v for k, v in selections.items() if v}
    proposed = {g.id: g.value or g.default for g in config.groups}
    return {**{k: v for k, v in proposed.items() if v}, **given}


def make_sheet(engine: Engine, request: SheetRequest) -> Sheet:
    lang = sheet_lang(engine, request.market, request.lang)
    values = decided(engine, request.market, request.model, request.selections)
    verdict = engine.validate(request.market, request.model, values, lang)
    book = engine.book
    market, model = book.markets[request.market], book.models[request.model]
    truck = Truck(book, market, model, verdict.values, lang)
    sheet = build_sheet(truck, verdict, request.document, translations(lang).gettext)
    if not request.internal:  # the customer reads requirements, not our sales advice
        sheet = replace(sheet, compliance=[r for r in sheet.compliance if r.status in HARD])
    sheet = replace(sheet, internal=request.internal)
    return sheet if request.prices else replace(sheet, price=None)


def spec_html(engine: Engine, request: SheetRequest) -> str:
    return render_html(make_sheet(engine, request))


def spec_pdf(engine: Engine, request: SheetRequest) -> bytes:
    return printer().pdf(spec_html(engine, request))
