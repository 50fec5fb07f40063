"""A real gunicorn on 127.0.0.1 over a given database, for tests and benches.

`Gunicorn(folder, database).start()` runs `catalog:create_app()` with --preload on a free port
and returns once the server answers. The server runs in its own process group (master and
workers), so `stop()` always leaves nothing behind and `crash()` can kill -9 all of them at once.

Tests and bench scripts import it as `harness.serving`.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
LISTENING = re.compile(r"Listening at: (http://127\.0\.0\.1:\d+)")


class Gunicorn:
    """gunicorn -w N --preload on 127.0.0.1, instance folder `folder`, SQLite file `database`."""

    def __init__(self, folder: Path, database: Path, workers: int = 2) -> None:
        self.folder, self.database, self.workers = folder, database, workers
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""
        self.starts = 0

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "CATALOG_INSTANCE": str(self.folder),
            "CATALOG_DATABASE": str(self.database),
            "CATALOG_SECRET_KEY": "serving-" + self.folder.name,
        }

    @property
    def log(self) -> Path:
        return self.folder / f"gunicorn-{self.starts}.log"

    def start(self, timeout: float = 60) -> str:
        """Start the server (a new log file each time) and return its base URL."""
        assert self.process is None, "already running"
        self.starts += 1
        command = [
            sys.executable, "-m", "gunicorn", "-w", str(self.workers), "-b", "127.0.0.1:0",
            "--preload", "--no-control-socket", "--error-logfile", str(self.log),
            "catalog:create_app()",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)
        try:
            self.url = self._wait(timeout)
        except BaseException:
            self.crash()
            raise
        return self.url

    def _wait(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError("gunicorn exited:\n" + self.log_text())
            found = LISTENING.search(_read(self.log))
            if found and _answers(found[1]):
                return found[1]
            time.sleep(0.1)
        raise AssertionError("gunicorn did not start:\n" + self.log_text())

    def log_text(self) -> str:
        """Every start's log, oldest first."""
        return "".join(_read(self.folder / f"gunicorn-{n}.log") for n in range(1, self.starts + 1))

    def stop(self, timeout: float = 30) -> None:
        """Graceful stop (SIGTERM to the master); kill -9 whatever is left after `timeout`."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.crash()
        self.process = None

    def crash(self) -> None:
        """kill -9 the master and every worker at once (the whole process group)."""
        if self.process is None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None


def _read(path: Path) -> str:
    return path.read_text() if path.exists() else ""


def _answers(url: str) -> bool:
    try:
        requests.get(url + "/api/v1/ping", timeout=2)  # 401 without a token: it is up
    except requests.RequestException:
        return False
    return True


@contextmanager
def gunicorn(folder: Path, database: Path, workers: int = 2) -> Iterator[Gunicorn]:
    """A started server, always stopped afterwards."""
    server = Gunicorn(folder, database, workers)
    try:
        server.start()
        yield server
    finally:
        server.stop()
