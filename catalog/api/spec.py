"""Spec sheet PDFs: of a stored order, and of an unsaved configuration (a quick quote)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import Response, current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from ..db import get_db
from ..errors import NotFound, Unprocessable
from ..roles import READ_SPECS
from ..rulebook import SelectionError
from ..schemas.spec import QuoteRequest, SpecQuery
from ..services import orders, spec_sheets
from ..services.active_rules import engine
from ..specsheet import (
    Document,
    SheetRequest,
    issue_time,
    make_sheet,
    render_html,
    sheet_lang,
)
from ..specsheet.cache import key as cache_key
from ..specsheet.orders import file_name, order_request, stored_orders
from .access import access

blp = Blueprint("specsheet", __name__, description="Spec sheet PDFs in en, ru or zh")
PDF = {
    "description": "The spec sheet (PDF)",
    "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
}


def issued_on(day: date | None) -> datetime:
    """Noon UTC of a fixed day (same bytes every time), else today (or SOURCE_DATE_EPOCH)."""
    return issue_time(datetime(day.year, day.month, day.day, 12, tzinfo=UTC) if day else None)


def document_lang(market: str, lang: str | None) -> str:
    try:
        return sheet_lang(engine(), market, lang)
    except SelectionError as err:
        raise Unprocessable("the selections do not fit the catalogue", err.errors) from err


def rules_in_force(on: date | None) -> tuple[str, str]:
    """What decides the rules a sheet is printed under: the rules' version and the day they are
    taken as of (dated rules change what is in force from one day to the next)."""
    return engine().book.version, (on or date.today()).isoformat()


def safe_name(stem: str) -> str:
    return (
        "".join(c if c.isascii() and (c.isalnum() or c in "-.") else "_" for c in stem)[:120]
        + ".pdf"
    )


def pdf_response(pdf: bytes, name: str) -> Response:
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def page(request: SheetRequest, refuse_invalid: bool, on: date | None) -> str:
    """The sheet's HTML; a SelectionError (or, for a quote, a truck the rules reject) answers 422.
    The PDF is made from it in the render pool (catalog/services/spec_sheets.py)."""
    try:
        sheet = make_sheet(engine(on), request)
    except SelectionError as err:
        raise Unprocessable("the selections do not fit the catalogue", err.errors) from err
    if refuse_invalid and sheet.problems:
        violations = [
            {"rule": v.rule, "message": v.message, "source": v.source, "options": list(v.options)}
            for v in sheet.violations
        ]
        raise Unprocessable(
            "the rules reject this truck", {"violations": violations, "problems": sheet.problems}
        )
    return render_html(sheet)


@blp.route("/orders/<int:order_id>/spec.pdf", endpoint="order_pdf")
class OrderSpec(MethodView):
    @access(blp, *READ_SPECS)
    @blp.arguments(SpecQuery, location="query")
    @blp.response(200, description="The spec sheet (PDF)", content_type="application/pdf")
    @blp.doc(responses={"200": PDF})
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")  # this user's PDFs under way: Retry-After
    @blp.alt_response(503, response="SERVICE_UNAVAILABLE")  # everyone's: Retry-After
    def get(self, args: dict[str, Any], order_id: int) -> Response:
        """The order's spec sheet in `lang` (default: the market's document language), the
        customer's copy unless `copy=internal`. An order the current rules no longer accept is
        printed with a warning naming the rules."""
        rows, missing = stored_orders(get_db(), [order_id])
        if missing:
            raise NotFound(f"no order with id {order_id}")
        row, lang, issued = (
            rows[0],
            document_lang(rows[0]["market"], args["lang"]),
            issued_on(args["date"]),
        )
        internal = args["copy"] == "internal"
        on = orders.as_of(row)
        request = order_request(row, issued, lang, args["prices"], internal, on)
        # the database and the write time too: a restored backup may reuse an id and version
        key = cache_key("order", current_app.config["DATABASE"], order_id, row["version"],
                        row.get("updated_at"), lang, rules_in_force(on), args["prices"],
                        internal, issued.date())  # fmt: skip
        data = spec_sheets.pdf(key, lambda: page(request, refuse_invalid=False, on=on))
        return pdf_response(data, file_name(row, lang))


@blp.route("/spec.pdf", endpoint="quote_pdf")
class QuoteSpec(MethodView):
    @access(blp, *READ_SPECS)
    @blp.arguments(QuoteRequest)
    @blp.response(200, description="The spec sheet (PDF)", content_type="application/pdf")
    @blp.doc(responses={"200": PDF})
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")  # this user's PDFs under way: Retry-After
    @blp.alt_response(503, response="SERVICE_UNAVAILABLE")  # everyone's: Retry-After
    def post(self, args: dict[str, Any]) -> Response:
        """A quick quote: the spec sheet of an unsaved configuration. Groups left open get the
        configurator's proposal; a truck the rules reject answers 422 with the violations."""
        market = args["market"].upper()
        on = args["date"]
        doc = Document(
            issued_on(on), customer=args["customer"], quantity=args["quantity"], rules_day=on
        )
        request = SheetRequest(
            market,
            args["model"],
            args["selections"],
            doc,
            args["lang"],
            args["prices"],
            internal=args["copy"] == "internal",
        )
        lang = document_lang(market, args["lang"])
        key = cache_key("quote", market, args["model"], args["selections"], lang,
                        rules_in_force(on), args["prices"], args["customer"],
                        args["quantity"], args["copy"], doc.issued.date())  # fmt: skip
        data = spec_sheets.pdf(key, lambda: page(request, refuse_invalid=True, on=on))
        return pdf_response(data, safe_name(f"quote-{market}-{args['model']}-{lang}"))
