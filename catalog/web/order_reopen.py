"""Reopen a draft or quoted order in the configurator and save it back as its next version.

The configurator carries `order` and `version` in its query string beside the configuration, so
the editing survives every step (with scripts on or off) and a bookmark. Saving goes through
`services.orders.update` with the version the user started from: if someone else saved the order
meanwhile, nothing is written and the page says so (optimistic locking); every saved version is
in the order's history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField

from ..auth import roles_required
from ..db import get_db
from ..errors import CatalogError, Conflict
from ..order_lifecycle import EDITABLE
from ..roles import WRITE_ORDERS
from ..services import orders as ordering
from . import order_view
from .cfgflow import SEL
from .forms import VERSION

bp = Blueprint("order_reopen", __name__, url_prefix="/orders")
ORDER, VERSION_ARG = "order", "version"


class SaveConfigurationForm(FlaskForm):
    version = HiddenField(validators=VERSION)


@dataclass(frozen=True)
class Editing:
    """The order the configurator is editing and the version it was read at."""

    order_id: int
    version: int
    number: str

    def args(self) -> dict[str, Any]:
        return {ORDER: self.order_id, VERSION_ARG: self.version}


def editing(args: MultiDict[str, str]) -> Editing | None:
    """The order being edited, if the query names one this user may still edit; else None
    (the configurator then works as for a new truck)."""
    order_id, version = _number(args.get(ORDER)), _number(args.get(VERSION_ARG))
    if order_id is None or version is None or current_user.role not in WRITE_ORDERS:
        return None
    try:
        order = ordering.get(get_db(), order_id)
    except CatalogError:
        return None
    if order["status"] not in EDITABLE:
        return None
    return Editing(order_id, version, order["number"])


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) <= 18 else None


def save_url(edit: Editing, model: str, values: dict[str, str]) -> str:
    """Where the configurator's save button goes while it edits an order (an order keeps its
    market; the model may change)."""
    selections: dict[str, Any] = {SEL + k: v for k, v in values.items()}
    return url_for(
        "order_reopen.review", order_id=edit.order_id, version=edit.version, model=model,
        **selections,
    )  # fmt: skip


@bp.get("/<int:order_id>/reopen")
@roles_required(*WRITE_ORDERS)
def reopen(order_id: int) -> Any:
    """The order's configuration in the configurator, editing this version of the order."""
    order = ordering.get(get_db(), order_id)
    if order["status"] not in EDITABLE:
        flash(_("Only a draft or quoted order can be changed."), "error")
        return redirect(url_for("order_pages.detail", order_id=order_id), 303)
    selections = {SEL + k: v for k, v in order["selections"].items() if v}
    if order.get("delivery_date"):  # the configurator answers as of the order's delivery
        selections["date"] = order["delivery_date"].isoformat()
    return redirect(
        url_for(
            "configurator.page", market=order["market"], model=order["model"],
            order=order_id, version=order["version"], **selections,
        ),
        303,
    )  # fmt: skip


@bp.route("/<int:order_id>/configuration", methods=["GET", "POST"])
@roles_required(*WRITE_ORDERS)
def review(order_id: int) -> Any:
    """The old and the new configuration side by side; saving makes the order's next version."""
    source = request.form if request.method == "POST" else request.args
    order = ordering.get(get_db(), order_id, _lang())
    model = source.get("model", "") or order["model"]
    selections = {k[len(SEL) :]: v for k, v in source.items() if k.startswith(SEL) and v}
    form = SaveConfigurationForm(formdata=request.form if request.method == "POST" else None)
    if request.method == "GET":
        form.version.data = source.get(VERSION_ARG, "")
    problem: CatalogError | None = None
    if request.method == "POST" and form.validate_on_submit():
        version = int(form.version.data or 0)
        try:
            saved = _save(order, version, model, selections)
        except CatalogError as err:
            problem = err
        else:
            if saved is None:
                flash(_("The configuration is unchanged: nothing was saved."), "info")
            else:
                flash(
                    _("Order %(number)s saved (version %(version)s).",
                      number=saved["number"], version=saved["version"]),
                    "ok",
                )  # fmt: skip
            return redirect(url_for("order_pages.detail", order_id=order_id), 303)
    elif request.method == "POST":
        problem = CatalogError(_("The form has expired: open the order again."), status=422)
    else:
        problem = _checked(order, model, selections)
    page = _review_page(order, model, selections, form, problem)
    return page, (problem.status if problem else 200)


def _checked(order: dict[str, Any], model: str, selections: dict[str, str]) -> CatalogError | None:
    """Why the new configuration cannot be saved, said before the user tries (None if it can)."""
    wanted: dict[str, str | None] = dict(selections)
    try:
        ordering.approve(order["market"], model, wanted)
    except CatalogError as err:
        return err
    return None


def _save(
    order: dict[str, Any], version: int, model: str, selections: dict[str, str]
) -> dict[str, Any] | None:
    """The order at its next version, or None when the configuration is what it already has."""
    if order["status"] not in EDITABLE:
        raise Conflict(_("Only a draft or quoted order can be changed."))
    wanted: dict[str, str | None] = dict(selections)
    verdict = ordering.approve(order["market"], model, wanted)
    data: dict[str, Any] = {"version": version}
    if model == order["model"] and dict(verdict.values) == order["selections"]:
        if version == order["version"]:
            return None
        ordering.update(get_db(), current_user.id, order["id"], data)  # raises: stale
    data |= {"model": model, "selections": selections}
    return ordering.update(get_db(), current_user.id, order["id"], data)


def _review_page(
    order: dict[str, Any],
    model: str,
    selections: dict[str, str],
    form: SaveConfigurationForm,
    problem: CatalogError | None,
) -> str:
    lang = _lang()
    before = order_view.selection_rows(order["model"], order["selections"], lang)
    after = order_view.selection_rows(model, selections, lang)
    old = {r["group"]: r for r in before}
    changed = [r for r in after if old.get(r["group"], {}).get("option") != r["option"]]
    started = int(form.version.data) if (form.version.data or "").isdigit() else order["version"]
    stale = started != order["version"]
    prefixed: dict[str, Any] = {SEL + k: v for k, v in selections.items()}
    back = url_for(
        "configurator.page", market=order["market"], model=model, order=order["id"],
        version=form.version.data or order["version"], **prefixed,
    )  # fmt: skip
    return render_template(
        "orders/reconfigure.html",
        title=_("Save the new configuration of order %(number)s", number=order["number"]),
        order=order,
        model=model,
        model_title=order_view.model_name(model),
        old_model_title=order_view.model_name(order["model"]),
        rows=after,
        changed={r["group"] for r in changed},
        before=before,
        form=form,
        selections=selections,
        problem=problem,
        stale=stale or (problem is not None and problem.status == 409),
        started=started,
        back=back,
        reopen=url_for("order_reopen.reopen", order_id=order["id"]),
        SEL=SEL,
    )


def _lang() -> str:
    return str(g.get("lang", "en"))
