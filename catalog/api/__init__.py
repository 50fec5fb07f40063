"""/api/v1: JSON for programs, described by the OpenAPI document at /api/openapi.json."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_app(app: Flask) -> None:
    from . import configure, exports

    api = Api(app)
    api.register_blueprint(configure.blp, url_prefix="/api/v1")
    api.register_blueprint(exports.blp, url_prefix="/api/v1")
    app.extensions["catalog.api"] = api
