"""One root error with a status; one handler that answers JSON for programs and HTML for people."""

from __future__ import annotations

import sqlite3
import time
from http import HTTPStatus
from typing import Any

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException


class CatalogError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, errors: Any = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}
        if status is not None:
            self.status = status


class Unauthorized(CatalogError):
    status = 401
    code = "unauthorized"


class Forbidden(CatalogError):
    status = 403
    code = "forbidden"


class NotFound(CatalogError):
    status = 404
    code = "not_found"


class Conflict(CatalogError):
    status = 409
    code = "conflict"


class Unprocessable(CatalogError):
    status = 422
    code = "unprocessable"


class TooManyRequests(CatalogError):
    """Throttled: try again after `retry_after` seconds (sent as Retry-After)."""

    status = 429
    code = "too_many_requests"

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class Unavailable(TooManyRequests):
    """Too busy for everyone (e.g. every PDF slot taken): 503, try again after `retry_after`."""

    status = 503
    code = "unavailable"


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def error_body(status: int, message: str, errors: Any = None) -> dict[str, Any]:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return {"code": status, "status": phrase, "message": message, "errors": errors or {}}


def respond(status: int, message: str, errors: Any = None) -> tuple[Any, int]:
    if wants_json():
        return jsonify(error_body(status, message, errors)), status
    return render_template("error.html", status=status, message=message, errors=errors), status


def register(app: Flask) -> None:
    @app.errorhandler(CatalogError)
    def _catalog(err: CatalogError) -> Any:
        body, status = respond(err.status, err.message, err.errors)
        headers = {"Retry-After": str(err.retry_after)} if isinstance(err, TooManyRequests) else {}
        # (Unavailable is a TooManyRequests too: both say when to come back)
        return body, status, headers

    @app.errorhandler(HTTPException)
    def _http(err: HTTPException) -> Any:
        data = getattr(err, "data", None) or {}
        errors = data.get("messages") or data.get("errors") or {}
        # webargs nests messages by location ("json", "query"); keep that, it tells where.
        body, status = respond(err.code or 500, err.description or "", errors)
        # e.g. Allow on 405: the exception knows the headers its answer needs
        headers = [(k, v) for k, v in err.get_headers() if k.lower() != "content-type"]
        return body, status, headers

    @app.errorhandler(sqlite3.OperationalError)
    def _storage(err: sqlite3.OperationalError) -> Any:
        if not disk_full(err):
            return _unexpected(err)
        if _full_disk_log.due():
            app.logger.error("the database's disk is full: writes answer 503 (%s)", err)
        body, status = respond(
            503, "The server's storage is full: nothing was stored. Try again later."
        )
        return body, status, {"Retry-After": "60"}

    @app.errorhandler(Exception)
    def _unexpected(err: Exception) -> Any:
        app.logger.exception("unhandled error")
        return respond(500, "Internal error: the request was not completed.")


def disk_full(err: sqlite3.Error) -> bool:
    code = getattr(err, "sqlite_errorcode", None)
    return code == sqlite3.SQLITE_FULL or "disk is full" in str(err)


class _Every:
    """True at most once per `seconds` (per process): one log line a minute, not one a request."""

    def __init__(self, seconds: float):
        self.seconds, self.last = seconds, float("-inf")

    def due(self) -> bool:
        now = time.monotonic()
        if now - self.last < self.seconds:
            return False
        self.last = now
        return True


_full_disk_log = _Every(60)
