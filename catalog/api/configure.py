"""Markets, the models they can buy, and the configure call."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from ..errors import NotFound, Unprocessable
from ..rulebook import SelectionError
from ..rulebook.model import Market, Model, text_in
from ..schemas.rules import (
    ConfigurationSchema,
    ConfigureRequest,
    LangQuery,
    MarketSchema,
    ModelSchema,
    ModelsQuery,
)
from ..services.active_rules import engine
from ..services.configurator import Configurer, answer

blp = Blueprint("configure", __name__, description="Markets, models and the configurator")


def market_view(market: Market, lang: str, with_rules: bool) -> dict[str, Any]:
    book = engine().book
    out: dict[str, Any] = {
        "code": market.code,
        "name": text_in(market.name, lang),
        "language": market.language,
        "eaeu": bool(market.attrs.get("eaeu")),
        "attrs": market.attrs,
        "layers": list(market.layers),
        "mass_limits": market.mass_limits,
        "source": str(market.source),
    }
    if with_rules:
        out["rules"] = [
            {
                "id": r.id,
                "kind": r.kind,
                "severity": r.severity,
                "message": text_in(r.message, lang),
                "reference": r.reference,
                "source": str(r.source),
                "owner": r.owner,
            }
            for r in book.rules_for(market)
            if r.owner != "catalogue"
        ]
    return out


def model_view(model: Model, lang: str) -> dict[str, Any]:
    return {
        "id": model.id,
        "name": text_in(model.name, lang),
        **model.attrs,
        "price": model.price,
        "source": str(model.source),
    }


@blp.route("/markets")
class Markets(MethodView):
    @blp.arguments(LangQuery, location="query")
    @blp.response(200, MarketSchema(many=True))
    def get(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        """The markets, each with the rules it applies (its own and its layers')."""
        return [market_view(m, args["lang"], True) for m in engine().book.markets.values()]


@blp.route("/markets/<string:code>")
class MarketOne(MethodView):
    @blp.arguments(LangQuery, location="query")
    @blp.response(200, MarketSchema)
    def get(self, args: dict[str, Any], code: str) -> dict[str, Any]:
        """One market and its rules, with ids, messages, references and path:line."""
        market = engine().book.markets.get(code.upper())
        if market is None:
            raise NotFound(f"unknown market {code!r}")
        return market_view(market, args["lang"], True)


@blp.route("/models")
class Models(MethodView):
    @blp.arguments(ModelsQuery, location="query")
    @blp.response(200, ModelSchema(many=True))
    def get(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        """Models a market can buy, recommended first; models it can never buy are left out."""
        eng = engine()
        try:
            offers = eng.models_for(args["market"].upper(), args["lang"])
        except SelectionError as err:
            raise NotFound(str(err), err.errors) from err
        out = []
        for offer in offers:
            if offer.buyable:
                view = model_view(eng.book.models[offer.id], args["lang"])
                out.append({**view, "buyable": True, "recommended": offer.recommended})
        return out


@blp.route("/configure")
class Configure(MethodView):
    @blp.arguments(ConfigureRequest)
    @blp.response(200, ConfigurationSchema)
    def post(self, args: dict[str, Any]) -> Any:
        """Every group's options with state and reasons; completeness, validity and price;
        with `changed`, the change of mind applied; with `fill`, completed with defaults."""
        configure = Configurer(
            engine(args["date"]), args["market"].upper(), args["model"], args["lang"]
        )
        try:
            return answer(configure, args["selections"], args["changed"], args["fill"])
        except SelectionError as err:
            raise Unprocessable("the selections do not fit the catalogue", err.errors) from err
