"""The body types a truck model can have, named for people in every page language."""

from __future__ import annotations

from flask_babel import gettext

from .i18n import LANGUAGES, translations


def N_(message: str) -> str:
    """Marks a message for extraction (a default pybabel keyword); translated where shown."""
    return message


BODY_NAMES = {
    "tractor": N_("tractor"),
    "dump": N_("dump truck"),
    "mixer": N_("concrete mixer"),
    "cargo": N_("cargo truck"),
    "crane": N_("truck crane"),
    "bulk-tanker": N_("bulk cement tanker"),
    "fuel-tanker": N_("fuel tanker"),
    "refuse": N_("refuse truck"),
    "sprinkler": N_("sprinkler truck"),
    "snow-plough": N_("snow plough"),
}


def body_name(body: object) -> str:
    """The body type's name in the current language; an unknown one as it is written."""
    name = BODY_NAMES.get(str(body))
    return gettext(name) if name else str(body)


def names_everywhere(body: object) -> list[str]:
    """The body type's name in every language (search finds what any user sees)."""
    name = BODY_NAMES.get(str(body))
    if name is None:
        return [str(body)]
    return [translations(lang).gettext(name) for lang in LANGUAGES]
