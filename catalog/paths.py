"""Where the shipped folders are: templates/, rules/ and data/ sit at the top of a checkout and
inside the package (catalog/templates, …) in an installed wheel (setup.py maps them there)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """The installed copy if this is a wheel install, else the checkout's top-level folder."""
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


TEMPLATES = shipped("templates")
RULES = shipped("rules")  # the sample rules; RULES_DIR points elsewhere for your own
DATA = shipped("data")
