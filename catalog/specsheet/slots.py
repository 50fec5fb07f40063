"""Counted slots shared by every web worker: `count` lock files per name, each held with flock.

A slot is one lock file held with an exclusive, non-blocking flock; the kernel drops the lock
when its holder closes the file or dies, so a crashed worker never keeps a slot. flock locks
belong to an open file, so two threads of one process exclude each other as well.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def slot(folder: Path, name: str, count: int) -> Iterator[bool]:
    """Yields True while holding one of the `count` slots called `name`, False if all are taken."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        fd = os.open(folder / f"{name}.{n}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        try:
            yield True
        finally:
            os.close(fd)  # releases the lock
        return
    yield False
