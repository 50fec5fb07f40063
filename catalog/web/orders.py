"""Order pages: the list with filters, saving a configuration as an order, one order's page."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth import roles_required
from ..db import get_db
from ..errors import CatalogError
from ..limits import FIRST_DAY, LAST_DAY
from ..order_lifecycle import EDITABLE, STATUSES, TRANSITIONS
from ..roles import CORRECT_ORDERS, READ_ORDERS, WRITE_ORDERS
from ..rulebook import SelectionError
from ..rulebook.engine.results import Configuration
from ..services import corrections
from ..services import orders as ordering
from ..services.active_rules import engine
from ..store import customers
from ..store.orders import Filters
from . import order_view
from .cfgflow import SEL
from .forms import CorrectionForm, EditOrderForm, NewOrderForm, StatusForm

bp = Blueprint("order_pages", __name__, url_prefix="/orders")
PER_PAGE = 25
MAX_PAGE = 100_000


def _lang() -> str:
    return str(g.get("lang", "en"))


@bp.get("")
@roles_required(*READ_ORDERS)
def index() -> Any:
    args = request.args
    page = min(max(1, args.get("page", 1, type=int) or 1), MAX_PAGE)  # SQLite takes 64 bits
    filters = Filters(
        market=args.get("market", "").upper() or None,
        status=args.get("status") if args.get("status") in STATUSES else None,
        text=args.get("q", "").strip()[:100] or None,
    )
    items, total = ordering.find(get_db(), filters, page, PER_PAGE)
    return render_template(
        "orders/list.html",
        title=_("Orders"),
        items=items,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        filters=filters,
        markets=sorted(engine().book.markets),
        statuses=order_view.STATUS_NAMES,
        model_name=order_view.model_name,
    )


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*WRITE_ORDERS)
def new() -> Any:
    """The configuration travels as market, model and sel_<group> fields (query, then form)."""
    source = request.form if request.method == "POST" else request.args
    market, model = source.get("market", "").upper(), source.get("model", "")
    selections = {k[len(SEL) :]: v for k, v in source.items() if k.startswith(SEL) and v}
    form = NewOrderForm()
    if request.method == "GET" and not form.delivery_date.data:
        form.delivery_date.data = _day(request.args.get("date", ""))
    day = form.delivery_date.data if form.delivery_date.validate(form) else None
    try:
        config = engine(day).configure(market, model, selections, lang=_lang())
    except SelectionError as err:
        raise CatalogError(_("This configuration does not fit the catalogue."), err.errors) from err
    problem = None
    if form.validate_on_submit():
        data = {"customer": (form.customer.data or "").strip(), "market": market, "model": model}
        data |= {"selections": selections, "quantity": form.quantity.data, "delivery_date": day}
        try:
            order = ordering.create(get_db(), current_user.id, data)
        except CatalogError as err:
            problem = err
        else:
            flash(_("Order %(number)s saved.", number=order["number"]), "ok")
            return redirect(url_for("order_pages.detail", order_id=order["id"]), 303)
    page = _new_page(form, config, selections, problem)
    return page, (422 if problem or form.errors else 200)


def _day(text: str) -> date | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def _new_page(
    form: NewOrderForm,
    config: Configuration,
    selections: dict[str, str],
    problem: CatalogError | None,
) -> str:
    market, model = config.market, config.model
    return render_template(
        "orders/new.html",
        title=_("Save as order"),
        form=form,
        config=config,
        market=market,
        model=model,
        selections=selections,
        rows=order_view.config_rows(config),
        model_title=order_view.model_name(model),
        customers=customers.search(get_db(), "", 500),
        problem=problem,
        back=url_for("configurator.page", market=market, model=model, **_prefixed(selections)),
        SEL=SEL,
    )


def _prefixed(selections: dict[str, str]) -> dict[str, Any]:
    return {SEL + k: v for k, v in selections.items()}


@bp.get("/<int:order_id>")
@roles_required(*READ_ORDERS)
def detail(order_id: int) -> Any:
    return _detail_page(order_id)


@bp.post("/<int:order_id>")
@roles_required(*WRITE_ORDERS)
def change(order_id: int) -> Any:
    action = request.form.get("action")
    form: EditOrderForm | StatusForm = EditOrderForm() if action == "edit" else StatusForm()
    if not form.validate_on_submit():
        return _detail_page(order_id, failed=form, status=422)
    data: dict[str, Any] = {"version": int(form.version.data or 0)}
    if isinstance(form, EditOrderForm):
        data |= {"customer": (form.customer.data or "").strip(), "quantity": form.quantity.data}
    else:
        data["status"] = form.status.data
        if form.ship_date.data is not None:
            data["ship_date"] = form.ship_date.data
        elif data["status"] == "shipped":
            form.ship_date.errors = [_("Enter the date the trucks left, then mark it shipped.")]
            return _detail_page(order_id, failed=form, status=422)
    try:
        order = ordering.update(get_db(), current_user.id, order_id, data)
    except CatalogError as err:
        return _detail_page(order_id, failed=form, problem=err, status=err.status)
    flash(_("Order %(number)s saved (version %(version)s).", number=order["number"],
            version=order["version"]), "ok")  # fmt: skip
    return redirect(url_for("order_pages.detail", order_id=order_id), 303)


@bp.get("/<int:order_id>/cancel")
@roles_required(*WRITE_ORDERS)
def confirm_cancel(order_id: int) -> Any:
    """Cancelling cannot be undone, so it is asked for again on a page of its own."""
    order = ordering.get(get_db(), order_id, _lang())
    if "cancelled" not in TRANSITIONS[order["status"]]:
        return redirect(url_for("order_pages.detail", order_id=order_id), 303)
    state = StatusForm(formdata=None)
    state.version.data = str(order["version"])
    title = _("Cancel order %(number)s?", number=order["number"])
    return render_template("orders/cancel.html", title=title, order=order, state=state)


@bp.post("/<int:order_id>/correction")
@roles_required(*CORRECT_ORDERS)
def correct(order_id: int) -> Any:
    form = CorrectionForm()
    if not form.validate_on_submit():
        return _detail_page(order_id, failed=form, status=422)
    data: dict[str, Any] = {
        "version": int(form.version.data or 0),
        "reason": (form.reason.data or "").strip(),
        "status": form.status.data,
    }
    if form.quantity.data is not None:
        data["quantity"] = form.quantity.data
    if form.ship_date.data is not None and form.status.data == "shipped":
        data["ship_date"] = form.ship_date.data
    try:
        order = corrections.correct(get_db(), current_user.id, order_id, data)
    except CatalogError as err:
        return _detail_page(order_id, failed=form, problem=err, status=err.status)
    flash(_("Order %(number)s corrected (version %(version)s).", number=order["number"],
            version=order["version"]), "ok")  # fmt: skip
    return redirect(url_for("order_pages.detail", order_id=order_id), 303)


def _detail_page(
    order_id: int,
    failed: EditOrderForm | StatusForm | CorrectionForm | None = None,
    problem: CatalogError | None = None,
    status: int = 200,
) -> Any:
    order = ordering.get(get_db(), order_id, _lang())
    edit = failed if isinstance(failed, EditOrderForm) else EditOrderForm(formdata=None, data=order)
    state = failed if isinstance(failed, StatusForm) else StatusForm(formdata=None)
    fix = (
        failed if isinstance(failed, CorrectionForm) else CorrectionForm(formdata=None, data=order)
    )
    edit.version.data = state.version.data = fix.version.data = str(order["version"])
    return render_template(
        "orders/detail.html",
        title=_("Order %(number)s", number=order["number"]),
        order=order,
        rows=order_view.selection_rows(order["model"], order["selections"], _lang()),
        history=order_view.history_rows(ordering.history(get_db(), order_id)),
        moves=order_view.moves(order["status"]) if current_user.role in WRITE_ORDERS else [],
        editable=current_user.role in WRITE_ORDERS and order["status"] in EDITABLE,
        edit=edit,
        state=state,
        fix=fix if current_user.role in CORRECT_ORDERS and order["status"] == "shipped" else None,
        problem=problem,
        stale=problem is not None and problem.status == 409 and "version" in problem.errors,
        specs=order_view.spec_links(order_id, order["market"]),
        spec_url=order_view.spec_url,
        again=url_for(
            "configurator.page",
            market=order["market"],
            model=order["model"],
            **_prefixed(order["selections"]),
        ),
        statuses=order_view.STATUS_NAMES,
        model_name=order_view.model_name,
    ), status
