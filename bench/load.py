"""Mixed load through the production setup, then proof that every acknowledged write is stored.

Starts gunicorn (deploy/gunicorn.conf.py: threaded, --preload, 2 workers by default) behind nginx
(deploy/nginx.conf) on 127.0.0.1 over a temporary instance with the demo data and one sales user
per client (the PDF cap is per user), then runs client threads for a fixed time, each
choosing its next call at random from MIX: configure, order create, order update (PATCH with
the version it last saw; a 409 is answered by reading the order again and retrying), spec
sheet PDFs and export figures. Prints requests per second, p50 and p99 per endpoint and for all
but the spec sheets, and the errors, stops the server and checks the SQLite file
(harness/acks.py): every 201 order is stored with its data, every 200 PATCH is in the history
at its version and the stored order is that write or a later acknowledged one;
`PRAGMA integrity_check` is ok. Exit status 1 on any error or any lost write. Only 127.0.0.1
is contacted; time and request count are bounded.

The first --warmup seconds (default 5) run the same mix unmeasured, so that each worker has
built its caches; their writes are verified like the others, and their errors count.
--slow-clients N attaches N connections that each send one header line every 2 s for the whole
run (harness/slow.py), reconnecting when nginx drops them.

Usage: .venv/bin/python -m bench.load [--seconds 60] [--clients 16] [--workers 2] [--json FILE]
                                      [--mix spec=0,configure=50] [--slow-clients 50]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from bench.loadstats import Stats, report
from catalog import accounts, create_app
from catalog.db import get_db
from catalog.demo import load_all
from catalog.migrations import apply_all
from catalog.services.active_rules import engine
from harness.acks import Ledger, check
from harness.serving import stack
from harness.slow import SlowClients

ROOT = Path(__file__).resolve().parent.parent

MIX = {"configure": 30, "create": 20, "update": 25, "spec": 5, "exports": 20}
HOT = 20  # updates pick among the newest orders, so clients collide on versions
RETRIES = 3
LANGS = ("en", "ru", "zh")


@dataclass
class Setup:
    sales: list[str]  # one sales user per client: the PDF cap is per user
    manager: str
    trucks: list[tuple[str, str, dict[str, str]]]


@dataclass
class Shared:
    url: str
    setup: Setup
    ledger: Ledger
    deadline: float
    budget: int  # requests left, all clients together
    mix: dict[str, int] = field(default_factory=lambda: dict(MIX))
    orders: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> bool:
        with self.lock:
            self.budget -= 1
            return self.budget >= 0 and time.monotonic() < self.deadline


def prepare(database: Path, clients: int) -> Setup:
    """The schema, the demo data, a sales token per client and a manager token, and valid trucks
    to order."""
    app = create_app({"DATABASE": str(database), "SECRET_KEY": "bench"})
    with app.app_context():
        db = get_db()
        apply_all(db)
        load_all(db)
        sales = [accounts.create_user(db, f"load-sales-{n}", "sales").token for n in range(clients)]
        manager = accounts.create_user(db, "load-manager", "manager").token
        trucks = valid_trucks()
    return Setup(sales, manager, trucks)


def valid_trucks(per_market: int = 2) -> list[tuple[str, str, dict[str, str]]]:
    eng, out = engine(), []
    for market in eng.book.markets:
        offers = [o.id for o in eng.models_for(market) if o.buyable][:per_market]
        for model in offers:
            proposal = eng.configure(market, model, {})
            values = {g.id: v for g in proposal.groups if (v := g.value or g.default)}
            if eng.validate(market, model, values).valid:
                out.append((market, model, values))
    return out


class Client:
    def __init__(self, number: int, shared: Shared) -> None:
        self.number, self.shared, self.stats = number, shared, Stats()
        self.rng = random.Random(number)
        self.seen: dict[int, tuple[int, int]] = {}  # order id -> version, quantity last seen
        self.made = 0
        self.http = requests.Session()

    def run(self) -> Stats:
        names, weights = list(self.shared.mix), list(self.shared.mix.values())
        while self.shared.take():
            getattr(self, self.rng.choices(names, weights)[0])()
        self.http.close()
        return self.stats

    def call(self, label: str, method: str, path: str, token: str, **kw: Any) -> Any:
        started = time.perf_counter()
        headers = {"Authorization": f"Bearer {token}"}
        try:
            response = self.http.request(
                method, self.shared.url + path, headers=headers, timeout=60, **kw
            )
        except requests.RequestException as err:
            self.stats.error(label, type(err).__name__)
            return None
        self.stats.record(label, time.perf_counter() - started, response.status_code)
        return response

    def configure(self) -> None:
        market, model, values = self.rng.choice(self.shared.setup.trucks)
        chosen = self.rng.sample(sorted(values), self.rng.randint(0, len(values)))
        body = {"market": market, "model": model, "selections": {k: values[k] for k in chosen}}
        body["lang"] = self.rng.choice(LANGS)
        self.expect(
            self.call("POST /configure", "POST", "/api/v1/configure", self.sales, json=body)
        )

    def create(self) -> None:
        market, model, values = self.rng.choice(self.shared.setup.trucks)
        self.made += 1
        customer = f"Load client {self.number}" if self.made % 3 else "Almaty Trans"
        body = {"customer": customer, "market": market, "model": model,
                "selections": values, "quantity": self.rng.randint(1, 50)}  # fmt: skip
        response = self.call("POST /orders", "POST", "/api/v1/orders", self.sales, json=body)
        if response is None:
            self.shared.ledger.lost_track()
        elif self.expect(response, 201):
            order = response.json()
            self.shared.ledger.create(order)
            self.seen[order["id"]] = (order["version"], order["quantity"])
            with self.shared.lock:
                self.shared.orders.append(order["id"])

    def update(self) -> None:
        with self.shared.lock:
            hot = self.shared.orders[-HOT:]
        if not hot:
            return self.create()
        order_id = self.rng.choice(hot)
        if order_id not in self.seen:
            self.reread(order_id)
        for _ in range(RETRIES):
            response = self.patch(order_id, *self.seen.get(order_id, (1, 0)))
            if response is None or response.status_code != 409:
                break
            self.stats.conflicts += 1
            self.reread(order_id)
        if response is None:
            self.shared.ledger.lost_track()
        elif self.expect(response, 200, 409) and response.status_code == 200:
            self.shared.ledger.change(order := response.json())
            self.seen[order_id] = (order["version"], order["quantity"])
        return None

    def patch(self, order_id: int, version: int, quantity: int) -> Any:
        """Change the quantity (never to the one last seen: a PATCH must change something)."""
        new = self.rng.choice([q for q in range(1, 51) if q != quantity])
        body = {"version": version, "quantity": new, "customer": f"Load client {self.number}"}
        path = f"/api/v1/orders/{order_id}"
        return self.call("PATCH /orders/{id}", "PATCH", path, self.sales, json=body)

    def reread(self, order_id: int) -> None:
        path = f"/api/v1/orders/{order_id}"
        response = self.call("GET /orders/{id}", "GET", path, self.sales)
        if self.expect(response):
            order = response.json()
            self.seen[order_id] = (order["version"], order["quantity"])

    def spec(self) -> None:
        with self.shared.lock:
            order_id = self.rng.choice(self.shared.orders) if self.shared.orders else 1
        path = f"/api/v1/orders/{order_id}/spec.pdf?lang={self.rng.choice(LANGS)}"
        response = self.call("GET /orders/{id}/spec.pdf", "GET", path, self.sales)
        if (
            response is not None
            and response.status_code == 503
            and "Retry-After" in response.headers
        ):
            return  # shed by design when SPEC_QUEUE sheets are under way (counted in statuses)
        if self.expect(response) and not response.content.startswith(b"%PDF-"):
            self.stats.error("GET /orders/{id}/spec.pdf", "not a PDF")

    def exports(self) -> None:
        path = self.rng.choice(["/api/v1/exports?year=2023", "/api/v1/exports/series"])
        self.expect(self.call("GET /exports", "GET", path, self.shared.setup.manager))

    @property
    def sales(self) -> str:
        return self.shared.setup.sales[self.number % len(self.shared.setup.sales)]

    def expect(self, response: Any, *statuses: int) -> bool:
        """True if the answer is one of `statuses` (200 by default); otherwise count an error."""
        if response is None:
            return False
        if response.status_code in (statuses or (200,)):
            return True
        label = f"{response.request.method} {response.status_code}"
        self.stats.error(label, response.text[:200])
        return False


def run(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    database = folder / "load.sqlite"
    setup = prepare(database, args.clients)
    loads = [os.getloadavg()[0]]
    with stack(folder, database, args.workers) as (_server, proxy):
        slow = SlowClients(proxy.url, args.slow_clients)
        slow.start()  # attached from the warm-up to the end
        try:
            shared = Shared(
                proxy.url, setup, Ledger(), time.monotonic() + args.warmup, args.max_requests
            )
            shared.mix |= args.mix
            warm = drive(shared, args.clients)  # both workers build their caches; not measured
            shared.deadline = time.monotonic() + args.seconds
            started = time.perf_counter()
            stats = drive(shared, args.clients)
            elapsed = time.perf_counter() - started
            loads.append(os.getloadavg()[0])
        finally:
            slow.stop()
    problems = check(database, shared.ledger)
    stats.errors |= {f"warm-up {k}": v for k, v in warm.errors.items()}
    attached = {"slow_lines": sum(slow.lines), "slow_reconnects": slow.reconnects}
    return report(stats, elapsed, shared.ledger, problems, vars(args) | {"load": loads} | attached)


def drive(shared: Shared, clients: int) -> Stats:
    workers = [Client(n, shared) for n in range(clients)]
    results: list[Stats] = []
    threads = [threading.Thread(target=lambda c=c: results.append(c.run())) for c in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Stats()
    for stats in results:
        total.merge(stats)
    return total


def weights(text: str) -> dict[str, int]:
    """--mix spec=0,configure=50: change some weights of MIX."""
    out = {}
    for part in text.split(","):
        name, _, weight = part.partition("=")
        if name not in MIX or not weight.isdigit():
            raise argparse.ArgumentTypeError(f"{part!r}: use NAME=WEIGHT, NAME one of {list(MIX)}")
        out[name] = int(weight)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warmup", type=float, default=5, help="seconds of load not measured")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--mix", type=weights, default={}, help="e.g. spec=0,configure=50")
    parser.add_argument("--slow-clients", type=int, default=0,
                        help="connections sending a header line every 2 s all along")  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="catalog-load-") as tmp:
        result = run(args, Path(tmp))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str))
    sys.exit(1 if result["errors"] or result["problems"] else 0)


if __name__ == "__main__":
    main()
