"""The price of a truck: the model's list price plus every chosen option's price on the model."""

from __future__ import annotations

from .compiler import Space
from .results import Price, PriceLine


def price_of(space: Space, values: dict[str, str]) -> Price:
    """Only priced options get a line; the total is the model's price plus those lines."""
    lines = []
    for group in space.groups:
        value = values.get(group.id)
        option = group.option(value) if value else None
        price = space.model.price_of(group.id, option) if option is not None else 0
        if option is not None and price:
            lines.append(PriceLine(group.id, option.id, price))
    total = space.model.price + sum(line.price for line in lines)
    return Price(space.model.price, tuple(lines), total)
