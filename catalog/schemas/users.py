"""Schemas for the admin users API."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from ..accounts import MAX_TOKEN_DAYS, NAME, TOKEN_DAYS
from ..roles import ROLES
from ..security import passwords
from .orders import Count, plain_text
from .rules import Strict


class Flag(fields.Boolean):
    """true or false, nothing else ("yes", 1 and "on" are refused)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


USER_NAME = validate.Regexp(NAME, error="1-80 letters, digits or . _ @ -")


def password_policy(value: str) -> None:
    problem = passwords.problem(value)
    if problem:
        raise ValidationError(problem)


PASSWORD = [password_policy, plain_text]


class UserCreate(Strict):
    name = fields.String(required=True, validate=USER_NAME)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    password = fields.String(validate=PASSWORD, load_only=True)


class UserPatch(Strict):
    role = fields.String(validate=validate.OneOf(ROLES))
    active = Flag()
    password = fields.String(validate=PASSWORD, load_only=True)


class TokenRequest(Strict):
    days = Count(
        load_default=TOKEN_DAYS,
        validate=validate.Range(min=1, max=MAX_TOKEN_DAYS),
        metadata={"description": f"days until it expires ({TOKEN_DAYS} unless given)"},
    )


class PasswordChange(Strict):
    current_password = fields.String(required=True, load_only=True, validate=plain_text)
    new_password = fields.String(required=True, load_only=True, validate=PASSWORD)


class TokenSchema(Schema):
    id = fields.Integer()
    created_at = fields.String()
    last_used_at = fields.String(allow_none=True)
    expires_at = fields.String(allow_none=True)
    revoked_at = fields.String(allow_none=True)


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
