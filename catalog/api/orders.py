"""Orders: create, read, list, change content or status, and their history."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE

from ..auth import current_user
from ..db import get_db
from ..roles import CORRECT_ORDERS, READ_ORDERS, WRITE_ORDERS
from ..schemas.orders import (
    HistorySchema,
    OrderCorrection,
    OrderCreate,
    OrderPageSchema,
    OrderPatch,
    OrderQuery,
    OrderSchema,
    OrdersQuery,
)
from ..services import corrections
from ..services import orders as ordering
from ..store.orders import Filters
from .access import access

blp = Blueprint("orders", __name__, description="Orders for customers and their workflow")


@blp.route("/orders")
class Orders(MethodView):
    @access(blp, *READ_ORDERS)
    @blp.arguments(OrdersQuery, location="query", unknown=RAISE)  # a typo is not "no filter"
    @blp.response(200, OrderPageSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Orders, newest first, filtered by market, status, customer or text, a page at a time."""
        filters = Filters(
            market=args.get("market", "").upper() or None,
            status=args.get("status"),
            customer=args.get("customer"),
            text=args.get("q"),
        )
        items, total = ordering.find(get_db(), filters, args["page"], args["per_page"])
        return {"items": items, "total": total, "page": args["page"], "per_page": args["per_page"]}

    @access(blp, *WRITE_ORDERS)
    @blp.arguments(OrderCreate)
    @blp.response(201, OrderSchema)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Store a new draft order, approved by the rules.

        422 with `errors.violations` ({rule, message, source, options}) when the rules reject
        the truck, `errors.missing` when required groups have no selection."""
        return ordering.create(get_db(), current_user.id, args)


@blp.route("/orders/<int:order_id>")
class OrderOne(MethodView):
    @access(blp, *READ_ORDERS)
    @blp.arguments(OrderQuery, location="query")
    @blp.response(200, OrderSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, args: dict[str, Any], order_id: int) -> dict[str, Any]:
        """One order.

        `still_valid` says whether the current rules accept it; `rejected_by` lists the rules
        that now reject it."""
        return ordering.get(get_db(), order_id, args["lang"])

    @access(blp, *WRITE_ORDERS)
    @blp.arguments(OrderPatch)
    @blp.response(200, OrderSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def patch(self, args: dict[str, Any], order_id: int) -> dict[str, Any]:
        """Change content and/or status, refusing stale writes.

        Content (customer, model, selections, quantity) is validated again. Send the `version`
        you read: a stale version answers 409 and changes nothing.
        Workflow: draft → quoted → confirmed → shipped (needs `ship_date`); draft, quoted or
        confirmed → cancelled; quoted → draft. Any other move answers 409, as does a content
        change once the order is confirmed."""
        return ordering.update(get_db(), current_user.id, order_id, args)


@blp.route("/orders/<int:order_id>/history")
class OrderHistory(MethodView):
    @access(blp, *READ_ORDERS)
    @blp.response(200, HistorySchema(many=True))
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, order_id: int) -> list[dict[str, Any]]:
        """Every change to the order: who, when, and each field's old and new value."""
        return ordering.history(get_db(), order_id)


@blp.route("/orders/<int:order_id>/correction")
class OrderCorrectionView(MethodView):
    @access(blp, *CORRECT_ORDERS)
    @blp.arguments(OrderCorrection)
    @blp.response(200, OrderSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def post(self, args: dict[str, Any], order_id: int) -> dict[str, Any]:
        """Correct a shipped order: quantity, ship date, or back to confirmed or cancelled.

        A `reason` is required and kept in the history; the export figures follow. Only
        shipped orders, only admins; a stale `version` answers 409."""
        return corrections.correct(get_db(), current_user.id, order_id, args)
