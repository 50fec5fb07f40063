"""A refused order change told in the reader's language on the pages.

The order service words its errors in English for the JSON API; a page rebuilds the message
from the error's data (the missing groups, the violated rules' own texts) or translates the
fixed messages listed here.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..errors import CatalogError
from ..rulebook.model import text_in
from ..services.active_rules import rulebook
from .problem_fields import translated

FIXED = {
    "the selections do not fit the catalogue": _l("The selections do not fit the catalogue."),
    "a shipped order needs its ship date": _l("A shipped order needs its ship date."),
    "ship_date is set together with status shipped": _l(
        "A ship date is set only together with the status shipped."
    ),
    "nothing to change: send content fields or a new status": _l("There is nothing to change."),
}


MISSING = {  # an error page's "not found" messages from the services
    r"no order with id (?P<id>\d+)": _l("There is no order %(id)s."),
    r"no quote with id (?P<id>\d+)": _l("There is no quote %(id)s."),
    r"no user with id (?P<id>\d+)": _l("There is no user %(id)s."),
    r"no active token (?P<id>\d+) for this user": _l("You have no active token %(id)s."),
    r"unknown market '(?P<id>[^']*)'": _l("Unknown market %(id)s."),
}


def _lang() -> str:
    return str(g.get("lang", "en"))


def problem_text(problem: CatalogError) -> str:
    errors = problem.errors if isinstance(problem.errors, dict) else {}
    book = rulebook()
    if errors.get("missing"):
        names = [
            text_in(book.groups[gid].name, _lang()) if gid in book.groups else gid
            for gid in errors["missing"]
        ]
        return _("Required groups have no selection: %(groups)s.", groups=", ".join(names))
    if errors.get("violations"):
        return _("The rules reject this truck:")
    fixed = FIXED.get(problem.message)
    return str(fixed) if fixed is not None else problem.message


def violation_text(violation: dict[str, Any]) -> str:
    """The violated rule's own message in the reader's language (as stored, if unknown)."""
    rule = rulebook().rule(str(violation.get("rule", "")))
    return text_in(rule.message, _lang()) if rule else str(violation.get("message", ""))


def error_text(message: str) -> str:
    """An error page's message in the reader's language when it is a known one."""
    return translated(message, {}, MISSING) or message


def init_app(app: Flask) -> None:
    app.add_template_filter(error_text, "error_text")
    app.add_template_filter(problem_text, "problem_text")
    app.add_template_filter(violation_text, "violation_text")
