"""Limits the API, the pages, the CLI and the rule files check alike, one place each.

Each bounds what a request or a file may ask for, far above real use, so that bad input is
refused with a 4xx before it costs anything.
"""

from __future__ import annotations

from datetime import date

MAX_SELECTIONS = 1_000  # option choices in one request; a truck has a few dozen groups
MAX_QUANTITY = 10_000  # trucks in one order
MAX_CUSTOMER_NAME = 200  # characters

# Export figures: the years a history row, a query or the CLI may name.
FIRST_YEAR, LAST_YEAR = 1990, 2100
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)

# Ship dates and spec-sheet dates.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
