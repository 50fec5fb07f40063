"""The README's command reference names every command the CLI has."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
BUILT_IN = {"run", "shell", "routes", "openapi"}  # Flask's and flask-smorest's own


def commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, command in group.commands.items():
        if not prefix and name in BUILT_IN:
            continue
        if isinstance(command, click.Group):
            out += commands(command, f"{prefix}{name} ")
        else:
            out.append(f"{prefix}{name}")
    return out


def test_every_command_is_in_the_readme(app: Flask) -> None:
    names = commands(app.cli)
    assert "rules check" in names and "db backup" in names
    reference = README.split("## Command reference", 1)[1]
    missing = [n for n in names if f"`{n}" not in reference]
    assert missing == []
