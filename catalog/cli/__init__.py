"""Flask CLI commands, one module per command group."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import exports, rules

    app.cli.add_command(rules.rules_cli)
    app.cli.add_command(exports.exports_cli)
