"""Exchange rates CNY -> USD, KZT, UZS, KGS, TJS, TMT, each valid from a date."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE

from ..auth import current_user
from ..db import get_db
from ..roles import MANAGE_RATES, READ_QUOTES
from ..schemas.quotes import RateCreate, RateImport, RateSchema, RatesQuery
from ..services import rates
from .access import access

blp = Blueprint("rates", __name__, description="Exchange rates for quotes")


@blp.route("/rates")
class Rates(MethodView):
    @access(blp, *READ_QUOTES)
    @blp.arguments(RatesQuery, location="query", unknown=RAISE)
    @blp.response(200, RateSchema(many=True))
    def get(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        """Rates, newest first (200 at most), of one currency or all."""
        return rates.listing(get_db(), args.get("currency"))

    @access(blp, *MANAGE_RATES)
    @blp.arguments(RateCreate)
    @blp.response(201, RateSchema)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """A rate: units of `currency` for 1 CNY, from `valid_from` until the next rate, with
        its source. Rates are never edited; a correction is a new rate (quotes keep theirs)."""
        return rates.add(get_db(), current_user.id, args)


@blp.route("/rates/import")
class RatesImport(MethodView):
    @access(blp, *MANAGE_RATES)
    @blp.arguments(RateImport)
    @blp.response(201, RateSchema(many=True))
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def post(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        """CSV text (header currency,valid_from,rate,source): every rate stored, or none and
        422 naming each bad line and field."""
        return rates.import_csv(get_db(), current_user.id, args["csv"])
