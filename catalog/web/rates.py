"""The exchange rates page: everyone who quotes reads it; an admin adds rates or imports CSV."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth import roles_required
from ..db import get_db
from ..errors import CatalogError
from ..quoting.money import RATE_CURRENCIES
from ..roles import MANAGE_RATES, READ_QUOTES
from ..services import rates
from .quote_forms import CsrfForm

bp = Blueprint("rate_pages", __name__, url_prefix="/rates")
MAX_UPLOAD = 500_000  # bytes of CSV


@bp.get("")
@roles_required(*READ_QUOTES)
def index() -> Any:
    return _page()


@bp.post("")
@roles_required(*MANAGE_RATES)
def add() -> Any:
    form = CsrfForm()
    if not form.validate_on_submit():
        return _page(CatalogError(_("The form has expired: send it again.")), 400)
    try:
        if request.form.get("action") == "import":
            upload = request.files.get("file")
            raw = upload.read(MAX_UPLOAD + 1) if upload else b""
            if len(raw) > MAX_UPLOAD:
                raise CatalogError(_("The file is too large."), {"file": ["too large"]}, 413)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                raise CatalogError(
                    _("The file is not UTF-8 text."), {"file": ["not UTF-8"]}, 422
                ) from err
            stored = rates.import_csv(get_db(), current_user.id, text)
            flash(_("%(count)d rates imported.", count=len(stored)), "ok")
        else:
            fields = ("currency", "valid_from", "rate", "source")
            rates.add(get_db(), current_user.id, {k: request.form.get(k, "") for k in fields})
            flash(_("Rate saved."), "ok")
    except CatalogError as err:
        return _page(err, err.status, dict(request.form))
    return redirect(url_for("rate_pages.index"), 303)


def _page(problem: CatalogError | None = None, status: int = 200, posted: Any = None) -> Any:
    return render_template(
        "quotes/rates.html",
        title=_("Exchange rates"),
        items=rates.listing(get_db()),
        currencies=RATE_CURRENCIES,
        form=CsrfForm(),
        problem=problem,
        posted=posted or {},
        can_edit=current_user.role in MANAGE_RATES,
    ), status
