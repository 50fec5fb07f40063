"""kill -9 the server (master and workers) in the middle of order writes, then start it again.

Every order acknowledged with 201 and every change acknowledged with 200 must be in the file,
intact, with `PRAGMA integrity_check` ok; the restarted server must serve them and go on
numbering orders without repeating a number.
"""

from __future__ import annotations

import threading
import time

import requests

from harness.acks import Ledger, check, write_orders
from harness.serving import Gunicorn

WRITERS = 6
ENOUGH = 40  # acknowledged creations before the kill (or after CRASH_AFTER seconds)
CRASH_AFTER = 4.0


def write_then_crash(server: Gunicorn, instance, ledger: Ledger) -> None:
    stop = threading.Event()
    args = (server.url, instance.token, instance.body, ledger, stop)
    writers = [threading.Thread(target=write_orders, args=args) for _ in range(WRITERS)]
    for writer in writers:
        writer.start()
    deadline = time.monotonic() + CRASH_AFTER
    while len(ledger.created) < ENOUGH and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    server.crash()  # SIGKILL to the whole process group while the writers are mid-request
    for writer in writers:
        writer.join(timeout=30)


def stored_through_api(url: str, headers: dict[str, str]) -> dict[int, dict]:
    listed: dict[int, dict] = {}
    page = 1
    while True:
        answer = requests.get(
            f"{url}/api/v1/orders", params={"page": page, "per_page": 100}, headers=headers
        ).json()
        listed |= {order["id"]: order for order in answer["items"]}
        if page * 100 >= answer["total"]:
            return listed
        page += 1


def test_kill_9_during_order_writes_loses_no_acknowledged_order(instance):
    server = Gunicorn(instance.folder, instance.database)
    ledger = Ledger()
    try:
        server.start()
        write_then_crash(server, instance, ledger)
        assert ledger.refused == []
        assert len(ledger.created) >= 5, "the writers did not get going before the kill"
        assert ledger.unknown >= 1, "the kill interrupted no request"

        assert check(instance.database, ledger) == []  # the file as the crash left it

        url = server.start()  # the same database, after the crash
        listed = stored_through_api(url, instance.headers)
        for order_id, versions in ledger.versions().items():
            last = max(versions)
            assert listed[order_id]["number"] == versions[last]["number"]
            assert listed[order_id]["version"] >= last
        after = requests.post(f"{url}/api/v1/orders", json=instance.body, headers=instance.headers)
        assert after.status_code == 201, after.text
        numbers = {order["number"] for order in listed.values()}
        assert after.json()["number"] not in numbers
    finally:
        server.stop()
    assert check(instance.database, ledger) == []
    assert "Traceback" not in server.log_text()
