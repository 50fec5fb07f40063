"""Schemas for markets, models and the configure call."""

from __future__ import annotations

from datetime import date

from marshmallow import Schema, ValidationError, fields, validate

from ..languages import DEFAULT_LANGUAGE, LANGUAGES
from ..limits import FIRST_DAY, LAST_DAY, MAX_SELECTIONS

LANG = fields.String(load_default=DEFAULT_LANGUAGE, validate=validate.OneOf(LANGUAGES))
CODE = validate.Length(min=1, max=100)


def date_range(value: date) -> None:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValidationError(f"must be between {FIRST_DAY} and {LAST_DAY}")


class Strict(Schema):
    class Meta:
        unknown = "raise"


class LangQuery(Strict):
    lang = LANG


class ModelsQuery(Strict):
    market = fields.String(required=True, validate=validate.Length(min=2, max=2))
    lang = LANG


def _not_too_many(value: dict[str, str | None]) -> None:
    if len(value) > MAX_SELECTIONS:
        raise ValidationError(f"at most {MAX_SELECTIONS} selections")


class SelectionsField(fields.Dict):
    """Group id -> option id (or null), at most MAX_SELECTIONS of them."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            keys=fields.String(validate=CODE),
            values=fields.String(allow_none=True, validate=validate.Length(max=100)),
            validate=_not_too_many,
            **kwargs,  # type: ignore[arg-type]
        )


class ConfigureRequest(Strict):
    market = fields.String(required=True, validate=validate.Length(min=2, max=2))
    model = fields.String(required=True, validate=CODE)
    selections = SelectionsField(load_default=dict)
    changed = fields.String(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "The group just chosen: kept when earlier choices conflict; the "
            "smallest set of earlier choices that conflict with it is dropped (`dropped`) and "
            "each dropped group gets a fitting value, as the configurator page does."
        },
    )
    date = fields.Date(
        load_default=None,
        validate=date_range,
        metadata={
            "description": "Configure as of this day (ISO; default today): the rules in force "
            "then, e.g. the planned delivery date."
        },
    )
    fill = fields.Boolean(
        load_default=False,
        metadata={"description": "Complete with defaults: every open group gets its proposal."},
    )
    lang = LANG


class ReasonSchema(Schema):
    rule = fields.String()
    message = fields.String()
    source = fields.String(metadata={"description": "path:line in the repository"})
    severity = fields.String()
    because = fields.List(fields.String(), metadata={"description": "selections involved"})


class OptionStateSchema(Schema):
    id = fields.String()
    name = fields.String()
    price = fields.Integer()
    state = fields.String(metadata={"description": "selected, available, blocked or required"})
    reasons = fields.List(fields.Nested(ReasonSchema))
    recommended = fields.List(fields.Nested(ReasonSchema))


class GroupStateSchema(Schema):
    id = fields.String()
    name = fields.String()
    optional = fields.Boolean()
    selected = fields.String(allow_none=True)
    value = fields.String(allow_none=True)
    default = fields.String(allow_none=True)
    options = fields.List(fields.Nested(OptionStateSchema))


class ViolationSchema(Schema):
    rule = fields.String()
    message = fields.String()
    source = fields.String()
    severity = fields.String()
    options = fields.List(fields.String())


class PriceLineSchema(Schema):
    group = fields.String()
    option = fields.String()
    price = fields.Integer()


class PriceSchema(Schema):
    base = fields.Integer()
    options = fields.List(fields.Nested(PriceLineSchema))
    total = fields.Integer()
    currency = fields.String()


class DroppedSchema(Schema):
    option = fields.String(metadata={"description": "group=option that was dropped"})
    replaced_by = fields.String(allow_none=True)


class ConfigurationSchema(Schema):
    market = fields.String()
    model = fields.String()
    rules_version = fields.String()
    groups = fields.List(fields.Nested(GroupStateSchema))
    defaults = fields.Method("_defaults")
    complete = fields.Boolean()
    valid = fields.Boolean()
    buyable = fields.Boolean()
    violations = fields.List(fields.Nested(ViolationSchema))
    warnings = fields.List(fields.Nested(ViolationSchema))
    price = fields.Nested(PriceSchema)
    drop = fields.List(fields.String())
    drop_proven = fields.Boolean()  # false: a time budget ended the search for a smaller drop
    selections = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "The selections this answer is about, after `changed`/`fill`."},
    )
    dropped = fields.List(
        fields.Nested(DroppedSchema),
        metadata={
            "description": "Earlier choices the change of mind dropped, and what replaced them."
        },
    )
    values = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={
            "description": "Once complete: each group's decided value (chosen or required) and "
            "`none` for open optional groups; an order with these selections is approved."
        },
    )

    def _defaults(self, obj: object) -> dict[str, str]:
        return {g.id: g.default for g in getattr(obj, "groups", []) if g.default}


class RuleSchema(Schema):
    id = fields.String()
    kind = fields.String()
    severity = fields.String()
    message = fields.String()
    reference = fields.String()
    source = fields.String()
    owner = fields.String()


class MassLimitsSchema(Schema):
    reference = fields.String()
    by_axles = fields.Dict(keys=fields.String(), values=fields.Float())
    combination = fields.Float(allow_none=True)
    max = fields.Float(allow_none=True)


class MarketSchema(Schema):
    code = fields.String()
    name = fields.String()
    language = fields.String()
    eaeu = fields.Boolean()
    attrs = fields.Dict()
    layers = fields.List(fields.String())
    mass_limits = fields.Nested(MassLimitsSchema, allow_none=True)
    source = fields.String()
    rules = fields.List(fields.Nested(RuleSchema))


class ModelSchema(Schema):
    id = fields.String()
    name = fields.String()
    platform = fields.String()
    body = fields.String()
    fuel = fields.String()
    drive = fields.String()
    axles = fields.Integer()
    wheelbase = fields.String()
    mass_kind = fields.String()
    mass_t = fields.Float()
    price = fields.Integer()
    buyable = fields.Boolean()
    recommended = fields.List(fields.Nested(ReasonSchema))
    source = fields.String()
