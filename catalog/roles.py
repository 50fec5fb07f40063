"""Who may do what: the roles, and for each permission the roles that have it.

The page and API guards, the navigation and the user admin all read this module; nothing else
lists roles. Plain data, no Flask.
"""

from __future__ import annotations

SALES, ENGINEER, MANAGER, ADMIN = "sales", "engineer", "manager", "admin"
ROLES = (SALES, ENGINEER, MANAGER, ADMIN)

CONFIGURE = (SALES, ADMIN)  # the configurator page
READ_ORDERS = ROLES  # order lists, an order, its spec sheet
WRITE_ORDERS = (SALES, ADMIN)  # create, edit and move orders
READ_SPECS = ROLES  # spec sheets of a configuration
READ_EXPORTS = (MANAGER, ADMIN)  # export figures, their CSV and PDF report
READ_QUOTES = ROLES  # quotes, their revisions and PDFs, and the exchange rates
PREPARE_QUOTES = (SALES, ADMIN)  # make, change, send a quote and record its acceptance
APPROVE_QUOTES = (MANAGER, ADMIN)  # approve or refuse quotes that need it
MANAGE_RATES = (ADMIN,)  # exchange rates: enter and import
REVIEW_RULES = (ENGINEER, ADMIN)  # the rule review pages
MANAGE_USERS = (ADMIN,)  # users, roles and tokens
CORRECT_ORDERS = (ADMIN,)  # correct a shipped order (recorded in its history)
