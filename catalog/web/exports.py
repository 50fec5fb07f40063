"""The export figures page for managers and admins, and the yearly PDF report."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, render_template, request
from flask_babel import gettext as _

from ..auth import roles_required
from ..errors import Unprocessable
from ..exports.report import Dashboard, build, report_html
from ..limits import FIRST_YEAR, LAST_YEAR
from ..roles import READ_EXPORTS
from ..services import spec_sheets
from ..services.active_rules import engine
from ..services.exports import chosen_year, current, filters_of, vocabulary
from ..specsheet import issue_time

bp = Blueprint("exports_pages", __name__, url_prefix="/exports")
FILTERS = ("market", "body", "platform")


def query() -> dict[str, Any]:
    """The page's query (year and filters), checked like the API's (422 on a bad value)."""
    args: dict[str, Any] = {k: request.args[k].strip() for k in FILTERS if request.args.get(k)}
    year = request.args.get("year", "").strip()
    if year:
        if not (year.isascii() and year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR):
            wanted = _("a year from %(first)d to %(last)d", first=FIRST_YEAR, last=LAST_YEAR)
            raise Unprocessable(_("Unknown year."), {"query": {"year": [wanted]}})
        args["year"] = int(year)
    return args


def board(args: dict[str, Any]) -> Dashboard:
    data = current()
    return build(data, chosen_year(args, data), filters_of(args), str(g.get("lang", "en")))


@bp.get("")
@roles_required(*READ_EXPORTS)
def dashboard() -> str:
    args = query()
    vocab = vocabulary(engine().book)
    choices = [
        ("market", _("Market"), sorted(vocab.markets)),
        ("body", _("Body type"), sorted(vocab.bodies)),
        ("platform", _("Platform"), [*sorted(vocab.platforms), "unknown"]),
    ]
    shown = board(args)
    link = {**{k: v for k, v in shown.filters.as_dict().items() if v}, "year": shown.year}
    return render_template("exports/dashboard.html", choices=choices, query=link, **shown.context)


@bp.get("/report.pdf")
@roles_required(*READ_EXPORTS)
def report() -> Response:
    shown = board(query())
    pdf = spec_sheets.pdf(None, lambda: report_html(shown, issue_time()))  # the render pool
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="exports-{shown.year}.pdf"'},
    )
