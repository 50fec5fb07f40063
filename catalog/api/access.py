"""Role checks for API views, with the matching OpenAPI notes (401, 403, x-roles)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask_smorest import Blueprint

from ..auth import ROLES, roles_required

F = TypeVar("F", bound=Callable[..., Any])


def access(blp: Blueprint, *roles: str) -> Callable[[F], F]:
    """Allow the view to these roles (any logged-in role if none are given) and say so."""

    def decorate(view: F) -> F:
        guarded = roles_required(*roles)(view)
        guarded = blp.alt_response(401, response="UNAUTHORIZED")(guarded)
        if roles:
            guarded = blp.alt_response(403, response="FORBIDDEN")(guarded)
        names = ", ".join(roles or ROLES)
        return blp.doc(**{"x-roles": list(roles or ROLES), "description": f"Roles: {names}."})(
            guarded
        )

    return decorate
