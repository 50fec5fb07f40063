"""The order forms (Flask-WTF: every one carries the CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, StringField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange, Optional

from ..ordering import STATUSES
from ..schemas.orders import MAX_QUANTITY

QUANTITY = [InputRequired(), NumberRange(min=1, max=MAX_QUANTITY)]
CUSTOMER = [DataRequired(), Length(max=200)]


class NewOrderForm(FlaskForm):
    customer = StringField(_l("Customer (existing or new)"), validators=CUSTOMER)
    quantity = IntegerField(_l("Quantity (trucks)"), default=1, validators=QUANTITY)


class EditOrderForm(FlaskForm):
    customer = StringField(_l("Customer"), validators=CUSTOMER)
    quantity = IntegerField(_l("Quantity (trucks)"), validators=QUANTITY)
    version = HiddenField(validators=[DataRequired()])


class StatusForm(FlaskForm):
    status = StringField(validators=[AnyOf(STATUSES)])
    ship_date = DateField(_l("Ship date"), validators=[Optional()])
    version = HiddenField(validators=[DataRequired()])
