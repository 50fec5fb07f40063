"""Schemas for the export figures: the query filters and the figures returned."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..limits import FIRST_YEAR, LAST_YEAR

YEAR = validate.Range(min=FIRST_YEAR, max=LAST_YEAR)
NAME = validate.Length(min=1, max=40)


class Strict(Schema):
    class Meta:
        unknown = "raise"


class FilterQuery(Strict):
    market = fields.String(validate=validate.Length(equal=2))
    body = fields.String(validate=NAME, metadata={"description": "e.g. tractor, dump"})
    platform = fields.String(validate=NAME, metadata={"description": "e.g. X3000, or unknown"})


class YearQuery(FilterQuery):
    year = fields.Integer(
        validate=YEAR, metadata={"description": "Default: the last year with figures."}
    )


class SplitSchema(Schema):
    key = fields.String(metadata={"description": "market code, body type or platform"})
    units = fields.Integer()
    previous_units = fields.Integer()
    change_pct = fields.Float(allow_none=True, metadata={"description": "one decimal; null if 0"})


class SourcesSchema(Schema):
    history = fields.Integer(metadata={"description": "units from imported history"})
    orders = fields.Integer(metadata={"description": "units of orders shipped in this product"})
    orders_in_history = fields.Integer(
        metadata={"description": "product units already inside imported totals (not added)"}
    )


class FiltersSchema(Schema):
    market = fields.String(allow_none=True)
    body = fields.String(allow_none=True)
    platform = fields.String(allow_none=True)


class YearFiguresSchema(Schema):
    year = fields.Integer()
    no_data = fields.Boolean(metadata={"description": "true: no figures at all for the year"})
    units = fields.Integer(allow_none=True, metadata={"description": "null when no_data"})
    previous_year = fields.Integer()
    previous_units = fields.Integer(
        allow_none=True, metadata={"description": "null: no figures for that year"}
    )
    change_pct = fields.Float(allow_none=True, metadata={"description": "e.g. 110.0 for +110.0 %"})
    by_market = fields.List(fields.Nested(SplitSchema))
    by_body = fields.List(fields.Nested(SplitSchema))
    by_platform = fields.List(fields.Nested(SplitSchema))
    sources = fields.Nested(SourcesSchema)
    filters = fields.Nested(FiltersSchema)
    notes = fields.List(fields.String(), metadata={"description": "notes of imported rows"})


UNITS_BY = fields.Dict(keys=fields.String(), values=fields.Integer())


class SeriesYearSchema(Schema):
    year = fields.Integer()
    units = fields.Integer()
    change_pct = fields.Float(allow_none=True)
    by_market = UNITS_BY
    by_body = UNITS_BY
    by_platform = UNITS_BY
    notes = fields.List(
        fields.String(), metadata={"description": "what the year's figures are, e.g. illustrative"}
    )


class SeriesSchema(Schema):
    filters = fields.Nested(FiltersSchema)
    years = fields.List(fields.Nested(SeriesYearSchema))
