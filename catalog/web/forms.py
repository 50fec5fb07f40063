"""The order forms (Flask-WTF: every one carries the CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, StringField
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from ..limits import FIRST_DAY, LAST_DAY, MAX_CUSTOMER_NAME, MAX_QUANTITY
from ..order_lifecycle import STATUSES
from ..plain_text import VISIBLE_TEXT

# what an admin may say a shipped order really is (the template names them)
CORRECTED_STATES = ("shipped", "confirmed", "cancelled")
QUANTITY = [InputRequired(), NumberRange(min=1, max=MAX_QUANTITY)]
# The API's rule (catalog.plain_text): visible text only, no control characters such as NUL,
# CR/LF or DEL.
CUSTOMER = [DataRequired(), Length(max=MAX_CUSTOMER_NAME), Regexp(VISIBLE_TEXT)]
VERSION = [DataRequired(), Regexp(r"^[0-9]{1,18}$")]  # the version read; a number or a 422


def in_service_days(form: FlaskForm, field: DateField) -> None:
    if field.data and not FIRST_DAY <= field.data <= LAST_DAY:
        raise ValidationError(_l("Pick a date between 2000-01-01 and 2100-12-31."))


class NewOrderForm(FlaskForm):
    customer = StringField(_l("Customer (existing or new)"), validators=CUSTOMER)
    quantity = IntegerField(_l("Quantity (trucks)"), default=1, validators=QUANTITY)
    delivery_date = DateField(_l("Delivery date"), validators=[Optional(), in_service_days])


class EditOrderForm(FlaskForm):
    customer = StringField(_l("Customer"), validators=CUSTOMER)
    quantity = IntegerField(_l("Quantity (trucks)"), validators=QUANTITY)
    version = HiddenField(validators=VERSION)


class StatusForm(FlaskForm):
    status = StringField(validators=[AnyOf(STATUSES)])
    ship_date = DateField(_l("Ship date"), validators=[Optional()])
    version = HiddenField(validators=VERSION)


class CorrectionForm(FlaskForm):
    """An admin's correction of a shipped order; the reason is kept in the history."""

    status = StringField(_l("It is"), default="shipped", validators=[AnyOf(CORRECTED_STATES)])
    quantity = IntegerField(_l("Quantity (trucks)"), validators=[Optional(), *QUANTITY[1:]])
    ship_date = DateField(_l("Ship date"), validators=[Optional()])
    reason = StringField(
        _l("Reason (kept in the history)"),
        validators=[DataRequired(), Length(min=3, max=500), Regexp(VISIBLE_TEXT)],
    )
    version = HiddenField(validators=VERSION)
