"""The navigation each role sees, the language links and the logged-in user, for every page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Flask, current_app, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..languages import LANGUAGE_NAMES
from ..roles import (
    ADMIN,
    APPROVE_QUOTES,
    CONFIGURE,
    ENGINEER,
    MANAGER,
    READ_EXPORTS,
    READ_ORDERS,
    READ_QUOTES,
    REVIEW_RULES,
    ROLES,
    SALES,
)

ROLE_NAMES = {  # translated names of catalog.roles.ROLES
    SALES: _l("sales"),
    ENGINEER: _l("engineer"),
    MANAGER: _l("manager"),
    ADMIN: _l("admin"),
}


@dataclass(frozen=True)
class Link:
    endpoint: str
    label: Any  # a lazy string, translated when rendered
    roles: tuple[str, ...]


# Pages of other blueprints appear once their endpoint is registered.
LINKS = (
    Link("configurator.page", _l("Configure"), CONFIGURE),
    Link("order_pages.index", _l("Orders"), READ_ORDERS),
    Link("catalogue.models", _l("Catalogue"), ROLES),
    Link("exports_pages.dashboard", _l("Exports"), READ_EXPORTS),
    Link("quote_pages.approvals", _l("Approvals"), APPROVE_QUOTES),
    Link("rate_pages.index", _l("Rates"), READ_QUOTES),
    Link("review.index", _l("Rule review"), REVIEW_RULES),
)


def role() -> str | None:
    """The logged-in user's role, or None for a visitor."""
    if not current_user or not current_user.is_authenticated:
        return None
    return str(getattr(current_user, "role", "") or "") or None


def role_label() -> str:
    current = role()
    return str(ROLE_NAMES.get(current or "", current or ""))


def allowed(link: Link) -> bool:
    return role() in link.roles and link.endpoint in current_app.view_functions


def nav_links() -> list[tuple[str, str, bool]]:
    """(url, label, is the current page) for every page the user's role may use."""
    here = request.endpoint or ""
    return [
        (url_for(link.endpoint), str(link.label), here.split(".")[0] == link.endpoint.split(".")[0])
        for link in LINKS
        if allowed(link)
    ]


def lang_url(code: str) -> str:
    """This page again in another language (the choice is remembered in the session)."""
    pairs = [(k, v) for k, vs in request.args.lists() if k != "lang" for v in vs]
    return f"{request.path}?{urlencode([*pairs, ('lang', code)])}"


def _context() -> dict[str, Any]:
    return {
        "nav_links": nav_links,
        "lang_url": lang_url,
        "lang_names": LANGUAGE_NAMES,
        "user_role": role,
        "role_label": role_label,
    }


def init_app(app: Flask) -> None:
    app.context_processor(_context)
