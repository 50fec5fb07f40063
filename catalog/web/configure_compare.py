"""Up to three models or saved orders side by side: price, the key figures of the spec sheet and
the side-view drawing, the rows that differ marked. A model is compared as the rules suggest it
in the chosen market; a saved order as it was stored. Plain GET: `item=model:<id>` or
`item=order:<id>`, repeated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, g, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from ..auth import roles_required
from ..db import get_db
from ..errors import CatalogError, Unprocessable
from ..roles import CONFIGURE
from ..rulebook.model import Rulebook, text_in
from ..services import orders as ordering
from ..services.active_rules import engine
from ..specsheet.drawing import side_view
from ..specsheet.key_figures import Truck, key_figures
from ..store.orders import Filters
from .cfgflow import SEL
from .configurator import asked_market, markets
from .configurator_facts import named_drawing

bp = Blueprint("configure_compare", __name__)
MAX_COMPARED = 3
RECENT_ORDERS = 30


@dataclass
class Column:
    item: str  # model:<id> or order:<id>
    title: str
    subtitle: str
    market: str
    price: int
    valid: bool
    figures: dict[str, str]
    drawing: Markup
    link: str


@bp.get("/configure/compare")
@roles_required(*CONFIGURE)
def compare() -> Any:
    lang = str(g.get("lang", "en"))
    book = engine().book
    market = asked_market(book)
    items = [i for i in request.args.getlist("item") if i]
    if len(items) > MAX_COMPARED:
        raise Unprocessable(
            _("item: compare at most %(max)d models or orders", max=MAX_COMPARED),
            {"item": [f"at most {MAX_COMPARED}"]},
        )
    columns = [_column(book, item, market, lang) for item in dict.fromkeys(items)]
    labels = list(dict.fromkeys(label for c in columns for label in c.figures))
    rows = [(label, [c.figures.get(label, "—") for c in columns]) for label in labels]
    return render_template(
        "configurator/compare.html",
        title=_("Compare trucks"),
        markets=markets(lang),
        market=market,
        chosen=items + [""] * (MAX_COMPARED - len(items)),
        models=_model_choices(book, market, lang),
        orders=ordering.find(get_db(), Filters(), 1, RECENT_ORDERS)[0],
        model_name=lambda model_id: _model_name(book, model_id, lang),
        columns=columns,
        rows=rows,
    )


def _column(book: Rulebook, item: str, market: str, lang: str) -> Column:
    kind, _sep, key = item.partition(":")
    if kind == "model" and key in book.models:
        if not market:
            raise Unprocessable(
                _("market: choose the market to compare models in"), {"market": ["required"]}
            )
        return _model_column(book, item, market, key, lang)
    if kind == "order" and key.isdigit() and len(key) <= 18:
        try:
            order = ordering.get(get_db(), int(key), lang)
        except CatalogError as err:
            raise Unprocessable(_("item: no saved order %(id)s", id=key), {"item": [item]}) from err
        return _order_column(book, item, order, lang)
    raise Unprocessable(_("item: %(item)s is not a model or a saved order", item=item),
                        {"item": [item]})  # fmt: skip


def _model_column(book: Rulebook, item: str, market: str, model_id: str, lang: str) -> Column:
    config = engine().configure(market, model_id, {}, lang=lang)
    values = {gr.id: v for gr in config.groups if (v := gr.value or gr.default)}
    verdict = engine().validate(market, model_id, values, lang)
    chosen: dict[str, Any] = {SEL + k: v for k, v in values.items()}
    return Column(
        item=item,
        title=_model_name(book, model_id, lang),
        subtitle=_("as suggested in %(market)s", market=text_in(book.markets[market].name, lang)),
        market=market,
        price=verdict.price.total,
        valid=verdict.valid,
        figures=_figures(book, market, model_id, dict(verdict.values), lang),
        drawing=_drawing(book, model_id, dict(verdict.values), lang),
        link=url_for("configurator.page", market=market, model=model_id, **chosen),
    )


def _order_column(book: Rulebook, item: str, order: dict[str, Any], lang: str) -> Column:
    model_id, market = order["model"], order["market"]
    return Column(
        item=item,
        title=_model_name(book, model_id, lang),
        subtitle=_(
            "order %(number)s, %(customer)s", number=order["number"], customer=order["customer"]
        ),
        market=market,
        price=order["price"],
        valid=order["still_valid"],
        figures=_figures(book, market, model_id, order["selections"], lang),
        drawing=_drawing(book, model_id, order["selections"], lang),
        link=url_for("order_pages.detail", order_id=order["id"]),
    )


def _figures(
    book: Rulebook, market: str, model_id: str, values: dict[str, str], lang: str
) -> dict[str, str]:
    truck = Truck(book, book.markets[market], book.models[model_id], values, lang)
    return {row.label: row.value for row in key_figures(truck, _)}


def _drawing(book: Rulebook, model_id: str, values: dict[str, str], lang: str) -> Markup:
    name = _("Side view of %(model)s", model=_model_name(book, model_id, lang))
    return named_drawing(side_view(book.models[model_id], values), name)


def _model_name(book: Rulebook, model_id: str, lang: str) -> str:
    model = book.models.get(model_id)
    return text_in(model.name, lang) if model else model_id


def _model_choices(book: Rulebook, market: str, lang: str) -> list[tuple[str, str]]:
    if not market:
        return []
    return [
        (offer.id, _model_name(book, offer.id, lang))
        for offer in engine().models_for(market, lang)
        if offer.buyable
    ]
