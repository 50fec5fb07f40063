"""The exports endpoint over 1,000,000 generated shipped orders, beside a plain full scan of them.

Orders are written straight into the orders table (as the orders store writes them), so the
summary triggers run for every row; then `GET /api/v1/exports` is timed through the Flask test
client with a manager's token, and the same figures are computed by a full scan of the orders.

Usage: .venv/bin/python -m bench.exports [--rows 1000000] [--runs 50]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from catalog import create_app
from catalog.accounts import create_user
from catalog.db import connect
from catalog.exports.figures import Filters, combine, year_figures
from catalog.migrations import apply_all
from catalog.services.active_rules import engine
from catalog.services.exports import import_history, model_names
from catalog.store import exports as store

ROOT = Path(__file__).resolve().parent.parent

HISTORY = ROOT / "data" / "exports-history.csv"
MARKETS = ("KZ", "UZ", "TJ", "KG", "TM")
YEARS = range(2020, 2030)  # 2022 and 2023 are covered by history: those units are not added


def orders(count: int, models: list[str], seed: int = 6) -> Iterator[dict[str, Any]]:
    rnd = random.Random(seed)
    for i in range(count):
        year = rnd.choice(YEARS)
        yield {
            "number": f"B-{i}",
            "customer_id": 1,
            "market": rnd.choice(MARKETS),
            "model": rnd.choice(models),
            "selections": "{}",
            "quantity": rnd.randint(1, 20),
            "price": 300_000,
            "price_detail": "{}",
            "status": "shipped",
            "rules_version": "bench",
            "ship_date": f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
            "created_by": 1,
            "created_at": "2024-01-01T00:00:00+00:00",
            "updated_by": 1,
            "updated_at": "2024-01-01T00:00:00+00:00",
        }


def timed(fn: Callable[[], Any], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def show(name: str, ms: list[float]) -> float:
    median = statistics.median(ms)
    p95 = sorted(ms)[max(0, int(len(ms) * 0.95) - 1)]
    print(f"{name:<46} median {median:9.2f} ms   p95 {p95:9.2f} ms   (n={len(ms)})")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run(Path(tmp) / "bench.sqlite", args.rows, args.runs)


def run(path: Path, rows: int, runs: int) -> None:
    app = create_app({"TESTING": True, "DATABASE": str(path), "SECRET_KEY": "bench"})
    db = connect(str(path))
    apply_all(db)
    with app.app_context():
        book = engine().book
        import_history(db, book, HISTORY)
    token = create_user(db, "bench-manager", "manager").token
    db.table("customers").insert({"id": 1, "name": "Bench", "created_at": "2024-01-01"})

    start = time.perf_counter()
    with db.atomic():
        db.table("orders").insert_all(orders(rows, sorted(book.models)), batch_size=2000)
    seconds = time.perf_counter() - start
    print(
        f"{rows:,} shipped orders written with the summary triggers in {seconds:.1f} s "
        f"({rows / seconds:,.0f} rows/s); summary rows: {db['export_shipped'].count}"
    )
    assert set(store.shipped(db)) == set(store.scan_shipped(db)), "summary != full scan"

    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}

    def endpoint(url: str) -> Callable[[], Any]:
        def call() -> Any:
            response = client.get(url, headers=headers)
            assert response.status_code == 200, response.get_data(as_text=True)
            return response

        return call

    def full_scan() -> Any:
        figures = combine(store.history_cells(db), store.scan_shipped(db), model_names(book))
        return year_figures(figures, 2025, Filters())

    endpoint("/api/v1/exports?year=2025")()  # warm up (first request, imports)
    body = endpoint("/api/v1/exports?year=2025")().get_json()
    assert body == full_scan(), "the endpoint and the full scan disagree"
    fast = show("GET /api/v1/exports?year=2025", timed(endpoint("/api/v1/exports?year=2025"), runs))
    show(
        "GET /api/v1/exports?year=2023&market=KZ",
        timed(endpoint("/api/v1/exports?year=2023&market=KZ"), runs),
    )
    show("GET /api/v1/exports/series", timed(endpoint("/api/v1/exports/series"), runs))
    show("GET /api/v1/exports.csv", timed(endpoint("/api/v1/exports.csv"), runs))
    show("GET /api/v1/ping (trivial, same token check)", timed(endpoint("/api/v1/ping"), runs))
    slow = show("same figures by a full scan of the orders", timed(full_scan, max(3, runs // 10)))
    print(
        f"full scan / endpoint: {slow / fast:,.0f}x; "
        f"2025: {body['units']:,} units, {body['change_pct']:+.1f} % on 2024"
    )
    verdict = "PASS" if fast < 100 else "FAIL"
    print(f"{verdict}: endpoint median {fast:.2f} ms (target < 100 ms over {rows:,} rows)")


if __name__ == "__main__":
    main()
