"""Schemas for the admin users API."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from ..accounts import NAME, ROLES
from .orders import Count, plain_text
from .rules import Strict


class Flag(fields.Boolean):
    """true or false, nothing else ("yes", 1 and "on" are refused)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


USER_NAME = validate.Regexp(NAME, error="1-80 letters, digits or . _ @ -")
PASSWORD = validate.Length(min=8, max=200)


class UserCreate(Strict):
    name = fields.String(required=True, validate=USER_NAME)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    password = fields.String(validate=[PASSWORD, plain_text], load_only=True)


class UserPatch(Strict):
    role = fields.String(validate=validate.OneOf(ROLES))
    active = Flag()
    password = fields.String(validate=[PASSWORD, plain_text], load_only=True)


class TokenRequest(Strict):
    days = Count(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=3650),
        metadata={"description": "days until it expires; none: never"},
    )


class UserSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    role = fields.String(metadata={"enum": list(ROLES)})
    active = fields.Boolean()
    created_at = fields.String()


class IssuedSchema(Schema):
    user = fields.Nested(UserSchema)
    token = fields.String(metadata={"description": "shown once; only its hash is stored"})
    expires_at = fields.String(allow_none=True)
