"""A refused quote or exchange rate told in the reader's language on the quote and rate pages.

The quote and rate services word their errors in English for the JSON API (which keeps them).
A page translates the fixed messages of FIXED, matches the ones with variable parts (an order
number, a revision, a day, a status) by an explicit pattern of PATTERNS, and rebuilds the "not
stored" messages from the error's fields (problem_fields names them by their labels). A message
none of them knows is shown as it came: in English from a service, already translated when a
page made it.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..errors import CatalogError
from .problem_fields import field_label, problem_details, translated

FIXED = {
    "nothing to change: send the terms that change": _l(
        "There is nothing to change: change a term first."
    ),
    "this quote needs no approval: send it": _l("This quote needs no approval: send it."),
    "this quote needs no approval": _l("This quote needs no approval."),
    "approval already requested": _l("Approval has already been asked for: a manager decides."),
    "approval already approved": _l("The discount has already been approved."),
    "the current rules reject this truck: change the order first": _l(
        "The current rules reject this truck: change the order first."
    ),
}
PATTERNS = {
    r"order (?P<number>\S+) already has a draft quote: change that one": _l(
        "Order %(number)s already has a draft quote: change that one."
    ),
    r"revision (?P<revision>\S+) was sent: it can't change\. Make a new draft for the next "
    r"revision instead; nothing was changed": _l(
        "Revision %(revision)s has been sent and can't change. Make a new draft for the next "
        "revision instead; nothing was changed."
    ),
    r"the quote \(or its order\) has changed since version (?P<sent>\d+) \(the quote is at "
    r"version (?P<current>\d+)\): read it again and reapply your change; nothing was changed": _l(
        "The quote (or its order) has changed since version %(sent)s (the quote is now at "
        "version %(current)s): open it again and redo your change; nothing was changed."
    ),
    r"a discount of (?P<discount>[\d.]+) % is above (?P<limit>[\d.]+) %: a manager must "
    r"approve this version before it is sent": _l(
        "A discount of %(discount)s %% is above %(limit)s %%: a manager must approve this "
        "version before it is sent."
    ),
    r"the validity ended on (?P<day>[\d-]+): set a later date first": _l(
        "The validity ended on %(day)s: set a later date first."
    ),
    r"only a sent revision can be accepted; this quote is (?P<status>\w+)": _l(
        "Only a sent revision can be accepted; this quote is %(status)s."
    ),
    r"order (?P<number>\S+) is (?P<status>\w+): only a quoted order is confirmed": _l(
        "Order %(number)s is %(status)s: only a quoted order can be confirmed."
    ),
    r"revision (?P<revision>\S+) expired on (?P<day>[\d-]+): send a new one": _l(
        "Revision %(revision)s expired on %(day)s: send a new one."
    ),
    r"the current rules reject the truck of revision (?P<revision>\S+): it can't be "
    r"confirmed; send a new revision": _l(
        "The current rules reject the truck of revision %(revision)s: it can't be confirmed; "
        "send a new revision."
    ),
    r"order (?P<number>\S+) is (?P<status>\w+): it takes no new quote": _l(
        "Order %(number)s is %(status)s: it takes no new quote."
    ),
    r"no (?P<currency>[A-Z]{3}) rate applies on (?P<day>[\d-]+): an admin must enter one first": _l(
        "No %(currency)s rate applies on %(day)s: an administrator must enter one first."
    ),
    r"not readable as CSV: .*": _l("The file is not readable as CSV."),
    r"the first line must be the header (?P<header>\S+)": _l(
        "The first line must be the header %(header)s."
    ),
    r"send 1 to (?P<most>\d+) rates": _l("Send 1 to %(most)s rates."),
}
NOT_STORED = {  # the start of the message -> the message naming the fields of the error
    "the quote was not stored: check ": _l("The quote was not stored: check %(fields)s."),
    "the rate was not stored: ": _l("The rate was not stored: check %(fields)s."),
    "no rate was stored: ": _l("No rate was stored: check %(fields)s."),
}


def quote_problem_text(problem: CatalogError) -> str:
    """The message of a refused quote or rate in the reader's language (as sent, if unknown)."""
    message, errors = problem.message, problem.errors
    for start, told in NOT_STORED.items():
        if message.startswith(start) and isinstance(errors, Mapping) and errors:
            # "; " apart: a label may hold a comma ("Discount on the trucks, %")
            return str(told) % {"fields": "; ".join(field_label(f) for f in errors)}
    found = translated(message, FIXED, PATTERNS)
    return message if found is None else found


def init_app(app: Flask) -> None:
    app.add_template_filter(quote_problem_text, "quote_problem_text")
    app.add_template_filter(problem_details, "problem_details")
