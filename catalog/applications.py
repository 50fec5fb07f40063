"""What a truck is bought for, and which models fit each use: the guided start of the
configurator reads this. Plain data: a model fits when every listed attribute has one of the
listed values (attributes as in rules/catalogue/models.yaml)."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

from .rulebook.model import Model

APPLICATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "long-haul": {"body": ("tractor",), "fuel": ("diesel",)},
    "mining": {"body": ("dump",)},
    "construction": {"body": ("mixer", "crane", "cargo", "bulk-tanker")},
    "municipal": {"body": ("refuse", "sprinkler", "snow-plough", "fuel-tanker")},
    "gas": {"fuel": ("cng",)},
}
APPLICATION_NAMES = {
    "long-haul": _l("Long haul"),
    "mining": _l("Mining"),
    "construction": _l("Construction"),
    "municipal": _l("Municipal services"),
    "gas": _l("Natural gas (CNG)"),
}
APPLICATION_HINTS = {
    "long-haul": _l("Tractor units for long distances on diesel."),
    "mining": _l("Dump trucks for quarries and mines."),
    "construction": _l("Concrete mixers, cranes, cargo and bulk trucks for building sites."),
    "municipal": _l("Refuse trucks, sprinklers, snow ploughs and fuel tankers for towns."),
    "gas": _l("Trucks with natural gas (CNG) engines."),
}


def fits(model: Model, wanted: Mapping[str, tuple[str, ...]]) -> bool:
    return all(str(model.attr(key)) in values for key, values in wanted.items())
