"""Export figures for managers and admins: a year, a series over the years, a CSV download."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from ..exports.figures import csv_rows, series, year_figures
from ..roles import READ_EXPORTS
from ..schemas.exports import FilterQuery, SeriesSchema, YearFiguresSchema, YearQuery
from ..services.exports import chosen_year, current, filters_of
from .access import access

blp = Blueprint("exports", __name__, description="Export units by year, market, body and platform")
CSV_COLUMNS = ("year", "market", "body", "platform", "source", "units", "note")


@blp.route("/exports")
class Exports(MethodView):
    @access(blp, *READ_EXPORTS)
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
    @access(blp, *READ_EXPORTS)
    @blp.arguments(FilterQuery, location="query")
    @blp.response(200, SeriesSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Units per year from the first to the last year with figures, with the splits."""
        chosen = filters_of(args)
        return {"filters": chosen.as_dict(), "years": series(current(), chosen)}


@blp.route("/exports.csv")
class ExportCsv(MethodView):
    @access(blp, *READ_EXPORTS)
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
