"""The configurator's guided start: a market and what the truck is for lead to the models that
fit, the market's recommended ones first; each opens in the configurator. Plain GET forms, so it
works without scripts and can be bookmarked."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, render_template, request
from flask_babel import gettext as _

from ..applications import APPLICATION_HINTS, APPLICATION_NAMES, APPLICATIONS, fits
from ..auth import roles_required
from ..body_types import body_name
from ..errors import Unprocessable
from ..roles import CONFIGURE
from ..rulebook.model import text_in
from ..services.active_rules import engine
from .configurator import asked_market, markets

bp = Blueprint("configure_start", __name__)


@bp.get("/configure/start")
@roles_required(*CONFIGURE)
def start() -> Any:
    lang = str(g.get("lang", "en"))
    book = engine().book
    market = asked_market(book)
    application = request.args.get("application", "")
    if application and application not in APPLICATIONS:
        raise Unprocessable(
            _("application: choose one of the listed uses"), {"application": [application]}
        )
    found = models(market, application, lang) if market and application else None
    return render_template(
        "configurator/start.html",
        title=_("Start from what the truck is for"),
        markets=markets(lang),
        market=market,
        application=application,
        applications=[(k, APPLICATION_NAMES[k], APPLICATION_HINTS[k]) for k in APPLICATIONS],
        found=found,
    )


def models(market: str, application: str, lang: str) -> list[dict[str, Any]]:
    """The models for this use the market can buy, the market's recommended ones first."""
    book = engine().book
    wanted = APPLICATIONS[application]
    out = []
    for offer in engine().models_for(market, lang):
        model = book.models[offer.id]
        if not offer.buyable or not fits(model, wanted):
            continue
        out.append(
            {
                "id": model.id,
                "name": text_in(model.name, lang),
                "price": model.price,
                "body": body_name(model.attr("body")),
                "drive": str(model.attr("drive") or "").replace("x", "×"),
                "recommended": [r.message for r in offer.recommended],
            }
        )
    return out
