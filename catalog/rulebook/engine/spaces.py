"""Compiled spaces per (rules key, market, model): built once per process, and once per rules
version across processes when given a folder.

A server that loads the rules before forking its workers (gunicorn --preload) calls `prepare`
so that every worker inherits the compiled spaces; a folder (the instance folder) keeps them on
disk, keyed by the rules version, the caller's key (e.g. the date interval of a rulebook view)
and the compiler's own source, so a restart or a new worker does not compile again.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
import threading
from pathlib import Path

from ..model import Rulebook
from .compiler import compile_space
from .solving import Solving

_SOURCES = ("compiler.py", "tables.py", "domains.py", "oracle.py", "explain.py")
FORMAT = hashlib.sha256(
    b"".join((Path(__file__).parent / name).read_bytes() for name in _SOURCES)
).hexdigest()[:12]  # a change to how spaces are compiled invalidates every file on disk


class Spaces:
    def __init__(self, book: Rulebook, key: str = "", folder: Path | None = None):
        self.book = book
        self.key = key
        self.folder = folder
        self._built: dict[tuple[str, str], Solving] = {}
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._lock = threading.Lock()  # held only to find a space's own lock

    def get(self, market: str, model: str) -> Solving:
        pair = (market, model)
        found = self._built.get(pair)
        if found is not None:
            return found
        with self._lock:
            lock = self._locks.setdefault(pair, threading.Lock())
        with lock:  # one compile per space; other spaces stay free meanwhile
            found = self._built.get(pair)
            if found is None:
                found = self._built[pair] = self._load(market, model)
                # a compiled space lives as long as the process: the collector need not walk
                # its hundreds of thousands of objects again (a full pass took 0.1-0.2 s)
                gc.collect()
                gc.freeze()
            return found

    def prepare(self) -> None:
        """Compile every market and model now (before a server forks its workers)."""
        for market in self.book.markets:
            for model in self.book.models:
                self.get(market, model)

    def close(self) -> None:
        for solving in self._built.values():
            solving.close()

    def _path(self, market: str, model: str) -> Path | None:
        if self.folder is None:
            return None
        name = "\0".join((FORMAT, self.book.version, self.key, market, model))
        return self.folder / f"{hashlib.sha256(name.encode()).hexdigest()[:24]}.pickle"

    def _load(self, market: str, model: str) -> Solving:
        path = self._path(market, model)
        if path is not None and path.exists():
            try:
                with path.open("rb") as fh:
                    space, empty, reasons = pickle.load(fh)  # written by this code, below
                return Solving(space, empty, reasons)
            except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
                pass  # a damaged or foreign file: compile again and replace it
        book = self.book
        space = compile_space(book, book.markets[market], book.models[model], diagrams=True)
        solving = Solving(space)
        if path is not None:
            _write(path, solving.stored())
        return solving


def _write(path: Path, data: object) -> None:
    """Write whole or not at all: concurrent workers may race to write the same file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
