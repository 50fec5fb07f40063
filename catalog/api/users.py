"""Admins manage users and their API tokens; anyone can ask who they are."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from .. import accounts
from ..auth import current_user
from ..db import get_db
from ..errors import Conflict, NotFound, Unprocessable
from ..schemas.users import IssuedSchema, TokenRequest, UserCreate, UserPatch, UserSchema
from ..store import users as store
from .access import access

blp = Blueprint("users", __name__, description="Users, roles and API tokens (admins)")


@blp.route("/me")
class Me(MethodView):
    @access(blp)
    @blp.response(200, UserSchema)
    def get(self) -> dict[str, Any]:
        """The user the token or session belongs to."""
        return _user(current_user.id)


@blp.route("/ping")
class Ping(MethodView):
    @access(blp)
    @blp.response(200)
    def get(self) -> dict[str, Any]:
        """The cheapest authenticated call: what the server costs without the application."""
        return {"ok": True}


@blp.route("/users")
class Users(MethodView):
    @access(blp, "admin")
    @blp.response(200, UserSchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """Every user with role and whether active."""
        return store.all_users(get_db())

    @access(blp, "admin")
    @blp.arguments(UserCreate)
    @blp.response(201, IssuedSchema)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """A new user and a first API token (shown only in this answer)."""
        db = get_db()
        if store.exists(db, args["name"]):
            raise Conflict(f"user {args['name']!r} already exists")
        try:
            issued = accounts.create_user(db, args["name"], args["role"], args.get("password"))
        except ValueError as err:
            raise Unprocessable(str(err)) from err
        return {"user": _user(issued.user_id), "token": issued.token, "expires_at": None}


@blp.route("/users/<int:user_id>")
class UserOne(MethodView):
    @access(blp, "admin")
    @blp.response(200, UserSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, user_id: int) -> dict[str, Any]:
        """One user."""
        return _user(user_id)

    @access(blp, "admin")
    @blp.arguments(UserPatch)
    @blp.response(200, UserSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def patch(self, args: dict[str, Any], user_id: int) -> dict[str, Any]:
        """Change role, deactivate (tokens stop working at once) or set a password. Admins
        cannot take their own admin role or access away (409): someone must stay in charge."""
        _user(user_id)
        if user_id == current_user.id and (
            args.get("role", "admin") != "admin" or args.get("active") is False
        ):
            raise Conflict("you cannot remove your own admin role or access")
        changes: dict[str, Any] = {k: args[k] for k in ("role", "active") if k in args}
        if "password" in args:
            changes["password_hash"] = accounts.password_hash(args["password"])
        store.update(get_db(), user_id, changes)
        return _user(user_id)


@blp.route("/users/<int:user_id>/tokens")
class Tokens(MethodView):
    @access(blp, "admin")
    @blp.arguments(TokenRequest)
    @blp.response(201, IssuedSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, args: dict[str, Any], user_id: int) -> dict[str, Any]:
        """Issue another API token for the user (shown only in this answer)."""
        user = _user(user_id)
        issued = accounts.issue_token(get_db(), user_id, args["days"])
        return {"user": user, "token": issued.token, "expires_at": issued.expires_at}


def _user(user_id: int) -> dict[str, Any]:
    row = store.get(get_db(), user_id)
    if row is None:
        raise NotFound(f"no user with id {user_id}")
    return row
