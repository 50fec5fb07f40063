"""The rulebook the running service uses: loaded once at start, refused whole if broken."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from ..rulebook import Engine, load_rulebook


def init_app(app: Flask) -> None:
    app.extensions["catalog.engine"] = Engine(load_rulebook(Path(app.config["RULES_DIR"])))


def engine() -> Engine:
    result: Engine = current_app.extensions["catalog.engine"]
    return result
