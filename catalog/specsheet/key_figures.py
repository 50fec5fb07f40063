"""The key figures of one truck: engine, power, torque, masses, tyres… as labelled text rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from babel.numbers import format_decimal

from ..rulebook.model import NONE, Market, Model, Option, Rulebook, Scalar, text_in

KW_PER_HP = 0.7355
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}

Gettext = Callable[[str], str]


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Truck:
    """What the figures are read from: the rulebook, model, market and chosen options."""

    book: Rulebook
    market: Market
    model: Model
    values: dict[str, str]  # group -> chosen option id
    lang: str

    def option(self, group: str) -> Option | None:
        value = self.values.get(group)
        known = self.book.groups.get(group)
        return known.option(value) if known and value and value != NONE else None

    def name(self, group: str) -> str:
        option = self.option(group)
        return text_in(option.name, self.lang) if option else "—"

    def attr(self, group: str, key: str) -> Scalar | None:
        option = self.option(group)
        return option.attrs.get(key) if option else None

    def number(self, value: float, digits: int = 0) -> str:
        pattern = "#,##0" + ("." + "#" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.lang)


def legal_limit(market: Market, model: Model) -> float | None:
    """The market's gross mass limit for this model (t), or None when it is not known.

    An overall maximum (`max`) caps a known limit but is not itself a limit for this model:
    Tajikistan's 40 t is the most any vehicle may weigh, not the limit of a 3-axle truck.
    """
    limits = market.mass_limits
    if limits is None:
        return None
    if model.attr("body") == "tractor":
        value = limits.combination
    else:
        value = limits.by_axles.get(int(model.attr("axles") or 0))
    if value is None:
        return None
    return min(value, limits.max) if limits.max is not None else value


def key_figures(truck: Truck, _: Gettext) -> list[Row]:
    return [
        Row(_("Engine"), truck.name("engine")),
        _power(truck, _),
        _torque(truck, _),
        _emission(truck, _),
        _gearbox(truck, _),
        Row(_("Rear axle ratio"), truck.name("rear_axle_ratio")),
        Row(_("Drive"), str(truck.model.attr("drive") or "—").replace("x", "×")),
        _wheelbase(truck, _),
        *_masses(truck, _),
        _fuel(truck, _),
        Row(_("Tyres"), truck.name("tyres")),
        Row(_("Cab"), truck.name("cab"), _cab_note(truck)),
        _body(truck, _),
    ]


def summary_figures(truck: Truck, _: Gettext) -> list[Row]:
    """The few figures the configurator's summary keeps in view: power, torque, emission stage,
    design mass and the legal mass in the market."""
    return [_power(truck, _), _torque(truck, _), _emission(truck, _), *_masses(truck, _)]


def _power(truck: Truck, _: Gettext) -> Row:
    hp = truck.attr("engine", "power_hp")
    if not isinstance(hp, int | float):
        return Row(_("Power"), "—")
    kw = truck.number(float(hp) * KW_PER_HP)
    return Row(_("Power"), _("%(hp)s hp / %(kw)s kW") % {"hp": truck.number(hp), "kw": kw})


def _torque(truck: Truck, _: Gettext) -> Row:
    nm = truck.attr("engine", "torque_nm")
    engine = truck.option("engine")
    if engine is None or not isinstance(nm, int | float):
        return Row(_("Max. torque"), "—")
    approx = "torque_nm" in engine.approx
    value = ("≈" if approx else "") + _("%(nm)s N·m") % {"nm": truck.number(nm)}
    return Row(_("Max. torque"), value, _("approximate, not a datasheet value") if approx else "")


def _emission(truck: Truck, _: Gettext) -> Row:
    stage = truck.attr("engine", "emission")
    if not isinstance(stage, int | float):
        return Row(_("Emission stage"), "—")
    fuel = truck.attr("engine", "fuel")
    note = _("natural gas (CNG)") if fuel == "cng" else _("diesel")
    return Row(_("Emission stage"), _("Euro %(stage)s") % {"stage": ROMAN.get(int(stage))}, note)


def _gearbox(truck: Truck, _: Gettext) -> Row:
    speeds, rating = truck.attr("gearbox", "speeds"), truck.attr("gearbox", "input_nm")
    note = ""
    if isinstance(speeds, int | float) and isinstance(rating, int | float):
        note = _("%(speeds)s speeds, input rating %(torque)s N·m") % {
            "speeds": truck.number(speeds),
            "torque": truck.number(rating),
        }
    return Row(_("Gearbox"), truck.name("gearbox"), note)


def _wheelbase(truck: Truck, _: Gettext) -> Row:
    parts = str(truck.model.attr("wheelbase") or "").split("+")
    if not all(p.strip().isdigit() for p in parts):
        return Row(_("Wheelbase"), "—")
    spans = " + ".join(truck.number(int(p)) for p in parts)
    return Row(_("Wheelbase"), _("%(mm)s mm") % {"mm": spans})


def _masses(truck: Truck, _: Gettext) -> list[Row]:
    kind = truck.model.attr("mass_kind")
    design = truck.model.attr("mass_t")
    if not isinstance(design, int | float):
        return [Row(_("Design mass"), "—")]
    what = _("gross combination mass") if kind == "GCW" else _("gross vehicle mass")
    shown = tonnes(truck, design, _)
    if truck.model.attr("mass_placeholder"):
        shown, what = "≈" + shown, _("%(what)s, approximate: not from a datasheet") % {"what": what}
    rows = [Row(_("Design mass"), shown, what)]
    market_name = text_in(truck.market.name, truck.lang)
    label = _("Legal mass in %(market)s") % {"market": market_name}
    limit = legal_limit(truck.market, truck.model)
    limits = truck.market.mass_limits
    if limit is None and limits is not None and limits.max is not None:
        note = _("overall maximum %(max)s t, not a limit for this truck: %(reference)s") % {
            "max": truck.number(limits.max, 1),
            "reference": limits.reference,
        }
        rows.append(Row(label, _("not known"), note))
        return rows
    if limit is None or limits is None:
        rows.append(Row(label, _("not known"), _("no legal limit on record for this market")))
        return rows
    legal = min(float(design), limit)
    note = _("limit %(limit)s t: %(reference)s") % {
        "limit": truck.number(limit, 1),
        "reference": limits.reference,
    }
    rows.append(Row(label, tonnes(truck, legal, _), note))
    return rows


def tonnes(truck: Truck, value: float, _: Gettext) -> str:
    return _("%(t)s t") % {"t": truck.number(value, 1)}


def _fuel(truck: Truck, _: Gettext) -> Row:
    litres = truck.attr("fuel_tank", "capacity_l")
    if not isinstance(litres, int | float):
        return Row(_("Fuel capacity"), "—")
    value = _("%(litres)s L") % {"litres": truck.number(litres)}
    return Row(_("Fuel capacity"), value, truck.name("fuel_tank"))


def _cab_note(truck: Truck) -> str:
    insulation = truck.option("cab_insulation")
    return text_in(insulation.name, truck.lang) if insulation else ""


def _body(truck: Truck, _: Gettext) -> Row:
    if truck.model.attr("body") == "tractor":
        return Row(_("Body"), _("Tractor unit with fifth wheel"))
    return Row(_("Body"), truck.name("body"))
