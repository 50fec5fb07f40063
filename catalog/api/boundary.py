"""Checks every /api/v1 request with a body passes before its view: the body must be JSON.

Without them, webargs would ignore a text/plain body and report every field as missing, and
answer malformed JSON with a generic "the browser sent a request this server could not
understand"; here the client learns what is wrong and where.
"""

from __future__ import annotations

import json

from flask import Flask, request

from ..errors import CatalogError

BODY_METHODS = {"POST", "PUT", "PATCH"}


class UnsupportedMediaType(CatalogError):
    status = 415
    code = "unsupported_media_type"


def init_app(app: Flask) -> None:
    app.before_request(_json_body)


def _json_body() -> None:
    if not request.path.startswith("/api/v1/") or request.method not in BODY_METHODS:
        return
    if not request.is_json:
        raise UnsupportedMediaType(
            "send the body as JSON with Content-Type: application/json",
            {"content_type": [request.content_type or "none"]},
        )
    body = request.get_data(cache=True)  # over MAX_CONTENT_LENGTH: 413 here
    if not body.strip():
        raise CatalogError("the body is empty: send a JSON object", {"json": ["empty body"]})
    try:
        json.loads(body)
    except RecursionError as err:  # "[[[[…" a few thousand deep: json gives up, not a 500
        raise CatalogError(
            "the body is not valid JSON: nested too deeply", {"json": ["nested too deeply"]}
        ) from err
    except ValueError as err:  # JSONDecodeError, or bytes that are not UTF-8
        raise CatalogError(f"the body is not valid JSON: {err}", {"json": [str(err)]}) from err
