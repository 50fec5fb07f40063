"""Export figures for managers and admins: a year, a series over the years, a CSV download."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from ..db import get_db
from ..errors import Unprocessable
from ..exports.figures import Figures, Filters, csv_rows, series, year_figures
from ..exports.history import UNKNOWN
from ..schemas.exports import FilterQuery, SeriesSchema, YearFiguresSchema, YearQuery
from ..services.active_rules import engine
from ..services.exports import figures, vocabulary
from .access import access

blp = Blueprint("exports", __name__, description="Export units by year, market, body and platform")
READERS = ("manager", "admin")
CSV_COLUMNS = ("year", "market", "body", "platform", "source", "units")


def filters_of(args: dict[str, Any]) -> Filters:
    """The query's filters, normalised and checked against the catalogue (422 if unknown)."""
    vocab = vocabulary(engine().book)
    wanted = {
        "market": (args.get("market"), str.upper, vocab.markets),
        "body": (args.get("body"), str.lower, vocab.bodies | {UNKNOWN}),
        "platform": (args.get("platform"), _platform, vocab.platforms | {UNKNOWN}),
    }
    errors, values = {}, {}
    for name, (raw, norm, known) in wanted.items():
        values[name] = norm(raw) if raw else None
        if values[name] is not None and values[name] not in known:
            errors[name] = [f"unknown {name} {raw!r}; one of {', '.join(sorted(known))}"]
    if errors:
        raise Unprocessable("unknown filter value", {"query": errors})
    return Filters(**values)


def _platform(value: str) -> str:
    return UNKNOWN if value.lower() == UNKNOWN else value.upper()


def chosen_year(args: dict[str, Any], data: Figures) -> int:
    """The asked year, or the last full year with figures."""
    return int(args.get("year") or data.default_year(date.today().year))


def current() -> Figures:
    return figures(get_db(), engine().book)


@blp.route("/exports")
class Exports(MethodView):
    @access(blp, *READERS)
    @blp.arguments(YearQuery, location="query")
    @blp.response(200, YearFiguresSchema)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Units in a year, the year before and the change in %, split by market, body, platform.

        Imported history is the closing total for its year and market; product shipments count
        where no history covers the period, so a unit is never counted twice.
        """
        data = current()
        return year_figures(data, chosen_year(args, data), filters_of(args))


@blp.route("/exports/series")
class ExportSeries(MethodView):
    @access(blp, *READERS)
    @blp.arguments(FilterQuery, location="query")
    @blp.response(200, SeriesSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Units per year from the first to the last year with figures, with the splits."""
        chosen = filters_of(args)
        return {"filters": chosen.as_dict(), "years": series(current(), chosen)}


@blp.route("/exports.csv")
class ExportCsv(MethodView):
    @access(blp, *READERS)
    @blp.arguments(YearQuery, location="query")
    @blp.response(
        200, content_type="text/csv", description="year,market,body,platform,source,units"
    )
    def get(self, args: dict[str, Any]) -> Response:
        """The figures as CSV, one row per year, market, body, platform and source (all years
        unless `year` is given)."""
        year = args.get("year")
        rows = csv_rows(current(), filters_of(args), year)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        name = f"exports-{year}.csv" if year else "exports.csv"
        return Response(
            out.getvalue(),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
