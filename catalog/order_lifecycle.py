"""An order's statuses and the moves between them. Plain data: the order service, its schemas
and forms all read it."""

from __future__ import annotations

STATUSES = ("draft", "quoted", "confirmed", "shipped", "cancelled")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("quoted", "cancelled"),
    "quoted": ("draft", "confirmed", "cancelled"),
    "confirmed": ("shipped", "cancelled"),
    "shipped": (),
    "cancelled": (),
}
EDITABLE = ("draft", "quoted")  # content is fixed once the customer has confirmed
RECHECKED = ("quoted", "confirmed")  # entering these re-approves under the current rules
OPEN = ("draft", "quoted", "confirmed")  # not yet shipped or cancelled: still to be delivered
