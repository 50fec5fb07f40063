"""What the CLI, the API and the pages call: figures from the store, named by the rulebook, and
the filters and year a request asks for, checked against the catalogue (422 if unknown)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import sqlite_utils

from ..db import get_db
from ..errors import Unprocessable
from ..exports.figures import Figures, Filters, combine
from ..exports.history import UNKNOWN, HistoryFileError, HistoryRow, Problem, Vocabulary, parse
from ..rulebook.model import Rulebook
from ..store import exports as store
from .active_rules import engine


def vocabulary(book: Rulebook) -> Vocabulary:
    models = book.models.values()
    return Vocabulary(
        markets=frozenset(book.markets),
        bodies=frozenset(str(m.attrs["body"]) for m in models if m.attrs.get("body")),
        platforms=frozenset(str(m.attrs["platform"]) for m in models if m.attrs.get("platform")),
    )


def model_names(book: Rulebook) -> dict[str, tuple[str, str]]:
    """Model id -> (body type, platform), as the catalogue says today."""
    return {
        m.id: (str(m.attrs.get("body") or "unknown"), str(m.attrs.get("platform") or "unknown"))
        for m in book.models.values()
    }


def figures(db: sqlite_utils.Database, book: Rulebook) -> Figures:
    return combine(
        store.history_cells(db), store.shipped(db), model_names(book), store.history_notes(db)
    )


def read_history(path: Path, book: Rulebook) -> list[HistoryRow]:
    """The rows of a history file, or HistoryFileError naming every bad line."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise HistoryFileError([Problem(line, "not UTF-8 text")]) from err
    return parse(text, vocabulary(book))


def import_history(db: sqlite_utils.Database, book: Rulebook, path: Path) -> store.ImportCounts:
    """Check the whole file, then store it in one transaction; a bad file stores nothing."""
    return store.replace_history(db, read_history(path, book), path.name)


def filters_of(args: dict[str, Any]) -> Filters:
    """The query's filters, normalised and checked against the catalogue (422 if unknown)."""
    vocab = vocabulary(engine().book)
    wanted = {
        "market": (args.get("market"), str.upper, vocab.markets),
        "body": (args.get("body"), str.lower, vocab.bodies | {UNKNOWN}),
        "platform": (args.get("platform"), _platform, vocab.platforms | {UNKNOWN}),
    }
    errors, values = {}, {}
    for name, (raw, norm, known) in wanted.items():
        values[name] = norm(raw) if raw else None
        if values[name] is not None and values[name] not in known:
            errors[name] = [f"unknown {name} {raw!r}; one of {', '.join(sorted(known))}"]
    if errors:
        raise Unprocessable("unknown filter value", {"query": errors})
    return Filters(**values)


def _platform(value: str) -> str:
    return UNKNOWN if value.lower() == UNKNOWN else value.upper()


def chosen_year(args: dict[str, Any], data: Figures) -> int:
    """The asked year, or the last full year with figures."""
    return int(args.get("year") or data.default_year(date.today().year))


def current() -> Figures:
    return figures(get_db(), engine().book)
