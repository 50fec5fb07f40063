"""Finished PDFs on disk, keyed by what decides their bytes, bounded in size (oldest use first).

A key is the sha256 of the parts that decide a sheet (order id and version, language, rules
version, options, the printed day). Files are written whole (a temporary file, then a rename),
so a reader never sees half a PDF; a hit touches the file, and when the folder grows past its
bound the least recently used files go.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

SUFFIX = ".pdf"


def key(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


class SheetCache:
    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder, self.max_bytes = folder, max_bytes

    def get(self, name: str) -> bytes | None:
        if self.max_bytes <= 0:
            return None
        path = self.folder / (name + SUFFIX)
        try:
            data = path.read_bytes()
            os.utime(path)  # recently used: evicted last
        except FileNotFoundError:
            return None
        return data

    def put(self, name: str, data: bytes) -> None:
        if self.max_bytes <= 0 or len(data) > self.max_bytes:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, self.folder / (name + SUFFIX))
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        self.evict()

    def evict(self) -> None:
        """Remove the least recently used sheets until the folder fits its bound."""
        files = []
        for entry in os.scandir(self.folder):
            if entry.name.endswith(SUFFIX):
                with contextlib.suppress(FileNotFoundError):
                    stat = entry.stat()
                    files.append((stat.st_mtime, stat.st_size, entry.path))
        total = sum(size for _, size, _ in files)
        for _, size, path in sorted(files):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            total -= size
