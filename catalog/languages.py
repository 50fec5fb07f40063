"""The languages the catalogue, the pages and the spec sheets are written in (one list)."""

from __future__ import annotations

LANGUAGES = ("en", "ru", "zh")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "zh": "中文"}  # each in its own language
