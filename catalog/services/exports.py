"""What the CLI, the API and the pages call: figures from the store, named by the rulebook."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from ..exports.figures import Figures, combine
from ..exports.history import HistoryFileError, HistoryRow, Problem, Vocabulary, parse
from ..rulebook.model import Rulebook
from ..store import exports as store


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
