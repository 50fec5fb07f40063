"""The front door: log in, log out, and a home page that sends each role where it works."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from .. import auth
from ..db import get_db
from ..errors import TooManyRequests
from ..roles import ADMIN, ENGINEER, MANAGER, SALES
from ..security import throttle

bp = Blueprint("web", __name__)

# Where each role starts; the first registered endpoint wins.
START = {
    SALES: ("configurator.page",),
    ENGINEER: ("review.index", "catalogue.models"),
    MANAGER: ("exports_pages.dashboard", "order_pages.index"),
    ADMIN: ("order_pages.index",),
}


class LoginForm(FlaskForm):
    name = StringField(_l("User name"), validators=[DataRequired(), Length(max=100)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    next = HiddenField()


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: never a redirect to another host."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def start_page() -> str:
    role = getattr(current_user, "role", None)
    for endpoint in START.get(str(role), ()):
        if endpoint in current_app.view_functions:
            return url_for(endpoint)
    return url_for("catalogue.models")


@bp.get("/")
def index() -> Any:
    if not current_user.is_authenticated:
        return redirect(url_for("web.login"))
    return redirect(start_page())


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        name, address = form.name.data or "", request.remote_addr or "unknown"
        wait = throttle.retry_after(get_db(), name, address)
        if wait:
            raise TooManyRequests(
                _(
                    "Too many failed logins. Try again in %(minutes)d minutes.",
                    minutes=-(-wait // 60),
                ),
                retry_after=wait,
            )
        user = auth.authenticate(name, form.password.data or "")
        if user is not None:
            throttle.succeeded(get_db(), name, address)
            auth.login(user)
            return redirect(safe_next(form.next.data) or start_page())
        throttle.failed(get_db(), name, address)
        flash(_("Unknown user name or wrong password."), "error")
    status = 400 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form, title=_("Log in")), status


@bp.post("/logout")
def logout() -> Any:
    auth.logout()
    flash(_("You are logged out."), "info")
    return redirect(url_for("web.login"))
