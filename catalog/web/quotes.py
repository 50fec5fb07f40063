"""Quote pages: a new quote on an order, one quote (terms, figures, approval, sending,
acceptance), the managers' approvals list; and the revisions section of the order page."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..auth import roles_required
from ..db import get_db
from ..errors import CatalogError, Forbidden
from ..quoting.money import QUOTE_CURRENCIES
from ..quoting.terms import CHARGE_KINDS, INCOTERMS
from ..roles import APPROVE_QUOTES, PREPARE_QUOTES, READ_QUOTES
from ..services import quotes
from ..services.quotes import SENDABLE_ORDERS
from ..store import orders as order_store
from . import quote_forms
from .quote_forms import CsrfForm, terms_from

bp = Blueprint("quote_pages", __name__)
# action -> (roles, service call)
ACTIONS = {
    "save": PREPARE_QUOTES,
    "ask": PREPARE_QUOTES,
    "approved": APPROVE_QUOTES,
    "refused": APPROVE_QUOTES,
    "send": PREPARE_QUOTES,
    "accept": PREPARE_QUOTES,
}
DONE = {
    "save": _l("Quote saved."),
    "ask": _l("A manager has been asked to approve the discount."),
    "approved": _l("Discount approved."),
    "refused": _l("Discount refused."),
    "send": _l("Quote sent."),
    "accept": _l("The customer's acceptance is recorded; the order is confirmed."),
}


@bp.route("/orders/<int:order_id>/quotes/new", methods=["GET", "POST"])
@roles_required(*PREPARE_QUOTES)
def new(order_id: int) -> Any:
    order = order_store.get(get_db(), order_id)
    if order is None:
        abort(404)
    form, problem = CsrfForm(), None
    earlier = [q for q in quotes.for_order(get_db(), order_id) if q["revision"]]
    terms = dict(earlier[-1]["terms"]) if earlier else {"currency": "USD"}
    if form.validate_on_submit():
        posted = terms_from(request.form)
        try:
            quote = quotes.create(get_db(), current_user.id, order_id, posted)
        except CatalogError as err:
            problem, terms = err, {**terms, **_shown(posted)}
        else:
            flash(_("Draft quote saved."), "ok")
            return redirect(url_for("quote_pages.detail", quote_id=quote["id"]), 303)
    elif request.method == "POST":
        problem = CatalogError(_("The form has expired: send it again."), form.errors)
    page = render_template(
        "quotes/new.html",
        title=_("New quote for order %(number)s", number=order["number"]),
        order=order,
        form=form,
        terms=terms,
        problem=problem,
        **_choices(),
    )
    return page, (problem.status if problem else 200)


@bp.get("/quotes/<int:quote_id>")
@roles_required(*READ_QUOTES)
def detail(quote_id: int) -> Any:
    return _page(quote_id)


@bp.post("/quotes/<int:quote_id>")
@roles_required(*READ_QUOTES)
def act(quote_id: int) -> Any:
    action = request.form.get("action", "")
    if action not in ACTIONS:
        abort(400)
    if current_user.role not in ACTIONS[action]:
        raise Forbidden(_("this needs the role %(roles)s", roles=" / ".join(ACTIONS[action])))
    form = CsrfForm()
    if not form.validate_on_submit():
        return _page(quote_id, CatalogError(_("The form has expired: send it again.")), 400)
    version = _int(request.form.get("version"))
    reason = request.form.get("reason", "").strip()
    db, user = get_db(), current_user.id
    try:
        if action == "save":
            quotes.update(db, user, quote_id, {"version": version, **terms_from(request.form)})
        elif action == "ask":
            quotes.request_approval(db, user, quote_id, version, _reason(reason))
        elif action in ("approved", "refused"):
            quotes.decide(db, user, quote_id, version, action, _reason(reason))
        elif action == "send":
            quotes.send(db, user, quote_id, version, date.today())
        else:
            quotes.accept(db, user, quote_id, version, _reason(reason), date.today())
    except CatalogError as err:
        posted = _shown(terms_from(request.form)) if action == "save" else None
        return _page(quote_id, err, err.status, posted)
    flash(str(DONE[action]), "ok")
    return redirect(url_for("quote_pages.detail", quote_id=quote_id), 303)


@bp.get("/quotes/approvals")
@roles_required(*APPROVE_QUOTES)
def approvals() -> Any:
    return render_template(
        "quotes/approvals.html",
        title=_("Discounts waiting for approval"),
        items=quotes.awaiting(get_db()),
        money=quote_forms.money_text,
    )


def _page(
    quote_id: int,
    problem: CatalogError | None = None,
    status: int = 200,
    posted: dict[str, Any] | None = None,
) -> Any:
    view = quotes.get(get_db(), quote_id)
    terms = {**view["terms"], **(posted or {})}
    role = current_user.role
    return render_template(
        "quotes/detail.html",
        title=_("Quote %(number)s %(revision)s", number=view["order_number"],
                revision=view["revision"] or _("draft")),
        quote=view,
        terms=terms,
        form=CsrfForm(),
        problem=problem,
        can_prepare=role in PREPARE_QUOTES,
        can_approve=role in APPROVE_QUOTES,
        money=quote_forms.money_text,
        states=quote_forms.STATE_NAMES,
        actions=quote_forms.ACTION_NAMES,
        statuses=quote_forms.STATUS_NAMES,
        **_choices(),
    ), status  # fmt: skip


def _choices() -> dict[str, Any]:
    return {
        "currencies": QUOTE_CURRENCIES,
        "incoterms": INCOTERMS,
        "charge_kinds": CHARGE_KINDS,
        "charge_rows": quote_forms.form_rows,
        "langs": (("en", "English"), ("ru", "Русский"), ("zh", "中文")),
    }


def _shown(posted: dict[str, Any]) -> dict[str, Any]:
    """Posted values as the form shows them again after a refusal."""
    return posted


def _int(text: str | None) -> int:
    try:
        return max(0, min(int(text or 0), 2**62))
    except ValueError:
        return 0


def _reason(text: str) -> str:
    if not text or len(text) > 500 or any(ord(ch) < 32 for ch in text):
        raise CatalogError(
            _("Give a reason (1 to 500 characters)."), {"reason": ["required"]}, status=422
        )
    return text


def order_quotes(order: dict[str, Any]) -> dict[str, Any]:
    """The order page's revisions section: every quote side by side with what changed."""
    views = quotes.for_order(get_db(), order["id"])
    has_draft = any(v["status"] == "draft" for v in views)
    return {
        "views": views,
        "rows": quote_forms.comparison(views),
        "can_new": current_user.role in PREPARE_QUOTES
        and not has_draft
        and order["status"] in SENDABLE_ORDERS,
        "statuses": quote_forms.STATUS_NAMES,
    }


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.add_template_global(order_quotes, "order_quotes")
