"""Catalogue pages: each market's models with their key figures, and the option groups."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, render_template, request
from flask_babel import format_decimal
from flask_babel import gettext as _

from ..auth import roles_required
from ..body_types import body_name
from ..rulebook.model import Filter, Group, Market, text_in
from ..services.active_rules import engine

bp = Blueprint("catalogue", __name__, url_prefix="/catalogue")


def _lang() -> str:
    return str(g.get("lang", "en"))


@bp.get("")
@roles_required()
def models() -> Any:
    book = engine().book
    code = request.args.get("market", "").upper()
    market = book.markets.get(code) or next(iter(book.markets.values()))
    return render_template(
        "catalogue/models.html",
        title=_("Catalogue"),
        markets=[(m.code, text_in(m.name, _lang())) for m in book.markets.values()],
        market=market,
        market_name=text_in(market.name, _lang()),
        facts=market_facts(market),
        rows=model_rows(market),
    )


def market_facts(market: Market) -> list[tuple[str, str]]:
    facts = [(_("Document language"), market.language)]
    facts.append((_("EAEU member"), _("yes") if market.attrs.get("eaeu") else _("no")))
    if "min_emission" in market.attrs:
        facts.append((_("Lowest emission stage"), f"Euro {market.attrs['min_emission']}"))
    limits = market.mass_limits
    if limits is not None:
        axles = ", ".join(f"{n}: {format_decimal(t)} t" for n, t in sorted(limits.by_axles.items()))
        parts = [_("axles %(limits)s", limits=axles)] if axles else []
        if limits.combination:
            mass = format_decimal(limits.combination)
            parts.append(_("tractor and semi-trailer %(mass)s t", mass=mass))
        if limits.max:
            parts.append(_("never over %(mass)s t", mass=format_decimal(limits.max)))
        facts.append((_("Gross mass limits"), "; ".join(parts) + f" ({limits.reference})"))
    return facts


def model_rows(market: Market) -> list[dict[str, Any]]:
    """Every model, recommended first, with whether the market can buy it and why not."""
    eng = engine()
    rows = []
    for offer in eng.models_for(market.code, _lang()):
        model = eng.book.models[offer.id]
        why = []
        if not offer.buyable:
            why = eng.configure(market.code, model.id, {}, lang=_lang()).violations
        rows.append(
            {
                "id": model.id,
                "name": text_in(model.name, _lang()),
                "attrs": model.attrs,
                "body": body_name(model.attrs.get("body")),
                "price": model.price,
                "buyable": offer.buyable,
                "recommended": offer.recommended,
                "why": why,
            }
        )
    return rows


@bp.get("/options")
@roles_required()
def options() -> Any:
    book = engine().book
    groups = [group_row(group) for group in book.groups.values()]
    return render_template("catalogue/options.html", title=_("Option groups"), groups=groups)


def group_row(group: Group) -> dict[str, Any]:
    return {
        "id": group.id,
        "name": text_in(group.name, _lang()),
        "optional": group.optional,
        "applies": filter_text(group.models),
        "options": [
            {
                "id": o.id,
                "name": text_in(o.name, _lang()),
                "price": o.price,
                "attrs": ", ".join(
                    f"{k}={v}{'≈' if k in o.approx else ''}" for k, v in o.attrs.items()
                ),
                "source": str(o.source),
            }
            for o in group.options
        ],
        "source": str(group.source),
    }


def filter_text(models: Filter | None) -> str:
    if models is None:
        return _("all models")
    parts = []
    for key, values, negated in models.terms:
        joined = ", ".join(str(v) for v in values)
        parts.append(f"{key} {'≠' if negated else '='} {joined}")
    return "; ".join(parts)
