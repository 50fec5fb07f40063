"""Role checks for API views, with the matching OpenAPI notes (401, 403, x-roles)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from flask_smorest import Blueprint

from ..auth import roles_required
from ..roles import ROLES

F = TypeVar("F", bound=Callable[..., Any])


def access(blp: Blueprint, *roles: str) -> Callable[[F], F]:
    """Allow the view to these roles (any logged-in role if none are given) and say so."""

    def decorate(view: F) -> F:
        guarded = roles_required(*roles)(view)
        guarded = blp.alt_response(401, response="UNAUTHORIZED")(guarded)
        if roles:
            guarded = blp.alt_response(403, response="FORBIDDEN")(guarded)
        # The docstring's first paragraph is the summary, the rest the description.
        doc = inspect.cleandoc(view.__doc__ or "")
        guarded.__doc__ = f"{doc}\n\nRoles: {', '.join(roles or ROLES)}."
        return blp.doc(**{"x-roles": list(roles or ROLES)})(guarded)

    return decorate
