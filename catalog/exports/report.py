"""What the dashboard and the yearly PDF report show: the figures, their charts, the formatting.

The PDF goes through the spec-sheet machinery (its Jinja environment and its printer, whose URL
fetcher serves the project's static files and nothing else). No Flask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from markupsafe import Markup

from ..i18n import html_lang, translations
from ..specsheet.render import environment, printer
from .charts import Bar, Pair, column_chart, pair_chart, pct, units
from .figures import Figures, Filters, series, year_figures

TEMPLATE = "exports/report.html"


@dataclass(frozen=True)
class Dashboard:
    year: int
    years: list[int]  # years with figures, for the year chooser
    filters: Filters
    figures: dict[str, Any]  # as the API returns it
    series: list[dict[str, Any]]
    charts: dict[str, Markup]
    lang: str = "en"  # the language of the chart titles and of the PDF report

    @property
    def context(self) -> dict[str, Any]:
        _ = translations(self.lang).gettext
        return {"board": self, "units": units, "pct": partial(pct, missing=_("n/a"))}


def build(data: Figures, year: int, filters: Filters, lang: str = "en") -> Dashboard:
    figures = year_figures(data, year, filters)
    over_years = series(data, filters)
    drawn = charts(figures, over_years, lang)
    return Dashboard(year, data.years, filters, figures, over_years, drawn, lang)


def charts(
    figures: dict[str, Any], over_years: list[dict[str, Any]], lang: str = "en"
) -> dict[str, Markup]:
    """The three charts, their titles in `lang` (no request here, so the catalog is asked)."""
    _ = translations(lang).gettext
    years = (figures["year"], figures["previous_year"])
    bars = [Bar(str(s["year"]), s["units"], _note(s["change_pct"])) for s in over_years]
    markets, bodies = _pairs(figures["by_market"]), _pairs(figures["by_body"])
    return {
        "years": column_chart(_("Units per year"), bars),
        "markets": pair_chart(_("Units by market, %(year)s") % {"year": years[0]}, markets, years),
        "bodies": pair_chart(_("Units by body type, %(year)s") % {"year": years[0]}, bodies, years),
    }


def _note(change: float | None) -> str:
    return "" if change is None else pct(change)


def _pairs(split: list[dict[str, Any]]) -> list[Pair]:
    return [Pair(s["key"], s["units"], s["previous_units"]) for s in split]


def report_html(board: Dashboard, issued: datetime) -> str:
    template = environment(board.lang).get_template(TEMPLATE)
    return template.render(issued=issued, html_lang=html_lang(board.lang), **board.context)


def report_pdf(board: Dashboard, issued: datetime) -> bytes:
    return printer().pdf(report_html(board, issued))
