"""Slow clients for tests and bench/load.py: each opens a connection, sends a request line and
then one header line every `every` seconds, never finishing its request. When the server drops
one (nginx after client_header_timeout) it connects again, so `count` stay attached until stop().
Only the given 127.0.0.1 URL is contacted; every thread ends at stop().
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field


@dataclass
class SlowClients:
    url: str  # http://127.0.0.1:PORT
    count: int = 50
    every: float = 2.0
    lines: list[int] = field(default_factory=list)  # header lines sent, per client
    reconnects: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        self.lines = [0] * self.count
        for n in range(self.count):
            thread = threading.Thread(target=self._trickle, args=(n,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def _trickle(self, n: int) -> None:
        host, port = self.url.removeprefix("http://").split(":")
        while not self._stop.is_set():
            try:
                with socket.create_connection((host, int(port)), timeout=10) as conn:
                    conn.sendall(b"GET /api/v1/ping HTTP/1.1\r\nHost: catalog\r\n")
                    while not self._stop.wait(self.every):
                        conn.sendall(f"X-Slow-{self.lines[n]}: still typing\r\n".encode())
                        self.lines[n] += 1
            except OSError:  # dropped by the server: come back, as an attacker would
                with self._lock:
                    self.reconnects += 1
