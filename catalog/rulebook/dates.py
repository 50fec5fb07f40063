"""Days as the rules, the API and orders write them: ISO `YYYY-MM-DD` within a sane range."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from ..limits import FIRST_DAY, LAST_DAY  # outside them a date is a typo, not a plan

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(text: str) -> date:
    """The day `text` names; ValueError with a message fit for the user otherwise."""
    text = text.strip()
    if not _ISO.match(text):
        raise ValueError(f"must be a date written YYYY-MM-DD, not {text!r}")
    try:
        day = date.fromisoformat(text)
    except ValueError as err:
        raise ValueError(f"{text!r} is not a day of the calendar") from err
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            f"must be between {FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}, not {text}"
        )
    return day


def today() -> date:
    """Today in UTC: the day rules are evaluated on when no date is given."""
    return datetime.now(UTC).date()
