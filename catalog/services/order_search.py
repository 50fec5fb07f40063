"""Finding orders by the words people see: a model's name, its body type, in any language.

The orders table keeps model ids; the names and body types live in the rulebook and the
translations, so the words are matched here and the store is asked for those model ids.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..body_types import names_everywhere
from ..rulebook import Rulebook
from ..store.orders import Filters

WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def matching_models(book: Rulebook, text: str) -> tuple[str, ...]:
    """Models whose id, name (any language) or body type (any language) hold every word."""
    wanted = words(text)
    if not wanted:
        return ()
    found = []
    for model in book.models.values():
        seen = " ".join(
            [model.id, *model.name.values(), *names_everywhere(model.attrs.get("body"))]
        )
        have = set(words(seen))
        if all(any(h.startswith(w) for h in have) for w in wanted):
            found.append(model.id)
    return tuple(sorted(found))


def with_models(book: Rulebook, filters: Filters) -> Filters:
    """The filters, with the models the free text names."""
    if not filters.text:
        return filters
    return replace(filters, models=matching_models(book, filters.text))
