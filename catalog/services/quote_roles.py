"""Who does what with quotes and rates: sales prepares, a manager approves, an admin keeps the
exchange rates (admin may also prepare and approve)."""

from __future__ import annotations

PREPARERS = ("sales", "admin")
APPROVERS = ("manager", "admin")
RATE_KEEPERS = ("admin",)
READERS = ("sales", "engineer", "manager", "admin")
