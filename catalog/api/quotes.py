"""Quotes on orders: drafts, approval, sending revisions, acceptance, the quote PDF."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from ..auth import current_user
from ..db import get_db
from ..roles import APPROVE_QUOTES, PREPARE_QUOTES, READ_QUOTES
from ..schemas.quotes import (
    Decision,
    PdfQuery,
    QuoteCreate,
    QuotePatch,
    QuoteSchema,
    Reasoned,
    VersionOnly,
)
from ..services import quotes
from .access import access
from .spec import PDF, pdf_response

blp = Blueprint("quotes", __name__, description="Quotes a customer can sign, and their revisions")


@blp.route("/orders/<int:order_id>/quotes")
class OrderQuotes(MethodView):
    @access(blp, *READ_QUOTES)
    @blp.response(200, QuoteSchema(many=True))
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, order_id: int) -> list[dict[str, Any]]:
        """The order's revisions A, B, … and its draft; `changed` names what differs from the
        one before."""
        return quotes.for_order(get_db(), order_id)

    @access(blp, *PREPARE_QUOTES)
    @blp.arguments(QuoteCreate(partial=("currency", "incoterm", "place", "payment_terms")))
    @blp.response(201, QuoteSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def post(self, args: dict[str, Any], order_id: int) -> dict[str, Any]:
        """A draft quote on the order. Terms not given come from its latest revision; without
        one, currency, incoterm, place and payment_terms are required. The rate of the quote
        date is fixed now. 409 if the order already has a draft or is no longer open."""
        return quotes.create(get_db(), current_user.id, order_id, args)


@blp.route("/quotes/<int:quote_id>")
class QuoteOne(MethodView):
    @access(blp, *READ_QUOTES)
    @blp.response(200, QuoteSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, quote_id: int) -> dict[str, Any]:
        """One quote: terms, the fixed rate, figures in minor units in both currencies, the
        approval state and its events."""
        return quotes.get(get_db(), quote_id)

    @access(blp, *PREPARE_QUOTES)
    @blp.arguments(QuotePatch(partial=True))
    @blp.response(200, QuoteSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def patch(self, args: dict[str, Any], quote_id: int) -> dict[str, Any]:
        """Change a draft's terms (send the `version` you read). A sent revision never changes:
        409. Any change loses an approval."""
        return quotes.update(get_db(), current_user.id, quote_id, args)


@blp.route("/quotes/<int:quote_id>/approval-request")
class ApprovalRequest(MethodView):
    @access(blp, *PREPARE_QUOTES)
    @blp.arguments(Reasoned)
    @blp.response(200, QuoteSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, args: dict[str, Any], quote_id: int) -> dict[str, Any]:
        """Ask a manager to approve the draft's discount (`reason`: why the customer gets it)."""
        return quotes.request_approval(
            get_db(), current_user.id, quote_id, args["version"], args["reason"]
        )


@blp.route("/quotes/<int:quote_id>/approval")
class Approval(MethodView):
    @access(blp, *APPROVE_QUOTES)
    @blp.arguments(Decision)
    @blp.response(200, QuoteSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, args: dict[str, Any], quote_id: int) -> dict[str, Any]:
        """Approve or refuse the draft exactly at `version`, with the reason; recorded with who
        and when. A later change to the quote or its order loses the approval."""
        return quotes.decide(
            get_db(), current_user.id, quote_id, args["version"], args["decision"], args["reason"]
        )


@blp.route("/quotes/<int:quote_id>/send")
class Send(MethodView):
    @access(blp, *PREPARE_QUOTES)
    @blp.arguments(VersionOnly)
    @blp.response(200, QuoteSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def post(self, args: dict[str, Any], quote_id: int) -> dict[str, Any]:
        """Send the draft: it becomes the next revision (A, B, …), immutable, its PDF kept;
        the order becomes quoted. 409 while a needed approval is missing."""
        return quotes.send(get_db(), current_user.id, quote_id, args["version"], date.today())


@blp.route("/quotes/<int:quote_id>/acceptance")
class Acceptance(MethodView):
    @access(blp, *PREPARE_QUOTES)
    @blp.arguments(Reasoned)
    @blp.response(200, QuoteSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, args: dict[str, Any], quote_id: int) -> dict[str, Any]:
        """Record the customer's acceptance of this sent revision (`reason`: e.g. "signed copy
        received"): the order is confirmed with exactly its content and price."""
        return quotes.accept(
            get_db(), current_user.id, quote_id, args["version"], args["reason"], date.today()
        )


@blp.route("/quotes/<int:quote_id>/quote.pdf", endpoint="quote_pdf")
class QuotePdf(MethodView):
    @access(blp, *READ_QUOTES)
    @blp.arguments(PdfQuery, location="query")
    @blp.response(200, description="The quote (PDF)", content_type="application/pdf")
    @blp.doc(responses={"200": PDF})
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, args: dict[str, Any], quote_id: int) -> Response:
        """The quote PDF: a sent revision's kept PDF (its language), or in `lang` made from the
        revision; a draft's is marked DRAFT."""
        pdf, name = quotes.pdf(get_db(), quote_id, args.get("lang"))
        return pdf_response(pdf, name)
