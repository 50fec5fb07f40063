"""The configurator page: market, model, then every option group, one GET per step."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..auth import roles_required
from ..errors import Unprocessable
from ..roles import CONFIGURE
from ..rulebook.model import Rulebook, text_in
from ..services.active_rules import engine
from .cfgflow import SEL, WAS, Step, delivery_day, query, read, run
from .configurator_facts import page_facts
from .order_reopen import Editing, editing, save_url

bp = Blueprint("configurator", __name__)


def is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")


def model_choices(market: str, lang: str) -> list[dict[str, Any]]:
    """The market's models for the select: recommended first, then the others, then those the
    market can never buy (shown, but not choosable)."""
    if not market:
        return []
    book = engine().book
    out = []
    for offer in engine().models_for(market, lang):
        model = book.models[offer.id]
        out.append(
            {
                "id": model.id,
                "name": text_in(model.name, lang),
                "price": model.price,
                "buyable": offer.buyable,
                "recommended": offer.recommended,
            }
        )
    return out


def markets(lang: str) -> list[tuple[str, str]]:
    return [(m.code, text_in(m.name, lang)) for m in engine().book.markets.values()]


def asked_market(book: Rulebook) -> str:
    """The `market` query argument of the start and compare pages: empty or a known code."""
    market = request.args.get("market", "").upper()
    if market and market not in book.markets:
        raise Unprocessable(_("market: choose one of the listed markets"), {"market": [market]})
    return market


@bp.get("/configure")
@roles_required(*CONFIGURE)
def page() -> Any:
    lang = g.get("lang", "en")
    ask = read(request.args)
    day, bad_day = delivery_day(ask)
    step = run(engine(day), ask, lang)
    step.day = day.isoformat() if day else ""
    if bad_day:
        step.notices.insert(0, bad_day)
    edit = editing(request.args)
    clean = url_for("configurator.page", **query(step), **(edit.args() if edit else {}))
    if not is_htmx() and not step.pending and (step.moved or _has_bookkeeping()):
        for notice in step.notices:
            flash(notice, "info")
        return redirect(clean, 303)
    context = _context(step, lang, edit)
    if is_htmx():
        response = Response(render_template("configurator/_body.html", **context))
        response.headers["HX-Push-Url"] = clean
        return response
    return render_template("configurator/page.html", **context)


def _has_bookkeeping() -> bool:
    """A submitted form (not a clean, bookmarkable URL): redirect to the clean one."""
    return any(k.startswith(WAS) for k in request.args) or "update" in request.args


def _context(step: Step, lang: str, edit: Editing | None) -> dict[str, Any]:
    models = model_choices(step.market, lang)
    return {
        "step": step,
        "config": step.config,
        "groups": step.groups,
        "markets": markets(lang),
        "models": models,
        "model_name": next((m["name"] for m in models if m["id"] == step.model), step.model),
        "SEL": SEL,
        "WAS": WAS,
        "order_url": _order_url(step, edit),
        "editing": edit,
        "title": _("Configure a truck"),
        "htmx": is_htmx(),
        **page_facts(engine().book, step.config, step.groups, lang),
    }


def _order_url(step: Step, edit: Editing | None) -> str | None:
    """Where "Save as order" goes: the order form with every group's value (forced ones too),
    or, while an order is reopened, the page that saves it as the order's next version."""
    if step.config is None or not step.config.valid:
        return None
    if edit is not None:
        chosen = {gr.id: gr.value for gr in step.groups if gr.value is not None}
        return save_url(edit, step.model, chosen)
    values: dict[str, Any] = {SEL + gr.id: gr.value for gr in step.groups if gr.value is not None}
    if step.day:
        values["date"] = step.day
    return url_for("order_pages.new", market=step.market, model=step.model, **values)
