"""catalog: truck configuration and export catalogue for Central Asian markets."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Defaults, then instance/config.toml, then the test mapping; then extensions, blueprints."""
    from . import api, auth, cli, config, db, errors, i18n, security, web
    from .services import active_rules

    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(Path(__file__).resolve().parent.parent / "templates"),
        static_folder="static",
        instance_path=os.environ.get("CATALOG_INSTANCE") or None,  # must be absolute
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.load(Path(app.instance_path), test_config))
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
