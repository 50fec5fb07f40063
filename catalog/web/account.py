"""Your account: change your password, see and revoke your API tokens."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from .. import accounts, auth
from ..auth import current_user, roles_required
from ..db import get_db
from ..errors import NotFound
from ..security import passwords
from ..store import users as store

bp = Blueprint("account", __name__, url_prefix="/account")


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    new = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(max=passwords.MAX_LENGTH)],
        description=_l("At least %(n)d characters, not a common password.", n=passwords.MIN_LENGTH),
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new", message=_l("The two passwords differ."))],
    )


class RevokeForm(FlaskForm):
    """Only the CSRF token: the token id is in the URL."""


@bp.get("")
@roles_required()
def page() -> Any:
    return _render(PasswordForm())


@bp.post("/password")
@roles_required()
def change_password() -> Any:
    form = PasswordForm()
    if not form.validate_on_submit():
        return _render(form), 400
    if auth.authenticate(current_user.name, form.current.data or "") is None:
        form.current.errors = [_("Wrong password.")]
        return _render(form), 400
    user = store.get(get_db(), current_user.id)
    try:
        accounts.update_user(get_db(), user or {}, {"password": form.new.data or ""})
    except ValueError as err:
        form.new.errors = [str(err).removeprefix("password: ")]
        return _render(form), 400
    # every session of this user ended, this one too: start a fresh one here
    auth.login(current_user._get_current_object())
    flash(_("Password changed. Your other sessions have ended."), "info")
    return redirect(url_for("account.page"))


@bp.post("/tokens/<int:token_id>/revoke")
@roles_required()
def revoke_token(token_id: int) -> Any:
    form = RevokeForm()
    if not form.validate_on_submit():
        return _render(PasswordForm()), 400
    if not store.revoke_token(get_db(), current_user.id, token_id):
        raise NotFound(_("You have no active token %(id)d.", id=token_id))
    flash(_("Token %(id)d revoked.", id=token_id), "info")
    return redirect(url_for("account.page"))


def _render(form: PasswordForm) -> str:
    return render_template(
        "auth/account.html",
        title=_("Your account"),
        form=form,
        revoke_form=RevokeForm(),
        tokens=store.tokens_of(get_db(), current_user.id),
        token_days=accounts.TOKEN_DAYS,
    )
