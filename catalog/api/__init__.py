"""/api/v1: JSON for programs, described by the OpenAPI document at /api/openapi.json."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from ..auth import csrf
from . import boundary, configure, docs, exports, orders, quotes, rates, spec, users


def init_app(app: Flask) -> None:
    api = Api(app)
    api.register_blueprint(configure.blp, url_prefix="/api/v1")
    api.register_blueprint(exports.blp, url_prefix="/api/v1")
    api.register_blueprint(orders.blp, url_prefix="/api/v1")
    api.register_blueprint(users.blp, url_prefix="/api/v1")
    api.register_blueprint(spec.blp, url_prefix="/api/v1")
    api.register_blueprint(quotes.blp, url_prefix="/api/v1")
    api.register_blueprint(rates.blp, url_prefix="/api/v1")
    blueprints = (configure.blp, exports.blp, orders.blp, users.blp, spec.blp)
    for blp in (*blueprints, quotes.blp, rates.blp):
        csrf.exempt(blp)  # bearer tokens; catalog.auth makes browser sessions send the CSRF token
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    api.spec.options["security"] = [{"bearerAuth": []}]  # every /api/v1 call needs a token
    app.register_blueprint(docs.blp)
    boundary.init_app(app)
    app.extensions["catalog.api"] = api
