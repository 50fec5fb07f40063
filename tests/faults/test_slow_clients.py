"""Slow clients cannot starve the service: 50 connections to the production setup (nginx in front
of gunicorn, deploy/) each send one header line every 2 s, and meanwhile four ordinary clients
are all served. The latencies are printed (p50, p99), not asserted: timings depend on the machine.
"""

from __future__ import annotations

import statistics
import threading
import time

import requests

from harness.serving import stack
from harness.slow import SlowClients

SLOW = 50
LINE_EVERY = 2.0
SECONDS = 8.0  # under nginx's client_header_timeout (10 s): the slow clients stay connected
CLIENTS = 4


def ordinary(url: str, headers: dict[str, str], stop: threading.Event, out: list) -> None:
    with requests.Session() as http:
        while not stop.is_set():
            began = time.perf_counter()
            response = http.get(url + "/api/v1/orders", headers=headers, timeout=30)
            out.append((response.status_code, time.perf_counter() - began))


def test_fifty_slow_clients_do_not_stop_the_others(instance) -> None:  # faults/conftest.py
    with stack(instance.folder, instance.database) as (_server, proxy):
        stop, served = threading.Event(), []
        slow = SlowClients(proxy.url, SLOW, LINE_EVERY)
        slow.start()
        time.sleep(LINE_EVERY)  # every slow client is connected and mid-request
        fast = [
            threading.Thread(target=ordinary, args=(proxy.url, instance.headers, stop, served))
            for _ in range(CLIENTS)
        ]
        for thread in fast:
            thread.start()
        time.sleep(SECONDS - LINE_EVERY)
        stop.set()
        slow.stop()
        for thread in fast:
            thread.join(timeout=60)
    times = sorted(seconds for _status, seconds in served)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"\n{SLOW} slow clients attached: {len(served)} ordinary requests, "
          f"p50 {statistics.median(times) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")  # fmt: skip
    assert min(slow.lines) >= 2 and slow.reconnects == 0  # all kept trickling, none was dropped
    assert served and {status for status, _ in served} == {200}
    assert len(served) >= 10 * CLIENTS  # a sanity floor, far below what a second gives
