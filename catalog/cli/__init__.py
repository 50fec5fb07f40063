"""Flask CLI commands, one module per command group."""

from __future__ import annotations

from flask import Flask

from . import db, demo, exports, rules, spec, users


def init_app(app: Flask) -> None:
    app.cli.add_command(rules.rules_cli)
    app.cli.add_command(exports.exports_cli)
    app.cli.add_command(db.init_db)
    app.cli.add_command(db.db_cli)
    app.cli.add_command(users.users_cli)
    app.cli.add_command(demo.demo_data)
    app.cli.add_command(spec.spec_command)
    app.cli.add_command(spec.spec_batch_command)
