"""A real gunicorn on 127.0.0.1 over a given database, for tests and benches, and nginx in
front of it as deploy/nginx.conf sets it up (`Nginx`, `stack`).

`Gunicorn(folder, database).start()` runs `catalog:create_app()` with --preload on a free port
and returns once the server answers. The server runs in its own process group (master and
workers), so `stop()` always leaves nothing behind and `crash()` can kill -9 all of them at once.

Tests and bench scripts import it as `harness.serving`.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
LISTENING = re.compile(r"Listening at: (http://127\.0\.0\.1:\d+)")


class Gunicorn:
    """gunicorn -w N --preload on 127.0.0.1, instance folder `folder`, SQLite file `database`."""

    def __init__(
        self,
        folder: Path,
        database: Path,
        workers: int = 2,
        python: str = sys.executable,  # another virtualenv's python: an installed wheel
        cwd: Path = ROOT,
    ) -> None:
        self.folder, self.database, self.workers = folder, database, workers
        self.python, self.cwd = python, cwd
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
            self.python, "-m", "gunicorn", "-c", str(DEPLOY / "gunicorn.conf.py"),
            "-w", str(self.workers), "-b", "127.0.0.1:0",
            "--no-control-socket", "--error-logfile", str(self.log),
            "catalog:create_app()",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=self.cwd, env=self.env, start_new_session=True)
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


class Nginx:
    """nginx with deploy/nginx.conf on a free 127.0.0.1 port, in front of `upstream`."""

    def __init__(self, folder: Path, upstream: str) -> None:
        self.folder, self.upstream = folder, upstream  # upstream: "127.0.0.1:PORT"
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""

    @property
    def log(self) -> Path:
        return self.folder / "nginx.log"

    def start(self, timeout: float = 30) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        port = free_port()
        conf = self.folder / "nginx.conf"
        conf.write_text(nginx_conf(f"127.0.0.1:{port}", self.upstream, self.folder))
        command = ["nginx", "-p", str(self.folder), "-c", str(conf), "-e", str(self.log),
                   "-g", "daemon off;"]  # fmt: skip
        self.process = subprocess.Popen(command, start_new_session=True)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        while not _answers(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError("nginx did not start:\n" + _read(self.log))
            time.sleep(0.1)
        return self.url

    def stop(self) -> None:
        if self.process is None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)  # fast shutdown, workers included
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None


def nginx_conf(listen: str, upstream: str, runtime: Path) -> str:
    """deploy/nginx.conf with its placeholders filled (scripts/run.sh does the same with sed)."""
    text = (DEPLOY / "nginx.conf").read_text()
    for name, value in (("LISTEN", listen), ("UPSTREAM", upstream), ("RUNTIME", str(runtime))):
        text = text.replace(f"@{name}@", value)
    return text


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def stack(folder: Path, database: Path, workers: int = 2) -> Iterator[tuple[Gunicorn, Nginx]]:
    """The production setup: gunicorn (deploy/gunicorn.conf.py) behind nginx; both stopped."""
    server = Gunicorn(folder, database, workers)
    proxy = Nginx(folder / "nginx", "")
    try:
        proxy.upstream = server.start().removeprefix("http://")
        proxy.start()
        yield server, proxy
    finally:
        proxy.stop()
        server.stop()
