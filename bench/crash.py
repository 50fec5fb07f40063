"""Repeated kill -9 of gunicorn (master and workers) during order writes, on one database.

Each round starts gunicorn on 127.0.0.1 over the same SQLite file, runs writer threads
(create an order, change it, again and again), kills the whole process group with SIGKILL
after a random 0.5 to --max-seconds seconds, and checks the file (tests/acks.py): every order
acknowledged with 201 and every change acknowledged with 200 is stored and intact, and
`PRAGMA integrity_check` is ok. Prints the totals, and how many writes whose answer was cut
off by the kill were nevertheless committed. Exit status 1 on any lost or damaged write.

Usage: .venv/bin/python -m bench.crash [--rounds 10] [--writers 8] [--max-seconds 4]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

from catalog import accounts, create_app
from catalog.db import get_db
from catalog.migrations import apply_all
from catalog.services.active_rules import engine
from harness.acks import Ledger, check, write_orders
from harness.serving import Gunicorn

ROOT = Path(__file__).resolve().parent.parent


def prepare(database: Path) -> tuple[str, dict[str, object]]:
    app = create_app({"DATABASE": str(database), "SECRET_KEY": "bench"})
    with app.app_context():
        apply_all(get_db())
        token = accounts.create_user(get_db(), "crash-writer", "sales").token
        proposal = engine().configure("KZ", "x3000-tractor-6x4", {})
    selections = {g.id: v for g in proposal.groups if (v := g.value or g.default)}
    body = {"customer": "Crash Bench", "market": "KZ", "model": "x3000-tractor-6x4",
            "selections": selections, "quantity": 1}  # fmt: skip
    return token, body


def crash_round(server: Gunicorn, token: str, body: dict[str, object], ledger: Ledger,
                writers: int, seconds: float) -> None:  # fmt: skip
    url, stop = server.start(), threading.Event()
    threads = [
        threading.Thread(target=write_orders, args=(url, token, body, ledger, stop))
        for _ in range(writers)
    ]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    server.crash()
    for thread in threads:
        thread.join(timeout=60)


def stored_orders(database: Path) -> int:
    with sqlite3.connect(database) as conn:
        (count,) = conn.execute("SELECT count(*) FROM orders").fetchone()
    return int(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=4.0)
    args = parser.parse_args()
    rng, ledger, problems = random.Random(8), Ledger(), []
    with tempfile.TemporaryDirectory(prefix="catalog-crash-") as tmp:
        database = Path(tmp) / "crash.sqlite"
        token, body = prepare(database)
        server = Gunicorn(Path(tmp), database)
        for n in range(1, args.rounds + 1):
            seconds = rng.uniform(0.5, args.max_seconds)
            crash_round(server, token, body, ledger, args.writers, seconds)
            problems = check(database, ledger)
            print(f"round {n}: killed after {seconds:.1f} s; acknowledged so far "
                  f"{len(ledger.created)} created, {ledger.writes - len(ledger.created)} "
                  f"changed; problems {len(problems)}")  # fmt: skip
            if problems:
                break
        stored = stored_orders(database)
    extra = stored - len(ledger.created)
    print(f"{args.rounds} kill -9 rounds, {args.writers} writers: {ledger.writes} acknowledged "
          f"writes, {ledger.unknown} cut off by the kill ({extra} of those creations were "
          f"committed anyway), refused answers {len(ledger.refused)}")  # fmt: skip
    for problem in problems[:20]:
        print("  " + problem)
    print("verified: nothing acknowledged was lost" if not problems else "WRITES LOST")
    sys.exit(1 if problems or ledger.refused else 0)


if __name__ == "__main__":
    main()
