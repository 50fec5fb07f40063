"""Admins manage users and their API tokens; anyone can ask who they are."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from .. import accounts
from ..auth import authenticate, current_user
from ..db import get_db
from ..errors import Conflict, NotFound, Unprocessable
from ..roles import ADMIN, MANAGE_USERS
from ..schemas.users import (
    IssuedSchema,
    PasswordChange,
    TokenRequest,
    TokenSchema,
    UserCreate,
    UserPatch,
    UserSchema,
)
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
    @access(blp, *MANAGE_USERS)
    @blp.response(200, UserSchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """Every user with role and whether active."""
        return store.all_users(get_db())

    @access(blp, *MANAGE_USERS)
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
    @access(blp, *MANAGE_USERS)
    @blp.response(200, UserSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, user_id: int) -> dict[str, Any]:
        """One user."""
        return _user(user_id)

    @access(blp, *MANAGE_USERS)
    @blp.arguments(UserPatch)
    @blp.response(200, UserSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def patch(self, args: dict[str, Any], user_id: int) -> dict[str, Any]:
        """Change role, deactivate (tokens stop working at once) or set a password; any of
        these ends the user's browser sessions. Admins cannot take their own admin role or
        access away (409): someone must stay in charge."""
        user = _user(user_id)
        if user_id == current_user.id and (
            args.get("role", ADMIN) != ADMIN or args.get("active") is False
        ):
            raise Conflict("you cannot remove your own admin role or access")
        try:
            accounts.update_user(get_db(), user, args)
        except ValueError as err:
            raise Unprocessable(str(err), {"json": {"password": [str(err)]}}) from err
        return _user(user_id)


@blp.route("/users/<int:user_id>/tokens")
class Tokens(MethodView):
    @access(blp, *MANAGE_USERS)
    @blp.arguments(TokenRequest)
    @blp.response(201, IssuedSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, args: dict[str, Any], user_id: int) -> dict[str, Any]:
        """Issue another API token for the user (shown only in this answer)."""
        user = _user(user_id)
        issued = accounts.issue_token(get_db(), user_id, args["days"])
        return {"user": user, "token": issued.token, "expires_at": issued.expires_at}

    @access(blp, *MANAGE_USERS)
    @blp.response(200, TokenSchema(many=True))
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, user_id: int) -> list[dict[str, Any]]:
        """The user's API tokens (never the tokens themselves), revoked ones included."""
        _user(user_id)
        return store.tokens_of(get_db(), user_id)


@blp.route("/users/<int:user_id>/tokens/<int:token_id>")
class TokenOne(MethodView):
    @access(blp, *MANAGE_USERS)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, user_id: int, token_id: int) -> None:
        """Revoke one of the user's API tokens: it stops working at once."""
        _user(user_id)
        _revoke(user_id, token_id)


@blp.route("/me/tokens")
class MyTokens(MethodView):
    @access(blp)
    @blp.response(200, TokenSchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """Your own API tokens (never the tokens themselves), revoked ones included."""
        return store.tokens_of(get_db(), current_user.id)


@blp.route("/me/tokens/<int:token_id>")
class MyTokenOne(MethodView):
    @access(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, token_id: int) -> None:
        """Revoke one of your API tokens (the one this call uses too, if you name it)."""
        _revoke(current_user.id, token_id)


@blp.route("/me/password")
class MyPassword(MethodView):
    @access(blp)
    @blp.arguments(PasswordChange)
    @blp.response(204)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def post(self, args: dict[str, Any]) -> None:
        """Change your password; every browser session of yours ends (API tokens stay)."""
        if authenticate(current_user.name, args["current_password"]) is None:
            raise Unprocessable(
                "the current password is wrong",
                {"json": {"current_password": ["wrong password"]}},
            )
        user = _user(current_user.id)
        try:
            accounts.update_user(get_db(), user, {"password": args["new_password"]})
        except ValueError as err:
            raise Unprocessable(str(err), {"json": {"new_password": [str(err)]}}) from err


def _revoke(user_id: int, token_id: int) -> None:
    if not store.revoke_token(get_db(), user_id, token_id):
        raise NotFound(f"no active token {token_id} for this user")


def _user(user_id: int) -> dict[str, Any]:
    row = store.get(get_db(), user_id)
    if row is None:
        raise NotFound(f"no user with id {user_id}")
    return row
