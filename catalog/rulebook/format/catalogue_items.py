"""Parse the catalogue items of one file: models, groups, markets, layers and filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ...languages import LANGUAGES
from ..model import (
    NONE,
    FactVersion,
    Filter,
    Group,
    MassLimits,
    Model,
    Option,
    Scalar,
    Source,
)
from . import nodes

MAX_MODEL_PRICE = 1_000_000_000  # CNY; a truck's price is far below, a typo far above
MODEL_KEYS = {"id", "name", "mass", "price", "offers", "wheelbase", "prices", "standard"}
MAX_OPTION_PRICE = 100_000_000  # CNY, either sign


def parse_filter(node: Node, what: str) -> Filter:
    found = nodes.mapping(node, what)
    terms: list[tuple[str, tuple[Scalar, ...], bool]] = []
    for key, (_, value) in found.items():
        negated = False
        if isinstance(value, MappingNode):
            inner = nodes.mapping(value, f"{what}.{key}")
            nodes.check_keys(value, inner, {"not"}, f"{what}.{key}")
            if "not" not in inner:
                raise nodes.Invalid(value, f"{what}.{key} must be a value, a list or {{not: …}}")
            value, negated = inner["not"][1], True
        terms.append((key, tuple(_values(value, f"{what}.{key}")), negated))
    return Filter(tuple(terms))


def _values(node: Node, what: str) -> list[Scalar]:
    if isinstance(node, MappingNode):
        raise nodes.Invalid(node, f"{what} must be a value or a list of values")
    items = [node] if isinstance(node, ScalarNode) else nodes.sequence(node, what)
    return [nodes.attribute(item, what) for item in items]


def parse_model(node: Node, src: Source) -> Model:
    found = nodes.mapping(node, "a model")
    model_id = nodes.string(found["id"][1], "model id") if "id" in found else None
    if model_id is None:
        raise nodes.Invalid(node, "a model needs an id")
    name = nodes.text(found["name"][1], "name") if "name" in found else {"en": model_id}
    price = nodes.integer(found["price"][1], "price") if "price" in found else 0
    if not 0 <= price <= MAX_MODEL_PRICE:
        raise nodes.Invalid(
            found["price"][1], f"price must be from 0 to {MAX_MODEL_PRICE:,}, not {price}"
        )
    attrs: dict[str, Scalar] = {}
    for key, (_, value) in found.items():
        if key not in MODEL_KEYS:
            attrs[key] = nodes.attribute(value, key)
    if "wheelbase" in found:
        attrs["wheelbase"] = nodes.string(found["wheelbase"][1], "wheelbase")
    if "axles" in found and not (isinstance(attrs["axles"], int) and 1 <= attrs["axles"] <= 10):
        raise nodes.Invalid(found["axles"][1], "axles must be a whole number from 1 to 10")
    if "mass" in found:
        attrs.update(_mass(found["mass"][1]))
    offers: dict[str, tuple[str, ...]] = {}
    if "offers" in found:
        for group, (_, value) in nodes.mapping(found["offers"][1], "offers").items():
            offers[group] = tuple(nodes.strings(value, f"offers.{group}"))
    prices = _model_prices(found["prices"][1]) if "prices" in found else {}
    standard: dict[str, str] = {}
    if "standard" in found:
        for group, (_, value) in nodes.mapping(found["standard"][1], "standard").items():
            standard[group] = nodes.string(value, f"standard.{group}")
    return Model(model_id, name, attrs, offers, price, src, prices, standard)


def _model_prices(node: Node) -> dict[tuple[str, str], int]:
    """`prices: {group: {option: CNY}}`: this model's price of an option (e.g. an engine swap
    priced from the model's own base engine), instead of the option's catalogue price."""
    out: dict[tuple[str, str], int] = {}
    for group, (_, options) in nodes.mapping(node, "prices").items():
        for option, (_, value) in nodes.mapping(options, f"prices.{group}").items():
            out[(group, option)] = _option_price(value, f"prices.{group}.{option}")
    return out


def _option_price(node: Node, what: str) -> int:
    price = nodes.integer(node, what)
    if abs(price) > MAX_OPTION_PRICE:
        raise nodes.Invalid(node, f"{what} {price} is not a plausible option price")
    return price


def _mass(node: Node) -> dict[str, Scalar]:
    found = nodes.mapping(node, "mass")
    nodes.check_keys(node, found, {"kind", "t", "placeholder"}, "mass")
    kind = nodes.string(found["kind"][1], "mass.kind") if "kind" in found else "GVW"
    if kind not in ("GCW", "GVW"):
        raise nodes.Invalid(found["kind"][1], f"mass.kind must be GCW or GVW, not {kind!r}")
    if "t" not in found:
        raise nodes.Invalid(node, "mass needs t (tonnes)")
    tonnes = nodes.number(found["t"][1], "mass.t")
    if not 0 < tonnes <= 500:
        raise nodes.Invalid(found["t"][1], f"mass.t must be between 0 and 500 t, not {tonnes:g}")
    out: dict[str, Scalar] = {"mass_kind": kind, "mass_t": tonnes}
    if "placeholder" in found and nodes.boolean(found["placeholder"][1], "mass.placeholder"):
        out["mass_placeholder"] = True  # not from a source: printed as such
    return out


def parse_group(node: Node, src: Source, path: str, problems: list[nodes.Problem]) -> Group:
    found = nodes.mapping(node, "a group")
    nodes.check_keys(node, found, {"id", "name", "optional", "models", "options"}, "a group")
    if "id" not in found:
        raise nodes.Invalid(node, "a group needs an id")
    group_id = nodes.string(found["id"][1], "group id")
    name = nodes.text(found["name"][1], "name") if "name" in found else {"en": group_id}
    optional = nodes.boolean(found["optional"][1], "optional") if "optional" in found else False
    models = parse_filter(found["models"][1], "models") if "models" in found else None
    if "options" not in found:
        raise nodes.Invalid(node, f"group {group_id} needs options")
    options: list[Option] = []
    seen: set[str] = set()
    for item in nodes.sequence(found["options"][1], "options"):
        try:
            option = parse_option(item, Source(path, nodes.line(item)))
        except nodes.Invalid as err:
            problems.append(
                nodes.Problem(Source(path, nodes.line(err.node)), group_id, err.message)
            )
            continue
        if option.id in seen:
            problems.append(
                nodes.Problem(option.source, group_id, f"duplicate option {option.id!r}")
            )
        elif optional and option.id == NONE:
            problems.append(
                nodes.Problem(option.source, group_id, "an optional group has a built-in 'none'")
            )
        else:
            seen.add(option.id)
            options.append(option)
    if not nodes.sequence(found["options"][1], "options"):
        raise nodes.Invalid(found["options"][1], f"group {group_id} has no options")
    return Group(group_id, name, optional, models, tuple(options), src)


def parse_option(node: Node, src: Source) -> Option:
    found = nodes.mapping(node, "an option")
    nodes.check_keys(node, found, {"id", "name", "price", "attrs", "approx"}, "an option")
    if "id" not in found:
        raise nodes.Invalid(node, "an option needs an id")
    option_id = nodes.string(found["id"][1], "option id")
    name = nodes.text(found["name"][1], "name") if "name" in found else {"en": option_id}
    price = nodes.integer(found["price"][1], "price") if "price" in found else 0
    if abs(price) > 100_000_000:
        raise nodes.Invalid(found["price"][1], f"price {price} is not a plausible option price")
    attrs: dict[str, Scalar] = {}
    if "attrs" in found:
        for key, (_, value) in nodes.mapping(found["attrs"][1], "attrs").items():
            attrs[key] = nodes.attribute(value, f"attrs.{key}")
            _check_attr(key, attrs[key], value)
    approx = tuple(nodes.strings(found["approx"][1], "approx")) if "approx" in found else ()
    for key in approx:
        if key not in attrs:
            raise nodes.Invalid(
                found["approx"][1], f"approx names {key!r}, which is not an attribute"
            )
    return Option(option_id, name, price, attrs, approx, src)


def _check_attr(key: str, value: Scalar, node: Node) -> None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        raise nodes.Invalid(node, f"attrs.{key} must not be negative, not {value}")
    if key == "emission" and not (isinstance(value, int) and 0 <= value <= 7):
        raise nodes.Invalid(node, f"attrs.emission must be a Euro stage from 0 to 7, not {value!r}")


@dataclass
class RawMarket:
    code: str
    name: dict[str, str]
    language: str
    attrs: dict[str, Scalar]
    mass_limits: MassLimits | None
    source: Source
    facts: tuple[FactVersion, ...] = ()


def parse_market(node: Node, src: Source) -> RawMarket:
    found = nodes.mapping(node, "market")
    allowed = {"code", "name", "language", "eaeu", "attrs", "mass_limits"}
    nodes.check_keys(node, found, allowed, "market")
    if "code" not in found:
        raise nodes.Invalid(node, "market needs a code")
    code = nodes.string(found["code"][1], "market code")
    if not (len(code) == 2 and code.isalpha() and code.isupper()):
        raise nodes.Invalid(
            found["code"][1], f"market code must be two capital letters, not {code!r}"
        )
    name = nodes.text(found["name"][1], "name") if "name" in found else {"en": code}
    facts: list[FactVersion] = []
    language = "en"
    if "language" in found:
        plain = _fact(found["language"][1], "language", _language, src.path, facts)
        language = str(plain) if plain is not None else _first(facts, "language", "en")
    attrs: dict[str, Scalar] = {}
    if "attrs" in found:
        for key, (_, value) in nodes.mapping(found["attrs"][1], "attrs").items():
            what = f"attrs.{key}"
            plain = _fact(value, what, lambda n, w=what: nodes.attribute(n, w), src.path, facts)
            if plain is not None:
                attrs[key] = plain  # type: ignore[assignment]
    attrs["eaeu"] = nodes.boolean(found["eaeu"][1], "eaeu") if "eaeu" in found else False
    limits = None
    if "mass_limits" in found:
        plain = _fact(found["mass_limits"][1], "mass_limits", _limits, src.path, facts)
        limits = plain if isinstance(plain, MassLimits) else None
    return RawMarket(code, name, language, attrs, limits, src, tuple(facts))


DATES = {"from", "until"}
VERSION_KEYS = {"value", "reference"} | DATES


def _fact(
    node: Node, what: str, read: Any, path: str, facts: list[FactVersion]
) -> Scalar | MassLimits | None:
    """A market fact: a plain value (returned), or dated versions (added to `facts`).

    Dated versions are a list, or one mapping, each with `from:` and/or `until:`; a scalar fact
    writes its value as `value:`. Two versions of one fact must not be in force on the same day.
    """
    dated_map = isinstance(node, MappingNode) and DATES & set(nodes.mapping(node, what))
    if not (isinstance(node, SequenceNode) or dated_map or _is_version(node, what)):
        return read(node, what)
    items = nodes.sequence(node, what) if isinstance(node, SequenceNode) else [node]
    if not items:
        raise nodes.Invalid(node, f"{what} lists no versions")
    mine: list[FactVersion] = []
    for item in items:
        version = _version(item, what, read, Source(path, nodes.line(item)))
        for other in mine:
            if other.period.overlaps(version.period):
                raise nodes.Invalid(
                    item,
                    f"{what} {version.period} overlaps the version at {other.source}"
                    f" ({other.period})",
                )
        mine.append(version)
    facts += mine
    return None


def _is_version(node: Node, what: str) -> bool:
    return (
        isinstance(node, MappingNode)
        and what != "mass_limits"
        and "value" in nodes.mapping(node, what)
    )


def _version(node: Node, what: str, read: Any, src: Source) -> FactVersion:
    found = nodes.mapping(node, f"a version of {what}")
    if what == "mass_limits":
        period = nodes.period(found)
        rest = MappingNode(node.tag, [(k, v) for k, v in node.value if k.value not in DATES])
        value = read(rest, what)
        return FactVersion(what, value, period, src, value.reference)
    nodes.check_keys(node, found, VERSION_KEYS, f"a version of {what}")
    if "value" not in found:
        raise nodes.Invalid(node, f"a version of {what} needs a value")
    if not DATES & set(found):
        raise nodes.Invalid(node, f"a version of {what} needs from: or until:")
    reference = nodes.string(found["reference"][1], "reference") if "reference" in found else ""
    return FactVersion(what, read(found["value"][1], what), nodes.period(found), src, reference)


def _first(facts: list[FactVersion], fact: str, default: str) -> str:
    return next((str(f.value) for f in facts if f.fact == fact), default)


def _language(node: Node, what: str) -> str:
    language = nodes.string(node, what)
    if language not in LANGUAGES:
        raise nodes.Invalid(node, f"language must be one of {', '.join(LANGUAGES)}: {language!r}")
    return language


def _limits(node: Node, what: str = "mass_limits") -> MassLimits:
    found = nodes.mapping(node, "mass_limits")
    nodes.check_keys(node, found, {"reference", "by_axles", "combination", "max"}, "mass_limits")
    by_axles: dict[int, float] = {}
    if "by_axles" in found:
        for axles, (key, value) in nodes.mapping(found["by_axles"][1], "by_axles").items():
            if not (axles.isascii() and axles.isdigit()) or len(axles) > 3:  # not "¹²"
                raise nodes.Invalid(key, f"by_axles keys are axle counts, not {axles!r}")
            by_axles[int(axles)] = _tonnes(value, f"by_axles.{axles}")
    return MassLimits(
        reference=nodes.string(found["reference"][1], "reference") if "reference" in found else "",
        by_axles=by_axles,
        combination=_tonnes(found["combination"][1], "combination")
        if "combination" in found
        else None,
        max=_tonnes(found["max"][1], "max") if "max" in found else None,
    )


def _tonnes(node: Node, what: str) -> float:
    value = nodes.number(node, what)
    if not 0 < value <= 500:
        raise nodes.Invalid(node, f"{what} must be between 0 and 500 t, not {value:g}")
    return value
