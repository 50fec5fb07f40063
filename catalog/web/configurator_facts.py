"""The facts a salesperson needs in view while configuring: key figures beside each option, why an
option is blocked or required (the market's law, company policy, the truck's engineering, or a
conflict with another choice), and the summary panel with every value, price line, the truck's
key figures and its side-view drawing.

Everything is read from the rule files' option attributes and the engine's answer; nothing here
changes the configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.numbers import format_decimal
from flask_babel import gettext as _
from markupsafe import Markup

from ..rulebook.engine.results import Configuration, Reason
from ..rulebook.model import Option, Rulebook, text_in
from ..specsheet.drawing import side_view
from ..specsheet.key_figures import KW_PER_HP, ROMAN, Row, Truck, summary_figures
from .configurator_view import GroupView, label

LAW, POLICY, TECHNICAL, CONFLICT = "law", "policy", "technical", "conflict"


def number(value: float, lang: str, digits: int = 0) -> str:
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=lang)


def option_figures(option: Option, lang: str) -> str:
    """'430 hp / 316 kW · Euro V · diesel', '12 speeds · input 2,200 N·m', '300 L'…: the
    attributes a buyer compares, in the reader's language ('' when the option has none)."""
    attrs = option.attrs
    parts: list[str] = []
    hp = attrs.get("power_hp")
    if isinstance(hp, int | float):
        kw = number(float(hp) * KW_PER_HP, lang)
        parts.append(_("%(hp)s hp / %(kw)s kW") % {"hp": number(hp, lang), "kw": kw})
    torque = attrs.get("torque_nm")
    if isinstance(torque, int | float):
        approx = "≈" if "torque_nm" in option.approx else ""
        parts.append(approx + _("%(nm)s N·m") % {"nm": number(torque, lang)})
    stage = attrs.get("emission")
    if isinstance(stage, int | float):
        parts.append(_("Euro %(stage)s") % {"stage": ROMAN.get(int(stage), str(stage))})
    if attrs.get("fuel") == "cng":
        parts.append(_("natural gas (CNG)"))
    speeds = attrs.get("speeds")
    if isinstance(speeds, int | float):
        parts.append(_("%(speeds)s speeds") % {"speeds": number(speeds, lang)})
    if attrs.get("type") == "amt":
        parts.append(_("automated (AMT)"))
    rating = attrs.get("input_nm")
    if isinstance(rating, int | float):
        parts.append(_("input rating %(torque)s N·m") % {"torque": number(rating, lang)})
    litres = attrs.get("capacity_l")
    if isinstance(litres, int | float):
        parts.append(_("%(litres)s L") % {"litres": number(litres, lang)})
    ratio = attrs.get("ratio")
    if isinstance(ratio, int | float):
        parts.append(_("ratio %(ratio)s") % {"ratio": number(ratio, lang, 3)})
    return " · ".join(parts)


def figures_by_option(book: Rulebook, groups: list[GroupView], lang: str) -> dict[str, str]:
    """'group=option' -> its key figures, for every option on the page that has some."""
    out = {}
    for group in groups:
        known = book.groups.get(group.id)
        for view in group.options:
            option = known.option(view.id) if known else None
            text = option_figures(option, lang) if option else ""
            if text:
                out[f"{group.id}={view.id}"] = text
    return out


def reason_kind(book: Rulebook, reason: Reason) -> str:
    """Why an option is blocked or required, in the words a buyer tells apart: another choice
    of theirs, the market's law, the company's policy, or the truck's engineering."""
    if reason.because:
        return CONFLICT
    owner = next((r.owner for r in book.rules if r.id == reason.rule), "catalogue")
    if owner.startswith("market:"):
        return LAW
    if owner.startswith("layer:"):
        return POLICY
    return TECHNICAL


@dataclass
class Badge:
    kind: str
    text: str


def badges(
    book: Rulebook, market_name: str, state: str, reasons: list[Reason], label: Any
) -> list[Badge]:
    """One badge per kind of reason: 'forbidden by law in Kazakhstan', 'conflicts with your
    choice of Anti-lock brakes: Without ABS'…; `label` turns 'group=option' into words."""
    required = state == "required"
    out: list[Badge] = []
    for reason in reasons:
        kind = reason_kind(book, reason)
        if kind == CONFLICT:
            names = "; ".join(label(pair) for pair in reason.because)
            text = _("conflicts with your choice of %(choice)s", choice=names)
        elif kind == LAW:
            text = (
                _("required by law in %(market)s", market=market_name)
                if required
                else _("forbidden by law in %(market)s", market=market_name)
            )
        elif kind == POLICY:
            text = _("required by company policy") if required else _("not sold by company policy")
        else:
            text = (
                _("required by the truck's design") if required else _("not possible on this truck")
            )
        if all(b.text != text for b in out):
            out.append(Badge(kind, text))
    return out


@dataclass
class SummaryLine:
    group: str
    option: str
    price: int
    how: str  # chosen, fixed (by the rules) or default (suggested, not chosen yet)
    figures: str = ""


@dataclass
class Summary:
    lines: list[SummaryLine]
    figures: list[Row]
    drawing: Markup
    total_with_defaults: int
    defaults: int = 0  # how many values are suggestions, not choices


def summary(
    book: Rulebook,
    config: Configuration,
    groups: list[GroupView],
    lang: str,
) -> Summary:
    """Every group's chosen, fixed or suggested value with its price (0 is shown as included),
    the key figures and the drawing of the truck as it stands, suggestions included."""
    lines: list[SummaryLine] = []
    values: dict[str, str] = {}
    for group in groups:
        value = group.value or group.default
        view = group.option(value)
        if value is None or view is None:
            continue
        values[group.id] = value
        how = "chosen" if group.selected else "fixed" if group.value else "default"
        known = book.groups.get(group.id)
        option = known.option(value) if known else None
        figures = option_figures(option, lang) if option else ""
        lines.append(SummaryLine(group.name, view.name, view.price, how, figures))
    market = book.markets[config.market]
    model = book.models[config.model]
    truck = Truck(book, market, model, values, lang)
    extra = sum(line.price for line in lines if line.how == "default")
    return Summary(
        lines=lines,
        figures=summary_figures(truck, _),
        drawing=named_drawing(side_view(model, values), _("Side view of the truck as configured")),
        total_with_defaults=config.price.total + extra,
        defaults=sum(1 for line in lines if line.how == "default"),
    )


def named_drawing(svg: Markup, name: str) -> Markup:
    """The drawing with an accessible name (an image needs one)."""
    named = Markup('role="img" aria-label="{}">').format(name)
    return Markup(str(svg).replace('role="img">', str(named), 1))


def page_facts(
    book: Rulebook, config: Configuration | None, groups: list[GroupView], lang: str
) -> dict[str, Any]:
    """What the configurator's templates read: `figures` and `why` per 'group=option', and the
    `summary`; empty before a market and model are chosen."""
    if config is None:
        return {"figures": {}, "why": {}, "summary": None}
    market_name = text_in(book.markets[config.market].name, lang)

    def words(pair: str) -> str:
        return label(groups, pair)

    why = {
        f"{group.id}={o.id}": badges(book, market_name, o.state, o.reasons, words)
        for group in groups
        for o in group.options
        if o.reasons
    }
    return {
        "figures": figures_by_option(book, groups, lang),
        "why": why,
        "summary": summary(book, config, groups, lang),
    }
