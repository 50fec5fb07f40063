"""Swagger UI's files, served by the app itself (no CDN): flask-swagger-ui ships them."""

from __future__ import annotations

from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, Response, send_from_directory

ASSETS = Path(flask_swagger_ui.__file__).resolve().parent / "dist"
URL = "/api/docs/assets/"  # OPENAPI_SWAGGER_UI_URL points here

blp = Blueprint("api_docs_assets", __name__)


@blp.route(URL + "<path:filename>")
def asset(filename: str) -> Response:
    return send_from_directory(ASSETS, filename, max_age=86_400)
