"""catalog: truck configuration and export catalogue for Central Asian markets."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .paths import TEMPLATES


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Settings (catalog/config.py: defaults, instance/config.toml, CATALOG_*, the test mapping,
    checked), then extensions and blueprints."""
    from . import api, auth, cli, config, db, errors, i18n, security, web
    from .services import active_rules

    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(TEMPLATES),
        static_folder="static",
        instance_path=os.environ.get("CATALOG_INSTANCE") or None,  # must be absolute
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    config.load(app.config, Path(app.instance_path), test_config)
    if app.config["PROXIES"]:  # the client's address and scheme as the proxy saw them
        n = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    active_rules.init_app(app)
    i18n.init_app(app)  # Flask-Babel: ?lang=, session, Accept-Language
    db.init_app(app)
    auth.init_app(app)  # before the API: its checks run first
    security.init_app(app)
    api.init_app(app)
    web.init_app(app)  # every page blueprint
    errors.register(app)  # after the API so that one handler shapes every error
    cli.init_app(app)
    return app
